import Foundation
import TestSupport
import Testing

/// What an audit of `pull` against `git pull` found, each checked against git's own merge of
/// the same commits (a plain clone with flowctl's merge driver): the other side's `chmod +x`
/// kept when the merge stops, a block renamed by theirs and removed by ours there during the
/// merge, and a modify/delete named as one.
@Suite struct MergeAuditTests {
    /// git's merge of a's flows/support with the server's, in a plain clone with the driver;
    /// the merge's result (it stops on a conflict, as `pull` does).
    static func gitsMerge(_ team: TeamTests.Team) throws -> (git: GitCLI, merge: ProcessResult) {
        let g = team.git(team.root + "/g")
        try team.git(team.root)("clone", "-q", team.root + "/server.git", "g")
        try team.flowctl(["init"], in: g.directory).expectSuccess()
        try g("fetch", "-q", team.a, "flows/support:refs/heads/ours")
        try g("checkout", "-q", "ours")
        let merge = try g.run(["merge", "--no-edit", "origin/flows/support"])
        return (g, merge)
    }

    /// b adds run.sh (644), a has it; b makes it executable and changes notify's retries, a
    /// changes them too: the merge stops on retries, and run.sh is staged 100755, in the
    /// working tree executable, and 100755 in the merge commit `save` writes, as with git.
    @Test func theirModeChangeIsKeptWhenTheMergeStops() throws {
        let team = try TeamTests.Team()
        let (a, b) = (team.git(team.a), team.git(team.b))
        try "echo hi\n".write(toFile: team.b + "/run.sh", atomically: true, encoding: .utf8)
        try b("add", "run.sh")
        try b("commit", "-q", "-m", "run.sh")
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["pull"], in: team.a).expectSuccess()
        try b("update-index", "--chmod=+x", "run.sh")
        try b("commit", "-q", "-m", "chmod")
        try team.flowctl(["set-webhook", "notify", "--retries", "3"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B's retries"], in: team.b).expectSuccess()
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["set-webhook", "notify", "--retries", "4"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's retries"], in: team.a).expectSuccess()
        let (g, byGit) = try Self.gitsMerge(team)
        #expect(byGit.status == 1, "\(byGit.stdout)")

        let pulled = try team.flowctl(["pull"], in: team.a)
        #expect(pulled.status == 1, "\(pulled.stderr)")
        #expect(try a("ls-files", "-s", "run.sh") == g("ls-files", "-s", "run.sh"))
        #expect(try a("ls-files", "-s", "run.sh").hasPrefix("100755"))
        #expect(FileManager.default.isExecutableFile(atPath: team.a + "/run.sh"))
        try team.flowctl(["resolve", "notify.retries", "--theirs"], in: team.a).expectSuccess()
        try team.flowctl(["save"], in: team.a).expectSuccess()
        try g("checkout", "--theirs", "blocks/notify.yaml")
        try g("add", "blocks/notify.yaml")
        try g("commit", "-q", "--no-edit")
        #expect(try a("ls-tree", "-r", "flows/support") == g("ls-tree", "-r", "HEAD"))
        #expect(try a.porcelainStatus() == "")
        try team.expectNothingLost()
    }

    /// b removes NOTES.md and makes run.sh executable, a changes NOTES.md: git's modify/delete.
    /// `pull` says so (no "conflict markers": there are none), leaves the index as git does,
    /// modes included, and `git add` then `save` commits git's tree.
    @Test func aModifyDeleteIsNamedAsGitNamesIt() throws {
        let team = try TeamTests.Team()
        let (a, b) = (team.git(team.a), team.git(team.b))
        try "notes\n".write(toFile: team.b + "/NOTES.md", atomically: true, encoding: .utf8)
        try "echo hi\n".write(toFile: team.b + "/run.sh", atomically: true, encoding: .utf8)
        try b("add", "NOTES.md", "run.sh")
        try b("commit", "-q", "-m", "Notes")
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["pull"], in: team.a).expectSuccess()
        try b("rm", "-q", "NOTES.md")
        try b("update-index", "--chmod=+x", "run.sh")
        try b("commit", "-q", "-m", "No notes")
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try "notes\nmore\n".write(toFile: team.a + "/NOTES.md", atomically: true, encoding: .utf8)
        try a("commit", "-q", "-am", "More notes")
        let (g, byGit) = try Self.gitsMerge(team)
        #expect(byGit.status == 1 && byGit.stdout.contains("CONFLICT (modify/delete)"), "\(byGit.stdout)")

        let pulled = try team.flowctl(["pull"], in: team.a)
        #expect(pulled.status == 1, "\(pulled.stderr)")
        #expect(
            pulled.stderr.contains("NOTES.md: changed by ours, removed by theirs (modify/delete)")
                && pulled.stderr.contains("'git rm NOTES.md'") && !pulled.stderr.contains("markers"),
            "\(pulled.stderr)")
        let status = try team.flowctl(["status"], in: team.a).stdout
        #expect(status.contains("(modify/delete)") && !status.contains("markers"), "\(status)")
        #expect(try a("ls-files", "-s") == g("ls-files", "-s"))
        #expect(try a.porcelainStatus() == g.porcelainStatus())
        #expect(try team.flowctl(["save"], in: team.a).status != 0)
        try a("add", "NOTES.md")
        try team.flowctl(["save"], in: team.a).expectSuccess()
        try g("add", "NOTES.md")
        try g("commit", "-q", "--no-edit")
        #expect(try a("ls-tree", "-r", "flows/support") == g("ls-tree", "-r", "HEAD"))
        try team.expectNothingLost()
    }
}

