import Foundation
import TestSupport
import Testing

/// A shared bare repository, as on a server: flowctl reads it, and its pre-receive hook rejects
/// pushes that would leave a flow failing validate or two flows claiming one extension.
@Suite struct ServerTests {
    /// A clone (`repo`) of a bare repository (`server.git`) holding two valid flows, with
    /// `flowctl hook pre-receive` installed as the server's hook.
    static func server(hook: Bool = true) throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support", "--seat", "alice", "--extension", "101")
        try session.flowctl("create", "After Hours", "--seat", "bob", "--extension", "102")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("save", "-m", "Voicemail")
        let scratch = GitCLI(directory: session.scratch.path, environment: session.environment)
        try scratch("clone", "-q", "--bare", "repo", "server.git")
        try session.git("remote", "add", "origin", session.scratch.path + "/server.git")
        try session.git("fetch", "-q", "origin")
        if hook {
            let path = session.scratch.path + "/server.git/hooks/pre-receive"
            try "#!/bin/sh\nexec '\(Session.binary)' hook pre-receive\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return session
    }

    @Test func readCommandsWorkOnTheBareRepository() throws {
        let session = try Self.server(hook: false)
        let bare = session.scratch.path + "/server.git"
        func flowctl(_ arguments: String...) throws -> ProcessResult {
            try run(Session.binary, arguments, in: bare, environment: session.environment)
        }
        #expect(try flowctl("list").stdout.contains("after-hours"))
        #expect(try flowctl("show", "after-hours").stdout.contains("vm (voicemail)"))
        #expect(try flowctl("log", "after-hours", "--oneline").stdout.split(separator: "\n").count == 2)
        #expect(try flowctl("diff", "after-hours", "@~1", "@").stdout.contains("block vm: added"))
        #expect(try flowctl("validate", "--all").status == 0)
        let every = try flowctl("validate")  // no open flow on a server: every flow
        #expect(every.status == 0 && every.stdout.contains("No problems found."), "\(every.stdout)\(every.stderr)")
        #expect(try flowctl("status").stdout.hasPrefix("A bare repository"))
        let edit = try flowctl("set-main", "--seat", "carol")
        #expect(edit.status == 1 && edit.stderr.contains("is a bare repository: flows are read here"), "\(edit.stderr)")
    }

    @Test func theHookRejectsAnInvalidFlowAndAClashAndLetsAValidPushLand() throws {
        let session = try Self.server()
        let before = try GitCLI(directory: session.scratch.path + "/server.git", environment: session.environment)(
            "for-each-ref")
        try session.flowctl("add-block", "webhook", "--id", "crm")  // no url: an error
        try session.flowctl("save", "-m", "Webhook without a URL")
        let invalid = try session.git.run(["push", "origin", "flows/after-hours"])
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("flows/after-hours: block crm: url: url is required"), "\(invalid.stderr)")
        #expect(invalid.stderr.contains("pre-receive hook declined"))
        try session.flowctl("set", "crm", "url=https://hooks.example.com/calls")
        try session.flowctl("set-main", "--extension", "101")  // Support's
        try session.flowctl("save", "-m", "Take 101")
        let clash = try session.git.run(["push", "origin", "flows/after-hours"])
        #expect(
            clash.status != 0 && clash.stderr.contains("extension 101 is also claimed by support"), "\(clash.stderr)")
        let server = GitCLI(directory: session.scratch.path + "/server.git", environment: session.environment)
        #expect(try server("for-each-ref") == before, "a rejected push changes nothing on the server")
        try session.flowctl("set-main", "--extension", "103")
        try session.flowctl("save", "-m", "Its own extension")
        let valid = try session.git.run(["push", "origin", "flows/after-hours"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(try server("rev-parse", "flows/after-hours") == (try session.git("rev-parse", "flows/after-hours")))
        #expect(try server.run(["fsck", "--strict"]).status == 0)
    }

    @Test func refsOutsideFlowsAndDeletionsPass() throws {
        let session = try Self.server()
        try session.git("push", "-q", "origin", "flows/support:refs/heads/main")
        try session.git("push", "-q", "origin", ":flows/support")
        let server = GitCLI(directory: session.scratch.path + "/server.git", environment: session.environment)
        #expect(try server.run(["rev-parse", "--verify", "-q", "flows/support"]).status != 0)
    }

    @Test func deletingAFlowAnotherHandsCallsToIsRejected() throws {
        let session = try Self.server()
        #expect(try session.flowctl("add-block", "callflow", "--id", "jump", "--set", "flow=support").status == 0)
        try session.flowctl("save", "-m", "Then Support")
        #expect(try session.git.run(["push", "-q", "origin", "flows/after-hours"]).status == 0)
        let deletion = try session.git.run(["push", "origin", ":flows/support"])
        #expect(deletion.status != 0)
        #expect(
            deletion.stderr.contains(
                "flows/after-hours: block jump: hands calls to flow 'support', which this push deletes"),
            "\(deletion.stderr)")
        let server = GitCLI(directory: session.scratch.path + "/server.git", environment: session.environment)
        #expect(try server.run(["rev-parse", "--verify", "-q", "flows/support"]).status == 0)
    }
}
