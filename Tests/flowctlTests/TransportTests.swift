import Foundation
import TestSupport
import Testing

/// clone, push and pull over real git servers started on 127.0.0.1 from Debian's packages:
/// git daemon (git://), git http-backend behind lighttpd with basic authentication (https's
/// credentials path), and OpenSSH's sshd with a key made for the test.
@Suite(.serialized) struct TransportTests {
    /// A bare repository `server.git` under a served root, seeded with flow support.
    static func seeded(_ session: Session) throws -> String {
        let root = session.scratch.path + "/served"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try session.flowctl("init", "seed", in: session.scratch.path)
        let seed = session.scratch.path + "/seed"
        for step in [
            ["create", "Support", "--seat", "alice", "--extension", "101"],
            ["add-block", "tts", "--id", "hello", "--set", "text=Hello"], ["save", "-m", "Base"],
        ] {
            #expect(try run(Session.binary, step, in: seed, environment: session.environment).status == 0)
        }
        let git = GitCLI(directory: session.scratch.path, environment: session.environment)
        try git("clone", "-q", "--bare", "seed", root + "/server.git")
        try GitCLI(directory: root + "/server.git", environment: session.environment)(
            "config", "http.receivepack", "true")
        return root
    }

    /// Clones `url` twice, saves in one, pushes, and pulls into the other.
    static func roundTrip(_ session: Session, url: String, environment: [String: String]? = nil) throws {
        let environment = environment ?? session.environment
        let root = session.scratch.path
        for name in ["one", "two"] {
            let cloned = try run(Session.binary, ["clone", url, name], in: root, environment: environment)
            #expect(cloned.status == 0, "clone \(url): \(cloned.stderr)")
        }
        let one = root + "/one", two = root + "/two"
        #expect(try run(Session.binary, ["set", "hello", "text=Hi"], in: one, environment: environment).status == 0)
        #expect(try run(Session.binary, ["save", "-m", "Hi"], in: one, environment: environment).status == 0)
        let pushed = try run(Session.binary, ["push"], in: one, environment: environment)
        #expect(pushed.status == 0, "push \(url): \(pushed.stderr)")
        let pulled = try run(Session.binary, ["pull"], in: two, environment: environment)
        #expect(
            pulled.status == 0 && pulled.stdout.contains("fast-forward"),
            "pull \(url): \(pulled.stdout)\(pulled.stderr)")
        #expect(try String(contentsOfFile: two + "/blocks/hello.yaml", encoding: .utf8).contains("text: Hi"))
        for folder in [one, two] {
            #expect(try GitCLI(directory: folder, environment: environment).run(["fsck", "--strict"]).status == 0)
        }
    }

    @Test func gitDaemon() throws {
        let session = try Session()
        let root = try Self.seeded(session)
        let daemon = try GitServer.daemon(root: root)
        try Self.roundTrip(session, url: daemon.url("server.git"))
        // The server's hook refuses an invalid flow; its reasons reach the pusher.
        let hook = root + "/server.git/hooks/pre-receive"
        try "#!/bin/sh\nexec '\(Session.binary)' hook pre-receive\n".write(
            toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let one = session.scratch.path + "/one"
        try run(Session.binary, ["add-block", "webhook", "--id", "crm"], in: one, environment: session.environment)
        try run(Session.binary, ["save", "-m", "No URL"], in: one, environment: session.environment)
        let refused = try run(Session.binary, ["push"], in: one, environment: session.environment)
        #expect(refused.status == 1, "\(refused.stdout)")
        #expect(
            refused.stderr.contains("remote:   flows/support: block crm: url: url is required"), "\(refused.stderr)")
        #expect(refused.stderr.contains("error: support: origin refused it: pre-receive hook declined"))
    }

    static func askpass(_ session: Session, password: String) throws -> [String: String] {
        let script = session.home.path + "/askpass"
        try "#!/bin/sh\ncase \"$1\" in Username*) echo flows;; *) echo \(password);; esac\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        var environment = session.environment
        environment["GIT_ASKPASS"] = script
        environment["GIT_TERMINAL_PROMPT"] = "0"
        return environment
    }

    @Test func httpBackendWithCredentialsFromAskpassAndFromAHelper() throws {
        let session = try Session()
        let root = try Self.seeded(session)
        let server = try GitServer.http(root: root, user: "flows", password: "s3cret-pw")
        let environment = try Self.askpass(session, password: "s3cret-pw")
        try Self.roundTrip(session, url: server.url("server.git"), environment: environment)
        // Never written to the repository, never printed.
        let config = try String(contentsOfFile: session.scratch.path + "/one/.git/config", encoding: .utf8)
        #expect(!config.contains("s3cret-pw"))
        // A credential helper's answer works as well, with no askpass.
        var helped = session.environment
        helped["GIT_TERMINAL_PROMPT"] = "0"
        try GitCLI(directory: session.scratch.path, environment: helped)(
            "config", "--global", "credential.helper", "store")
        try "http://flows:s3cret-pw@127.0.0.1:\(server.port)\n".write(
            toFile: session.home.path + "/.git-credentials", atomically: true, encoding: .utf8)
        let cloned = try run(
            Session.binary, ["clone", server.url("server.git"), "three"], in: session.scratch.path, environment: helped)
        #expect(cloned.status == 0, "\(cloned.stderr)")
        #expect(!(cloned.stdout + cloned.stderr).contains("s3cret-pw"))
    }

    @Test func aRejectedCredentialIsOneClearErrorAndLeavesNothing() throws {
        let session = try Session()
        let root = try Self.seeded(session)
        let server = try GitServer.http(root: root, user: "flows", password: "s3cret-pw")
        let environment = try Self.askpass(session, password: "wrong")
        let started = Date()
        let cloned = try run(
            Session.binary, ["clone", server.url("server.git"), "one"], in: session.scratch.path,
            environment: environment)
        #expect(cloned.status == 1)
        #expect(cloned.stderr.contains("refused the credentials for flows"), "\(cloned.stderr)")
        #expect(cloned.stderr.components(separatedBy: "error:").count == 2, "one error: \(cloned.stderr)")
        #expect(Date().timeIntervalSince(started) < 30, "no retry loop")
        #expect(!FileManager.default.fileExists(atPath: session.scratch.path + "/one"))
        var none = session.environment
        none["GIT_TERMINAL_PROMPT"] = "0"
        let noCredentials = try run(
            Session.binary, ["clone", server.url("server.git"), "two"], in: session.scratch.path, environment: none)
        #expect(
            noCredentials.status == 1 && noCredentials.stderr.contains("127.0.0.1 needs credentials"),
            "\(noCredentials.stderr)")
    }

    /// A key made for the test, in `~/.ssh`, and the server that lets it in.
    static func sshServer(_ session: Session, root: String) throws -> GitServer {
        let ssh = session.home.path + "/.ssh"
        try FileManager.default.createDirectory(atPath: ssh, withIntermediateDirectories: true)
        try runTool("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", ssh + "/id_ed25519"])
        let key = try String(contentsOfFile: ssh + "/id_ed25519.pub", encoding: .utf8)
        return try GitServer.ssh(root: root, authorizedKey: key.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func sshWithAKeyAndAKnownHost() throws {
        let session = try Session()
        let root = try Self.seeded(session)
        let server = try Self.sshServer(session, root: root)
        let unknown = try run(
            Session.binary, ["clone", server.url("server.git"), "one"], in: session.scratch.path,
            environment: session.environment)
        #expect(unknown.status == 1 && unknown.stderr.contains("is not a known host"), "\(unknown.stderr)")
        try (try server.knownHostsLine + "\n").write(
            toFile: session.home.path + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
        try Self.roundTrip(session, url: server.url("server.git"))
    }

    @Test func sshThroughTheAgent() throws {
        let session = try Session()
        let root = try Self.seeded(session)
        let server = try Self.sshServer(session, root: root)
        try (try server.knownHostsLine + "\n").write(
            toFile: session.home.path + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
        let socket = session.home.path + "/agent.sock"
        let agent = try spawn("/usr/bin/ssh-agent", ["-D", "-a", socket], log: session.home.path + "/agent.log")
        defer {
            kill(agent, SIGKILL)
            var status: Int32 = 0
            waitpid(agent, &status, 0)
        }
        var environment = session.environment
        environment["SSH_AUTH_SOCK"] = socket
        // The socket file appears at bind(), before the agent listens: wait until `ssh-add -l`
        // reaches it (exit 1, no identities yet; 2 is "could not connect").
        let deadline = Date().addingTimeInterval(10)
        var listed = try runToolStatus("/usr/bin/ssh-add", ["-l"], environment: environment)
        while listed.status == 2 && Date() < deadline {
            usleep(20_000)
            listed = try runToolStatus("/usr/bin/ssh-add", ["-l"], environment: environment)
        }
        try #require(
            listed.status == 1,
            "ssh-agent not answering after 10 s: \(listed.output) \((try? String(contentsOfFile: session.home.path + "/agent.log", encoding: .utf8)) ?? "")"
        )
        try runTool("/usr/bin/ssh-add", ["-q", session.home.path + "/.ssh/id_ed25519"], environment: environment)
        // The key file is gone: only the agent has it.
        try FileManager.default.removeItem(atPath: session.home.path + "/.ssh/id_ed25519")
        try Self.roundTrip(session, url: server.url("server.git"), environment: environment)
        var noAgent = session.environment
        noAgent["SSH_AUTH_SOCK"] = nil
        let refused = try run(
            Session.binary, ["clone", server.url("server.git"), "three"], in: session.scratch.path, environment: noAgent
        )
        #expect(refused.status == 1 && refused.stderr.contains("the server accepted no key"), "\(refused.stderr)")
    }
}
