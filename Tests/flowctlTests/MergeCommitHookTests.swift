import Foundation
import TestSupport
import Testing

/// A flow's merge conflicts, and their settling, are flowctl's record and the flow's files, not
/// git's index: the `pre-commit` hook `init` installs keeps `git commit` from concluding such a
/// merge, settled or not, and `flowctl save` finishes it.
@Suite struct MergeCommitHookTests {
    @Test func gitCommitRefusesToConcludeAPullsMergeAndSaveFinishesIt() throws {
        let team = try Self.stoppedPull()
        let a = team.git(team.a)
        #expect(FileManager.default.isExecutableFile(atPath: team.a + "/.git/hooks/pre-commit"))
        let tip = try a("rev-parse", "flows/support")

        let refused = try a.run(["commit", "-q", "--no-edit"])
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains(
                "1 conflict left: notify.retries): settle it with 'flowctl resolve NAME --ours|--theirs', then finish it"
            ),
            "\(refused.stderr)")
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

    /// A pull stopped on a conflict, as the tests below start from.
    static func stoppedPull() throws -> TeamTests.Team {
        let team = try TeamTests.Team()
        try team.flowctl(["set-webhook", "notify", "--retries", "3"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B's retries"], in: team.b).expectSuccess()
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.flowctl(["set-webhook", "notify", "--retries", "4"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's retries"], in: team.a).expectSuccess()
        #expect(try team.flowctl(["pull"], in: team.a).status == 1)
        return team
    }

    /// Left with `git merge --abort`, then merged by git itself (the same commits, the driver):
    /// that merge is git's, and `git commit` concludes it as the README says.
    @Test func gitsOwnMergeAfterAnAbortedPullIsGitsToCommit() throws {
        let team = try Self.stoppedPull()
        let a = team.git(team.a)
        try a("merge", "--abort")
        #expect(try a.run(["pull", "--no-rebase", "-q", "origin", "flows/support"]).status != 0)
        try a("checkout", "--theirs", "blocks/notify.yaml")
        try a("add", "blocks/notify.yaml")
        try a("commit", "-q", "--no-edit")
        #expect(try a("show", "flows/support:blocks/notify.yaml").contains("retries: 3"))
        #expect(try a("rev-list", "--parents", "-n", "1", "flows/support").split(separator: " ").count == 3)
    }

    /// With the flowctl the hook names gone, a commit during a stopped pull is refused with
    /// what to do, not only the shell's "not found".
    @Test func withFlowctlGoneTheHookStillSaysWhatToDo() throws {
        let team = try Self.stoppedPull()
        let copy = team.root + "/bin/flowctl"
        try FileManager.default.createDirectory(atPath: team.root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Session.binary, toPath: copy)
        try FileManager.default.removeItem(atPath: team.a + "/.git/hooks/pre-commit")
        try run(copy, ["init", "-q"], in: team.a, environment: team.session.environment).expectSuccess()
        try FileManager.default.removeItem(atPath: copy)
        let refused = try team.git(team.a).run(["commit", "-q", "--no-edit"])
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("is not there to check a merge 'flowctl pull' may have started"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("finish it with 'flowctl save'"))
    }
}
