import Foundation
import TestSupport
import Testing

/// After a plain `git clone` of a shared bare repository, every flow on the remote is a flow:
/// listed (marked as only on the remote), read, validated, opened (which makes its local branch,
/// tracking the remote's, as git switch does), and its id is never given to a new flow.
@Suite struct RemoteFlowTests {
    /// A repository with two flows, pushed to a bare one by path, and a plain git clone of it with
    /// only the remote's HEAD flow checked out.
    static func clone() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "first", in: session.scratch.path)
        let first = session.scratch.path + "/first"
        try run(Session.binary, ["create", "Support", "--seat", "alice"], in: first, environment: session.environment)
        try run(
            Session.binary, ["create", "After Hours", "--seat", "bob"], in: first, environment: session.environment)
        try run(
            Session.binary,
            ["add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"], in: first,
            environment: session.environment)
        try run(Session.binary, ["save", "-m", "Voicemail"], in: first, environment: session.environment)
        let git = GitCLI(directory: session.scratch.path, environment: session.environment)
        try git("clone", "-q", "--bare", "first", "server.git")
        try git("clone", "-q", "server.git", "repo")
        return session
    }

    @Test func remoteFlowsAreListedReadAndValidated() throws {
        let session = try Self.clone()
        let list = try session.flowctl("list").stdout
        #expect(list.contains("support") && list.contains("only on origin"), "\(list)")
        #expect(list.contains("after-hours") && list.contains("origin: up to date"), "\(list)")
        let json = try session.flowctl("list", "--json").stdout
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let support = try #require(entries.first { $0["id"] as? String == "support" })
        #expect(support["only_on_remote"] as? Bool == true && support["remote"] as? String == "origin")
        #expect(try session.flowctl("show", "support").stdout.contains("seat:      alice"))
        #expect(try session.flowctl("log", "support", "--oneline").status == 0)
        let validate = try session.flowctl("validate", "--all").stdout
        #expect(validate.contains("support:") && validate.contains("after-hours:"), "\(validate)")
    }

    @Test func newFlowsNeverTakeARemoteFlowsID() throws {
        let session = try Self.clone()
        let created = try session.flowctl("create", "Support!", "--seat", "dan")
        #expect(created.status == 0 && created.stdout.contains("support-2"), "\(created.stdout)\(created.stderr)")
        #expect(
            try session.flowctl("create", "Support", "--seat", "eve").status == 1, "the remote flow's name is taken")
    }

    @Test func openingARemoteFlowMakesItsTrackingBranch() throws {
        let session = try Self.clone()
        let opened = try session.flowctl("open", "support")
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try session.git("config", "branch.flows/support.remote") == "origin")
        #expect(try session.git("config", "branch.flows/support.merge") == "refs/heads/flows/support")
        #expect(try session.git("rev-parse", "flows/support") == (try session.git("rev-parse", "origin/flows/support")))
        #expect(try session.read("flow.yaml").contains("seat: alice"))
        try session.flowctl("set-main", "--seat", "frank")
        try session.flowctl("save", "-m", "Frank")
        #expect(try session.flowctl("list").stdout.contains("origin: ahead 1"))
        #expect(try session.git("branch", "-vv").contains("[origin/flows/support: ahead 1]"))
        #expect(try session.git.run(["fsck", "--strict"]).status == 0)
    }

    @Test func changingARemoteFlowWithoutItsBranchIsRefused() throws {
        let session = try Self.clone()
        let before = try session.snapshot()
        for arguments in [
            ["delete", "support", "--yes"], ["rename", "support", "Help Desk"], ["publish", "support"],
        ] {
            let refused = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(refused.status == 1 && refused.stderr.contains("is only on remote 'origin'"), "\(refused.stderr)")
        }
        #expect(try session.snapshot() == before)
    }

    /// A push of one flow or of many (read in one pass over the branches past a few dozen) refuses
    /// a flow that is only on the remote, and sends nothing: the server's refs are the oracle.
    @Test(arguments: [0, 40]) func pushingARemoteFlowWithoutItsBranchIsRefused(others: Int) throws {
        let session = try Self.clone()
        let open = try session.git("symbolic-ref", "--short", "HEAD")
        for n in 0..<others { try session.git("branch", "flows/copy-\(n)", open) }
        let server = GitCLI(directory: session.scratch.path + "/server.git", environment: session.environment)
        let refsBefore = try server("for-each-ref")
        let arguments = ["push"] + (0..<others).map { "copy-\($0)" } + ["support"]
        let refused = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
        #expect(refused.status == 1 && refused.stderr.contains("is only on remote 'origin'"), "\(refused.stderr)")
        #expect(try server("for-each-ref") == refsBefore)
    }
}
