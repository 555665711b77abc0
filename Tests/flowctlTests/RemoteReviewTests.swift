import Foundation
import TestSupport
import Testing

/// Reviewing remote work before taking it: where each flow stands against its remote branch,
/// a push that sends nothing, a pull that only fast-forwards, and removing a flow from the
/// server through its gate. Pushes to the bare repository go through git's receive-pack, and
/// git's own answer to the same case is the oracle.
@Suite struct RemoteReviewTests {
    /// git's count of the saves on each side, as `git status` works it out.
    static func gitCounts(_ git: GitCLI) throws -> (ahead: Int, behind: Int) {
        let counts = try git("rev-list", "--left-right", "--count", "flows/support...origin/flows/support")
            .split(separator: "\t").compactMap { Int($0) }
        return (counts[0], counts[1])
    }

    @Test func statusAndListSayWhereEachFlowStandsAgainstItsRemote() throws {
        let team = try TeamTests.Team()
        func status() throws -> String { try team.flowctl(["status"], in: team.b).stdout }
        var said = try status()
        #expect(said.contains("Up to date with origin."), "\(said)")
        try team.flowctl(["set", "hello", "text=Hi"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Hi"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["fetch"], in: team.b).expectSuccess()
        #expect(try Self.gitCounts(team.git(team.b)) == (0, 1))
        said = try status()
        #expect(said.contains("Behind origin by 1 save; 'flowctl pull' brings it."), "\(said)")
        try team.flowctl(["set", "notify", "retries=3"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "Retries"], in: team.b).expectSuccess()
        #expect(try Self.gitCounts(team.git(team.b)) == (1, 1))
        said = try status()
        #expect(said.contains("have diverged (1 save here, 1 save there)"), "\(said)")
        let json = try team.flowctl(["status", "--json"], in: team.b).stdout
        #expect(json.contains("\"upstream\"") && json.contains("\"behind\" : 1"), "\(json)")
        let listed = try team.flowctl(["list"], in: team.b).stdout
        #expect(listed.contains("origin: ahead 1, behind 1"), "\(listed)")
        try team.expectNothingLost()
    }

    /// What a teammate pushed is read before it is pulled: `log`, `show` and `diff --against`
    /// take the remote's flow as git names its branch; git's log of that branch is the oracle.
    @Test func readingCommandsTakeARemotesFlow() throws {
        let team = try TeamTests.Team()
        try team.flowctl(["set", "hello", "text=From A"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's greeting"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["fetch"], in: team.b).expectSuccess()
        let byGit = try team.git(team.b)("log", "--format=%h %s", "origin/flows/support")
        let logged = try team.flowctl(["log", "origin/flows/support", "--oneline"], in: team.b)
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(
            logged.stdout.split(separator: "\n").map { $0.split(separator: " (")[0] }
                == byGit.split(separator: "\n").map { Substring($0) }, "\(logged.stdout)\n\(byGit)")
        #expect(!(try team.flowctl(["log", "--oneline"], in: team.b).stdout.contains("A's greeting")))
        for name in ["origin/flows/support", "origin/support"] {
            let shown = try team.flowctl(["show", name, "--format", "yaml"], in: team.b)
            #expect(
                shown.status == 0 && shown.stdout.contains("text: From A"), "\(name): \(shown.stdout)\(shown.stderr)")
        }
        let diff = try team.flowctl(["diff", "--against", "origin/flows/support"], in: team.b)
        #expect(diff.stdout.contains("block hello: text: From A -> Hello"), "\(diff.stdout)\(diff.stderr)")
        // The picture and the call walk read it too.
        let picture = try team.flowctl(["render", "origin/support", "--format", "mermaid"], in: team.b)
        #expect(picture.status == 0 && picture.stdout.contains("From A"), "\(picture.stdout)\(picture.stderr)")
        let walked = try team.flowctl(["simulate", "origin/flows/support", "--dry-run"], in: team.b)
        #expect(walked.status == 0 && walked.stdout.contains("From A"), "\(walked.stdout)\(walked.stderr)")
        // --rev counts from the remote's branch, as from the flow's own for a local flow.
        let before = try team.flowctl(["render", "origin/support", "--rev", "@~1", "--format", "mermaid"], in: team.b)
        #expect(before.status == 0 && !before.stdout.contains("From A"), "\(before.stdout)\(before.stderr)")
        let missing = try team.flowctl(["log", "origin/flows/nowhere"], in: team.b)
        #expect(missing.status == 1 && missing.stderr.contains("no flow 'origin/flows/nowhere'"), "\(missing.stderr)")
        try team.expectNothingLost()
    }

    @Test func pushDryRunSendsNothingAsGitsDoes() throws {
        let team = try TeamTests.Team()
        let server = team.git(team.root + "/server.git")
        let before = try server("for-each-ref")
        try team.flowctl(["set", "hello", "text=Hi"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Hi"], in: team.a).expectSuccess()
        let tip = try team.git(team.a)("rev-parse", "--short=7", "flows/support")
        let dry = try team.flowctl(["push", "--dry-run"], in: team.a)
        #expect(
            dry.status == 0 && dry.stdout.contains("..\(tip) (dry run: nothing sent)"), "\(dry.stdout)\(dry.stderr)")
        #expect(try team.git(team.a).run(["push", "--dry-run", "origin", "flows/support"]).status == 0)
        #expect(try server("for-each-ref") == before, "nothing sent")
        try team.flowctl(["push"], in: team.a).expectSuccess()
        #expect(try server("rev-parse", "--short=7", "flows/support") == tip)
        try team.expectNothingLost()
    }

    @Test func pullFFOnlyLeavesAFlowWithSavesOfItsOwnAsItWas() throws {
        let team = try TeamTests.Team()
        try TeamTests.conflict(team)
        let b = team.git(team.b)
        let before = try [b("for-each-ref", "refs/heads"), b("status", "--porcelain"), b("rev-parse", "HEAD")]
        let refused = try team.flowctl(["pull", "--ff-only"], in: team.b)
        #expect(refused.status == 1 && refused.stderr.contains("not possible to fast-forward"), "\(refused.stderr)")
        let byGit = try b.run(["pull", "--ff-only", "origin", "flows/support"])
        #expect(byGit.status != 0 && byGit.stderr.contains("Not possible to fast-forward"), "\(byGit.stderr)")
        #expect(try [b("for-each-ref", "refs/heads"), b("status", "--porcelain"), b("rev-parse", "HEAD")] == before)
        // Where a fast-forward is all it takes, --ff-only takes it.
        try team.flowctl(["set", "hello", "text=Later"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Later"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["pull"], in: team.root + "/a").expectSuccess()
        let c = try team.flowctl(["clone", "file://\(team.root)/server.git", "c"], in: team.root)
        try c.expectSuccess()
        try team.flowctl(["set", "hello", "text=Latest"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Latest"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        let forward = try team.flowctl(["pull", "--ff-only"], in: team.root + "/c")
        #expect(forward.status == 0 && forward.stdout.contains("fast-forward"), "\(forward.stdout)\(forward.stderr)")
        try team.expectNothingLost()
    }

    /// A push says what it is doing on a terminal, packing first (most of the time a large
    /// file takes), then sending, as git push does; nothing when piped.
    @Test func pushProgressShowsOnATerminal() throws {
        let team = try TeamTests.Team()
        let large = (0..<20_000).map { "line \($0) \(UUID().uuidString)\n" }.joined()
        try large.write(toFile: team.a + "/NOTES.md", atomically: true, encoding: .utf8)
        try team.git(team.a)("add", "NOTES.md")
        try team.git(team.a)("commit", "-q", "-m", "Notes")
        let onTerminal = try run(
            "/usr/bin/script", ["-qec", "\(Session.binary) push", "/dev/null"], in: team.a,
            environment: team.session.environment)
        #expect(onTerminal.stdout.contains("Compressing objects: 100%"), "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("Sending objects: 100%"), "\(onTerminal.stdout)")
        try team.git(team.a)("commit", "-q", "--allow-empty", "-m", "Again")
        let piped = try team.flowctl(["push"], in: team.a)
        #expect(piped.status == 0 && !piped.stderr.contains("objects"), "\(piped.stderr)")
        try team.expectNothingLost()
    }

    /// The gate refuses removing a flow another one hands calls to, with the lines git push
    /// --delete gets; removing the other is let through, and the remote-tracking branch goes.
    @Test func pushDeleteGoesThroughTheGate() throws {
        let team = try TeamTests.Team()
        let hook = team.root + "/server.git/hooks/pre-receive"
        try "#!/bin/sh\nexec '\(Session.binary)' hook pre-receive\n".write(
            toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        for step in [
            ["create", "Sales", "--seat", "bob", "--extension", "102"],
            ["add-block", "callflow", "--id", "jump", "--set", "flow=support"], ["save", "-m", "To support"],
            ["push"],
        ] {
            try team.flowctl(step, in: team.a).expectSuccess()
        }
        let server = team.git(team.root + "/server.git")
        let before = try server("for-each-ref")
        #expect(try team.flowctl(["push", "--delete"], in: team.a).status != 0, "--delete names its flows")
        let refused = try team.flowctl(["push", "--delete", "support"], in: team.a)
        let byGit = try team.git(team.a).run(["push", "--delete", "origin", "flows/support"])
        #expect(refused.status == 1 && byGit.status != 0)
        let lines = ServerGateTests.remoteLines(refused.stderr)
        #expect(lines == ServerGateTests.remoteLines(byGit.stderr), "\(refused.stderr)\n\(byGit.stderr)")
        #expect(lines.contains { $0.contains("hands calls to flow 'support', which this push deletes") }, "\(lines)")
        #expect(try server("for-each-ref") == before)
        let deleted = try team.flowctl(["push", "--delete", "sales"], in: team.a)
        #expect(deleted.status == 0 && deleted.stdout.contains("sales: deleted"), "\(deleted.stdout)\(deleted.stderr)")
        #expect(try server.run(["rev-parse", "--verify", "-q", "flows/sales"]).status != 0)
        #expect(try team.git(team.a).run(["rev-parse", "--verify", "-q", "origin/flows/sales"]).status != 0)
        #expect(try team.git(team.a).run(["rev-parse", "--verify", "-q", "flows/sales"]).status == 0, "kept here")
        let again = try team.flowctl(["push", "--delete", "sales"], in: team.a)
        #expect(again.status == 1 && again.stderr.contains("origin has no flow 'sales'"), "\(again.stderr)")
        try team.expectNothingLost()
    }

    /// `push --delete` of a flow the server has and this clone never fetched deletes that flow,
    /// as git push --delete does; never the closest flow here (an outside audit: "did you mean
    /// support?" for sales, taken literally, would delete support). A flow neither has changes
    /// nothing.
    @Test func deletingAFlowNotFetchedYetDeletesThatFlowOnly() throws {
        let team = try TeamTests.Team()
        for step in [["create", "Sales", "--seat", "bob", "--extension", "102"], ["push"]] {
            try team.flowctl(step, in: team.b).expectSuccess()
        }
        let server = team.git(team.root + "/server.git")
        let before = try server("for-each-ref")
        let unknown = try team.flowctl(["push", "--delete", "salez"], in: team.a)
        #expect(unknown.status == 1 && unknown.stderr.contains("origin has no flow 'salez'"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("did you mean"), "\(unknown.stderr)")
        #expect(try server("for-each-ref") == before)
        let deleted = try team.flowctl(["push", "--delete", "sales"], in: team.a)
        #expect(deleted.status == 0 && deleted.stdout.contains("sales: deleted"), "\(deleted.stdout)\(deleted.stderr)")
        #expect(try server.run(["rev-parse", "--verify", "-q", "flows/sales"]).status != 0)
        #expect(try server.run(["rev-parse", "--verify", "-q", "flows/support"]).status == 0)
    }

    /// A kill during a fetch can leave a remote-tracking ref's lock (the team campaign found it):
    /// the next pull names it and says how to remove it, and after that it works.
    @Test func aRefLockAKilledFetchLeftIsNamedWithTheWayOut() throws {
        let team = try TeamTests.Team()
        try team.flowctl(["set", "hello", "text=From A"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's greeting"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        let lock = team.b + "/.git/refs/remotes/origin/flows/support.lock"
        // A clone packs its refs, so the folder may not be there yet: git's lock makes it.
        try FileManager.default.createDirectory(
            atPath: team.b + "/.git/refs/remotes/origin/flows", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: lock))
        let stopped = try team.flowctl(["pull"], in: team.b)
        #expect(stopped.status == 1 && stopped.stderr.contains("remove it ('rm \(lock)')"), "\(stopped.stderr)")
        try FileManager.default.removeItem(atPath: lock)
        let pulled = try team.flowctl(["pull"], in: team.b)
        #expect(pulled.status == 0, "\(pulled.stderr)")
        try team.expectNothingLost()
    }
}
