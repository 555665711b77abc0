import Foundation
import TestSupport
import Testing

/// Merges at their edges, each checked against git's own merge of the same commits: a merge
/// concluded by `save` keeps the modes git keeps, and a rename against a removal stops as git's
/// rename/delete does, with `resolve` the way out.
@Suite struct MergeEdgeTests {
    /// b pushes an executable script (added with plain git) and a url; a changed the url too.
    /// a's merge, concluded by resolve and save, has the tree git's merge concluded by
    /// `git checkout --theirs` and `git commit` has: the script still 100755.
    @Test func theMergeCommitSaveWritesKeepsModesAsGitDoes() throws {
        let team = try TeamTests.Team()
        let (a, b) = (team.git(team.a), team.git(team.b))
        try FileManager.default.createDirectory(atPath: team.b + "/scripts", withIntermediateDirectories: true)
        try "#!/bin/sh\necho hi\n".write(toFile: team.b + "/scripts/x.sh", atomically: true, encoding: .utf8)
        try b("add", "--chmod=+x", "scripts/x.sh")
        try b("commit", "-q", "-m", "A script")
        try team.flowctl(["set", "notify", "url=https://b.example.com/"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B's url"], in: team.b).expectSuccess()
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["set", "notify", "url=https://a.example.com/"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's url"], in: team.a).expectSuccess()
        let ours = try a("rev-parse", "flows/support")

        // The oracle: git's merge of the same two commits, in a plain clone with the driver.
        let (g, byGit) = try MergeAuditTests.gitsMerge(team)
        #expect(byGit.status != 0)
        try g("checkout", "--theirs", "blocks/notify.yaml")
        try g("add", "blocks/notify.yaml")
        try g("commit", "-q", "--no-edit")

        #expect(try team.flowctl(["pull"], in: team.a).status == 1)
        try team.flowctl(["resolve", "notify.url", "--theirs"], in: team.a).expectSuccess()
        try team.flowctl(["save"], in: team.a).expectSuccess()
        #expect(try a("rev-parse", "flows/support^1") == ours)
        #expect(try a("ls-tree", "flows/support", "scripts/x.sh").hasPrefix("100755 blob"))
        #expect(try a("ls-tree", "-r", "flows/support") == g("ls-tree", "-r", "HEAD"))
        #expect(try a.porcelainStatus() == "")
        try team.expectNothingLost()
    }

    /// a renamed hello to greeting, b removed hello (and with it notify's exit to it): git's
    /// merge stops on rename/delete and on notify's exit, and so does pull, naming the rename;
    /// `resolve greeting --theirs` takes b's removal, `--ours` (after a cancel and a second
    /// pull) a's renamed block, which saves.
    @Test func aRenameAgainstARemovalStopsAsGitsRenameDeleteDoes() throws {
        let team = try TeamTests.Team()
        try team.flowctl(["remove-block", "hello"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "No hello"], in: team.b).expectSuccess()
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["rename-block", "hello", "greeting"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Greeting"], in: team.a).expectSuccess()

        let (_, byGit) = try MergeAuditTests.gitsMerge(team)
        #expect(byGit.status != 0 && byGit.stdout.contains("CONFLICT (rename/delete)"), "\(byGit.stdout)")

        let pulled = try team.flowctl(["pull"], in: team.a)
        #expect(pulled.status == 1, "\(pulled.stdout)\(pulled.stderr)")
        #expect(
            pulled.stderr.contains("greeting: block greeting: renamed from hello by ours, removed by theirs")
                && pulled.stderr.contains("flowctl resolve NAME --ours|--theirs"), "\(pulled.stderr)")
        let status = try team.flowctl(["status", "--json"], in: team.a).stdout
        let object = try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any]
        let conflicts = (object?["merge"] as? [String: Any])?["conflicts"] as? [[String: Any]] ?? []
        let named = Set(
            conflicts.filter { $0["kind"] as? String != "dangling-exit" }.compactMap { $0["name"] as? String })
        #expect(
            named == Matrix.conflictsGitNames(byGit.stdout + byGit.stderr) && named.contains("greeting"), "\(status)")
        let refused = try team.flowctl(["save"], in: team.a)
        #expect(refused.status != 0 && refused.stderr.contains("renamed from hello"), "\(refused.stderr)")
        try team.flowctl(["resolve", "greeting", "--theirs"], in: team.a).expectSuccess()
        #expect(!FileManager.default.fileExists(atPath: team.a + "/blocks/greeting.yaml"))
        try team.flowctl(["cancel", "--yes"], in: team.a).expectSuccess()
        #expect(try team.flowctl(["pull"], in: team.a).status == 1)
        try team.flowctl(["resolve", "greeting", "--ours"], in: team.a).expectSuccess()
        try team.flowctl(["resolve", "notify", "--ours"], in: team.a).expectSuccess()
        try team.flowctl(["save"], in: team.a).expectSuccess()
        let tree = try team.git(team.a)("ls-tree", "--name-only", "flows/support", "blocks/")
        #expect(tree.contains("blocks/greeting.yaml") && !tree.contains("blocks/hello.yaml"), "\(tree)")
        #expect(try team.git(team.a)("log", "-1", "--format=%P", "flows/support").split(separator: " ").count == 2)
        #expect(try team.flowctl(["validate"], in: team.a).status == 0)
        try team.expectNothingLost()
    }
}

extension MergeEdgeTests {
    /// b made a flow under the id a also pushed (no save in common), and a pushed a change to
    /// support: `pull --all` in b still fast-forwards support to the server's, refuses billing
    /// (left as it was) with the way out, and exits 1.
    @Test func pullAllGoesOnPastAFlowWithUnrelatedHistories() throws {
        let team = try TeamTests.Team()
        for folder in [team.a, team.b] {
            try team.flowctl(["create", "Billing", "--seat", folder == team.a ? "alice" : "bob"], in: folder)
                .expectSuccess()
            try team.flowctl(["save", "-m", "Billing"], in: folder).expectSuccess()
        }
        try team.flowctl(["push", "billing"], in: team.a).expectSuccess()
        try team.flowctl(["open", "support"], in: team.a).expectSuccess()
        try team.flowctl(["set-main", "--seat", "carol"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Carol"], in: team.a).expectSuccess()
        try team.flowctl(["push", "support"], in: team.a).expectSuccess()
        let billing = try team.git(team.b)("rev-parse", "flows/billing")

        let pulled = try team.flowctl(["pull", "--all"], in: team.b)
        #expect(pulled.status == 1, "\(pulled.stdout)\(pulled.stderr)")
        #expect(
            pulled.stderr.contains("billing: refusing to merge unrelated histories")
                && pulled.stderr.contains("flowctl rename billing"), "\(pulled.stderr)")
        #expect(pulled.stdout.contains("support: fast-forward"), "\(pulled.stdout)")
        let server = team.git(team.root + "/server.git")
        #expect(try team.git(team.b)("rev-parse", "flows/support") == server("rev-parse", "flows/support"))
        #expect(try team.git(team.b)("rev-parse", "flows/billing") == billing)
        // git refuses the same merge.
        let byGit = try team.git(team.b).run(["merge", "--no-edit", "origin/flows/billing"])
        #expect(byGit.status != 0 && byGit.stderr.contains("refusing to merge unrelated histories"), "\(byGit.stderr)")
        #expect(try team.git(team.b).porcelainStatus() == "")
        try team.expectNothingLost()
    }
}