extension MergeAuditTests {
    /// b renamed hello to greeting, a removed hello: git's rename/delete, the renamed file left
    /// in the working tree. `pull` leaves blocks/greeting.yaml as git does, unsettled until
    /// resolved; `resolve greeting --ours` takes our removal, `--theirs` (after a cancel and
    /// a second pull) b's renamed block, and `save` commits git's tree.
    @Test func aRenameByTheirsAgainstOurRemovalKeepsTheBlockAsGitDoes() throws {
        let team = try TeamTests.Team()
        let a = team.git(team.a)
        try team.flowctl(["rename-block", "hello", "greeting"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "Greeting"], in: team.b).expectSuccess()
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["remove-block", "hello"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "No hello"], in: team.a).expectSuccess()
        let (g, byGit) = try Self.gitsMerge(team)
        #expect(byGit.status == 1 && byGit.stdout.contains("CONFLICT (rename/delete)"), "\(byGit.stdout)")

        let pulled = try team.flowctl(["pull"], in: team.a)
        #expect(pulled.status == 1, "\(pulled.stderr)")
        #expect(pulled.stderr.contains("greeting: block greeting: removed by ours, renamed from hello by theirs"))
        let file = "/blocks/greeting.yaml"
        #expect(
            FileManager.default.contents(atPath: team.a + file)
                == FileManager.default.contents(atPath: g.directory + file))
        #expect(FileManager.default.fileExists(atPath: team.a + file))
        let refused = try team.flowctl(["save"], in: team.a)
        #expect(refused.status != 0 && refused.stderr.contains("renamed from hello"), "\(refused.stderr)")
        try team.flowctl(["resolve", "greeting", "--ours"], in: team.a).expectSuccess()
        #expect(!FileManager.default.fileExists(atPath: team.a + file))
        try team.flowctl(["cancel", "--yes"], in: team.a).expectSuccess()
        #expect(try team.flowctl(["pull"], in: team.a).status == 1)
        try team.flowctl(["resolve", "greeting", "--theirs"], in: team.a).expectSuccess()
        try team.flowctl(["resolve", "notify", "--theirs"], in: team.a).expectSuccess()
        try team.flowctl(["save"], in: team.a).expectSuccess()
        try g("add", "blocks/greeting.yaml")
        try g("checkout", "--theirs", "blocks/notify.yaml")
        try g("add", "blocks/notify.yaml")
        try g("commit", "-q", "--no-edit")
        #expect(try a("ls-tree", "-r", "flows/support") == g("ls-tree", "-r", "HEAD"))
        #expect(try team.flowctl(["validate"], in: team.a).status == 0)
        try team.expectNothingLost()
    }
}
