import Foundation
import TestSupport
import Testing

/// The server gate (`flowctl hook pre-receive` in a bare repository) over every transport: a
/// path, a `file://` URL, git://, ssh and smart HTTP. The oracle is `git push` of the same
/// commits to the same server: the same verdict and the same whole `remote:` lines.
@Suite(.serialized) struct ServerGateTests {

    static func gated(_ session: Session) throws -> String {
        let root = try TransportTests.seeded(session)
        let hook = root + "/server.git/hooks/pre-receive"
        try "#!/bin/sh\nexec '\(Session.binary)' hook pre-receive\n".write(
            toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        return root
    }

    /// Clones `url`, pushes a valid save (the gate lets it in), then saves three faults in two
    /// flows (a webhook with no URL, an extension another flow has, a callflow to a flow that
    /// does not exist) and pushes them with flowctl, then with git: both refused, with the same
    /// `remote:` lines; nothing reached the server.
    static func sameVerdict(_ session: Session, root: String, url: String, environment: [String: String]) throws {
        let folder = session.scratch.path
        let cloned = try run(Session.binary, ["clone", url, "one"], in: folder, environment: environment)
        try #require(cloned.status == 0, "clone \(url): \(cloned.stderr)")
        let one = folder + "/one"
        func flowctl(_ arguments: String...) throws -> ProcessResult {
            try run(Session.binary, arguments, in: one, environment: environment)
        }
        #expect(try flowctl("set", "hello", "text=Hi").status == 0)
        #expect(try flowctl("save", "-m", "Hi").status == 0)
        let accepted = try flowctl("push")
        #expect(accepted.status == 0, "push \(url): \(accepted.stderr)")
        let server = GitCLI(directory: root + "/server.git", environment: environment)
        let git = GitCLI(directory: one, environment: environment)
        #expect(try server("rev-parse", "flows/support") == git("rev-parse", "flows/support"), "over \(url)")
        let before = try server("for-each-ref")

        for step in [
            ["add-block", "webhook", "--id", "crm"], ["save", "-m", "No URL"],
            ["create", "Sales", "--seat", "bob", "--extension", "101"],
            ["add-block", "callflow", "--id", "jump", "--set", "flow=nowhere"], ["save", "-m", "Jump"],
        ] {
            let result = try run(Session.binary, step, in: one, environment: environment)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        let refused = try flowctl("push", "--all")
        let byGit = try git.run(["push", "origin", "flows/sales", "flows/support"])
        #expect(refused.status == 1 && byGit.status != 0, "over \(url): \(refused.stderr)\n\(byGit.stderr)")
        let flowctlLines = remoteLines(refused.stderr)
        #expect(flowctlLines == remoteLines(byGit.stderr), "over \(url)")
        #expect(
            flowctlLines.contains { $0.contains("flows/support: block crm: url: url is required") }, "\(flowctlLines)")
        #expect(flowctlLines.contains { $0.contains("101") }, "the extension clash: \(flowctlLines)")
        #expect(flowctlLines.contains { $0.contains("nowhere") }, "the missing flow: \(flowctlLines)")
        #expect(refused.stderr.contains("error: support: origin refused it: pre-receive hook declined"))
        #expect(try server("for-each-ref") == before, "nothing reached the server over \(url)")
        for repository in [one, root + "/server.git"] {
            let fsck = try GitCLI(directory: repository, environment: environment).run(["fsck", "--strict"])
            #expect(fsck.status == 0, "\(fsck.stderr)")
        }
    }

    /// The `remote:` lines of a push's stderr, without the padding git adds to clear the rest of
    /// a line on a terminal ("        " when not on one).
    static func remoteLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("remote:") }.map {
            String($0.replacingOccurrences(of: "\u{1B}[K", with: "").reversed().drop { $0 == " " }.reversed())
        }
    }

    @Test func aPath() throws {
        let session = try Session()
        let root = try Self.gated(session)
        try Self.sameVerdict(session, root: root, url: root + "/server.git", environment: session.environment)
    }

    @Test func aFileURL() throws {
        let session = try Session()
        let root = try Self.gated(session)
        try Self.sameVerdict(
            session, root: root, url: "file://" + root + "/server.git", environment: session.environment)
    }

    @Test func gitDaemon() throws {
        let session = try Session()
        let root = try Self.gated(session)
        let daemon = try GitServer.daemon(root: root)
        try Self.sameVerdict(session, root: root, url: daemon.url("server.git"), environment: session.environment)
    }

    @Test func ssh() throws {
        let session = try Session()
        let root = try Self.gated(session)
        let server = try TransportTests.sshServer(session, root: root)
        let ssh = session.home.path + "/.ssh"
        try (try server.knownHostsLine + "\n").write(toFile: ssh + "/known_hosts", atomically: true, encoding: .utf8)
        var environment = session.environment
        // OpenSSH finds `~` in the password database, not in HOME: git's ssh is told outright.
        environment["GIT_SSH_COMMAND"] =
            "ssh -i \(ssh)/id_ed25519 -o IdentitiesOnly=yes -o UserKnownHostsFile=\(ssh)/known_hosts "
            + "-o StrictHostKeyChecking=yes"
        try Self.sameVerdict(session, root: root, url: server.url("server.git"), environment: environment)
    }

    @Test func smartHTTP() throws {
        let session = try Session()
        let root = try Self.gated(session)
        let server = try GitServer.http(root: root, user: "flows", password: "s3cret-pw")
        let environment = try TransportTests.askpass(session, password: "s3cret-pw")
        try Self.sameVerdict(session, root: root, url: server.url("server.git"), environment: environment)
    }
}
