import Foundation
import TestSupport
import Testing

/// Every reading command takes a remote's flow after a fetch (#28). The other side is the
/// oracle: what a command says of `origin/support` in a clone that only fetched is what it says
/// of `support` in a clone that pulled the same saves; and reading changes nothing.
@Suite struct RemoteReadingTests {
    /// Two saves on flow support to push: a new text, a rename (blame follows it back) and a
    /// webhook no call reaches, with a password in its URL (validate and export warn of them).
    static let changes = [
        ["set", "hello", "text=From the other side"], ["save", "-m", "New greeting"],
        ["rename-block", "hello", "greeting"],
        ["add-block", "webhook", "--id", "crm", "--set", "url=https://ada:secret@crm.example.com/hook"],
        ["save", "-m", "CRM hook"],
    ]

    /// Each reading command, as run in the clone that fetched (naming the remote's flow) and in
    /// the one that pulled (naming the flow), `old` being the tip both had before.
    static func readings(old: String) -> [(fetched: [String], pulled: [String])] {
        [
            (["blame", "origin/flows/support"], ["blame", "support"]),
            (["blame", "origin/support", "--json"], ["blame", "support", "--json"]),
            (["validate", "origin/support"], ["validate", "support"]),
            (["validate", "origin/flows/support", "--json"], ["validate", "support", "--json"]),
            (["export", "origin/support"], ["export", "support"]),
            (["log", "origin/support", "--oneline"], ["log", "support", "--oneline"]),
            (["show", "origin/flows/support", "--format", "yaml"], ["show", "support", "--format", "yaml"]),
            (["render", "origin/support", "--format", "mermaid"], ["render", "support", "--format", "mermaid"]),
            (
                ["simulate", "origin/support", "--dry-run", "--at", "2026-11-30T09:30:00+00:00"],
                ["simulate", "support", "--dry-run", "--at", "2026-11-30T09:30:00+00:00"]
            ),
            // What a pull brings, and the flow here against the remote's.
            (["diff", "support", "@", "origin/support"], ["diff", "support", old, "@"]),
            (["diff", "origin/support"], ["diff", "support", "@", old]),
            (["review", "support", "\(old)..origin/support"], ["review", "support", "\(old)..@"]),
            (["review", "\(old)..origin/flows/support", "--json"], ["review", "support", "\(old)..@", "--json"]),
        ]
    }

    /// What git says of a clone's state: nothing a reading command may change.
    static func state(_ git: GitCLI) throws -> [String] {
        try [git("status", "--porcelain"), git("for-each-ref"), git("rev-parse", "HEAD")]
    }

    /// Runs every reading in both clones and compares what they print and how they exit.
    static func expectSameReadings(fetched: String, pulled: String, environment: [String: String]) throws {
        let git = GitCLI(directory: fetched, environment: environment)
        let old = try git("rev-parse", "--short=7", "flows/support")
        let before = try state(git)
        for (remote, local) in readings(old: old) {
            let byRemote = try run(Session.binary, remote, in: fetched, environment: environment)
            let byLocal = try run(Session.binary, local, in: pulled, environment: environment)
            // The same saves under the names each side gave them.
            let labelled = { (text: String) in
                text.replacingOccurrences(of: "origin/flows/support", with: "@").replacingOccurrences(
                    of: "origin/support", with: "@")
            }
            #expect(byRemote.status == byLocal.status, "\(remote): \(byRemote.stderr) / \(local): \(byLocal.stderr)")
            #expect(byLocal.status == 0 && !byLocal.stdout.isEmpty, "\(local): \(byLocal.stderr)")
            #expect(labelled(byRemote.stdout) == byLocal.stdout, "\(remote) / \(local)")
            #expect(byRemote.stderr == byLocal.stderr, "\(remote) / \(local)")
        }
        #expect(try state(git) == before, "reading the remote's flow changed nothing")
    }

    @Test func aRemotesFlowReadsAsTheFlowAfterAPullOverABareRepository() throws {
        let team = try TeamTests.Team()
        try team.flowctl(["clone", "server.git", "c"], in: team.root).expectSuccess()
        for step in Self.changes { try team.flowctl(step, in: team.a).expectSuccess() }
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["fetch"], in: team.b).expectSuccess()
        try team.flowctl(["pull"], in: team.root + "/c").expectSuccess()
        try Self.expectSameReadings(fetched: team.b, pulled: team.root + "/c", environment: team.session.environment)
        try team.expectNothingLost()
    }

    @Test func aRemotesFlowReadsAsTheFlowAfterAPullOverGitDaemon() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let daemon = try GitServer.daemon(root: root)
        let environment = session.environment
        for name in ["one", "two", "three"] {
            try run(
                Session.binary, ["clone", daemon.url("server.git"), name], in: session.scratch.path,
                environment: environment
            )
            .expectSuccess()
        }
        let folder = { (name: String) in session.scratch.path + "/" + name }
        for step in Self.changes {
            try run(Session.binary, step, in: folder("one"), environment: environment).expectSuccess()
        }
        try run(Session.binary, ["push"], in: folder("one"), environment: environment).expectSuccess()
        try run(Session.binary, ["fetch"], in: folder("two"), environment: environment).expectSuccess()
        try run(Session.binary, ["pull"], in: folder("three"), environment: environment).expectSuccess()
        try Self.expectSameReadings(fetched: folder("two"), pulled: folder("three"), environment: environment)
    }

    /// A remote's flow the last fetch did not bring is named with the remote and the fetch that
    /// would; a command that changes flows refuses a remote's flow in those words. Either way,
    /// exit 1 and nothing changed.
    @Test func anUnknownRemoteFlowAndAWritingCommandAreRefusedClearly() throws {
        let team = try TeamTests.Team()
        let git = team.git(team.b)
        let before = try Self.state(git)
        for command in ["blame", "validate", "export", "log", "show", "render", "simulate", "diff", "review"] {
            let result = try team.flowctl([command, "origin/nope"], in: team.b)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(
                result.stderr.contains("remote 'origin' had no flow 'nope' at the last fetch")
                    && result.stderr.contains("'flowctl fetch origin'"), "\(command): \(result.stderr)")
        }
        for command in [
            ["open", "origin/support"], ["delete", "origin/flows/support"], ["duplicate", "origin/support"],
            ["rename", "origin/support", "Other"], ["publish", "origin/support"],
        ] {
            let result = try team.flowctl(command, in: team.b)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(
                result.stderr.contains("is flow 'support' as remote 'origin' had it at the last fetch: only reading "),
                "\(command): \(result.stderr)")
        }
        #expect(try Self.state(git) == before)
        try team.expectNothingLost()
    }
}
