import Foundation
import TestSupport
import Testing

/// A flow's merge conflicts, and their settling, are flowctl's record and the flow's files, not
/// git's index: the `pre-commit` hook `init` installs keeps `git commit` from concluding such a
/// merge, settled or not, and `flowctl save` finishes it.
@Suite struct MergeCommitHookTests {
    @Test func gitCommitRefusesToConcludeAPullsMergeAndSaveFinishesIt() throws {
        let team = try TeamTests.Team()
        let a = team.git(team.a)
        #expect(FileManager.default.isExecutableFile(atPath: team.a + "/.git/hooks/pre-commit"))
        try team.flowctl(["set-webhook", "notify", "--retries", "3"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B's retries"], in: team.b).expectSuccess()
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["set-webhook", "notify", "--retries", "4"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's retries"], in: team.a).expectSuccess()
        #expect(try team.flowctl(["pull"], in: team.a).status == 1)
        let tip = try a("rev-parse", "flows/support")

        let refused = try a.run(["commit", "-q", "--no-edit"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("1 conflict left (notify.retries)"), "\(refused.stderr)")
        #expect(try a("rev-parse", "flows/support") == tip)

        // Settled, still flowctl's: resolve wrote the flow's files, not the index git commits.
        try team.flowctl(["resolve", "notify.retries", "--theirs"], in: team.a).expectSuccess()
        let settled = try a.run(["commit", "-q", "--no-edit"])
        #expect(settled.status != 0)
        #expect(
            settled.stderr.contains("every conflict is settled): finish it with 'flowctl save'"), "\(settled.stderr)")
        #expect(try a("rev-parse", "flows/support") == tip)
        // The advice, followed.
        try team.flowctl(["save"], in: team.a).expectSuccess()
        #expect(try a("show", "flows/support:blocks/notify.yaml").contains("retries: 3"))
        #expect(try a("rev-list", "--parents", "-n", "1", "flows/support").split(separator: " ").count == 3)
        // Any other commit passes the hook.
        try "notes\n".write(toFile: team.a + "/NOTES.md", atomically: true, encoding: .utf8)
        try a("add", "NOTES.md")
        try a("commit", "-q", "-m", "Notes")
        try team.expectNothingLost()
    }
}
