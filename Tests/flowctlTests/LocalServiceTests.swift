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
        #expect(fetched.stderr.contains("'\(missing)' does not appear to be a git repository"), "\(fetched.stderr)")
    }
}
