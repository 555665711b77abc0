import Foundation
import TestSupport
import Testing

/// A push to, or a fetch from, a path runs git's own receive-pack or upload-pack; its stderr
/// goes to a file of flowctl's. These check that file from the other side: the server's hook
/// lists the temporary folder while the push is under way, and git's own words reach the user.
@Suite struct LocalServiceTests {
    @Test func aPushByPathLeavesNoFileInTheTemporaryFolderEvenWhileItRuns() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let temporary = session.scratch.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        var environment = session.environment
        environment["TMPDIR"] = temporary
        let hook = root + "/server.git/hooks/pre-receive"
        try "#!/bin/sh\nls -A \"$TMPDIR\" | sed 's/^/in tmp: /' >&2\necho hook ran >&2\nexit 1\n".write(
            toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let folder = session.scratch.path
        let cloned = try run(
            Session.binary, ["clone", root + "/server.git", "one"], in: folder, environment: environment)
        #expect(cloned.status == 0)
        let one = folder + "/one"
        #expect(try run(Session.binary, ["set", "hello", "text=Hi"], in: one, environment: environment).status == 0)
        #expect(try run(Session.binary, ["save", "-m", "Hi"], in: one, environment: environment).status == 0)

        let refused = try run(Session.binary, ["push"], in: one, environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("remote: hook ran"), "the hook ran during the push: \(refused.stderr)")
        #expect(!refused.stderr.contains("in tmp:"), "a file in the temporary folder mid-push: \(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    /// git's transfers do not need TMPDIR; flowctl's do not either when it is gone.
    @Test func aPushAndAFetchByPathWorkWithATemporaryFolderThatIsGone() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        var environment = session.environment
        environment["TMPDIR"] = session.scratch.path + "/gone"
        let folder = session.scratch.path
        for name in ["one", "two"] {
            let cloned = try run(
                Session.binary, ["clone", root + "/server.git", name], in: folder, environment: environment)
            #expect(cloned.status == 0, "\(cloned.stderr)")
        }
        let one = folder + "/one", two = folder + "/two"
        #expect(try run(Session.binary, ["set", "hello", "text=Hi"], in: one, environment: environment).status == 0)
        #expect(try run(Session.binary, ["save", "-m", "Hi"], in: one, environment: environment).status == 0)
        let pushed = try run(Session.binary, ["push"], in: one, environment: environment)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let pulled = try run(Session.binary, ["pull"], in: two, environment: environment)
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(try String(contentsOfFile: two + "/blocks/hello.yaml", encoding: .utf8).contains("text: Hi"))
    }

    @Test func whatGitSaysWhenThePathIsNoRepositoryIsTheError() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let folder = session.scratch.path
        #expect(try session.flowctl("clone", root + "/server.git", "one", in: folder).status == 0)
        let one = folder + "/one"
        let missing = folder + "/gone.git"
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: true)
        try GitCLI(directory: one, environment: session.environment)("remote", "set-url", "origin", missing)

        let fetched = try session.flowctl("fetch", in: one)
        #expect(fetched.status != 0)
        // git upload-pack's own line, as `git fetch` shows it.
        let byGit = try GitCLI(directory: one, environment: session.environment).run(["fetch", "origin"])
        #expect(byGit.stderr.contains("'\(missing)' does not appear to be a git repository"), "\(byGit.stderr)")
        #expect(
            fetched.stderr.contains("error: '\(missing)' does not appear to be a git repository"), "\(fetched.stderr)")
        #expect(!fetched.stderr.contains("fatal:"), "\(fetched.stderr)")
    }

    /// A fetch by path of more than git's unpack limit (100 objects, kept as a pack): git's fetch-pack brings the
    /// objects (a `git` on PATH that logs its calls says so), the remote-tracking branches are
    /// what `git fetch` makes of the same push, and the pack fetch-pack locked is unlocked.
    @Test func aFetchByPathUsesGitsFetchPackAndRecordsWhatGitFetchDoes() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let folder = session.scratch.path
        let wrappers = folder + "/bin"
        try FileManager.default.createDirectory(atPath: wrappers, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"$@\" >> '\(folder)/git-calls'\nexec /usr/bin/git \"$@\"\n".write(
            toFile: wrappers + "/git", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrappers + "/git")
        var logged = session.environment
        logged["PATH"] = wrappers + ":" + (logged["PATH"] ?? "/usr/bin:/bin")
        for name in ["one", "two"] {
            #expect(try session.flowctl("clone", root + "/server.git", name, in: folder).status == 0)
        }
        try GitCLI(directory: folder, environment: session.environment)("clone", "-q", root + "/server.git", "three")
        let one = folder + "/one", two = folder + "/two", three = folder + "/three"
        for index in 1...120 {  // blocks written as a user's editor would
            try "type: tts\ntext: Line \(index)\n".write(
                toFile: one + "/blocks/say\(index).yaml", atomically: true, encoding: .utf8)
        }
        #expect(try session.flowctl("save", "-m", "120 lines", in: one).status == 0)
        #expect(try session.flowctl("push", in: one).status == 0)
        // A ref outside what a fetch records (refs/junk/): git fetch leaves its objects there.
        let server = GitCLI(directory: root + "/server.git", environment: session.environment)
        let junkTree = try server("write-tree")  // the empty index: an empty tree
        let junk = try server("commit-tree", junkTree, "-m", "junk \(UUID())")
        try server("update-ref", "refs/junk/x", junk)

        let fetched = try run(Session.binary, ["fetch"], in: two, environment: logged)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let calls = try String(contentsOfFile: folder + "/git-calls", encoding: .utf8)
        #expect(calls.contains("fetch-pack --stdin --no-progress \(root)/server.git"), "\(calls)")
        try GitCLI(directory: three, environment: session.environment)("fetch", "-q", "origin")
        let remoteBranches = { (repository: String) in
            try GitCLI(directory: repository, environment: session.environment)(
                "for-each-ref", "--format=%(objectname) %(refname)", "refs/remotes/origin/flows/", "refs/tags/")
        }
        #expect(try remoteBranches(two) == remoteBranches(three))
        for repository in [two, three] {
            let object = try GitCLI(directory: repository, environment: session.environment).run([
                "cat-file", "-e", junk,
            ])
            #expect(object.status != 0, "\(repository) has the junk commit")
        }
        let packs = try FileManager.default.contentsOfDirectory(atPath: two + "/.git/objects/pack")
        #expect(packs.contains { $0.hasSuffix(".pack") } && !packs.contains { $0.hasSuffix(".keep") }, "\(packs)")
        #expect(try GitCLI(directory: two, environment: session.environment).run(["fsck", "--strict"]).status == 0)
    }
}
