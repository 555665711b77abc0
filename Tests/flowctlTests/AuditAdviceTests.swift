import Foundation
import TestSupport
import Testing

/// Advice printed in the middle of a merge is followed as printed, and must work: the audit found
/// status pointing at a pull that refuses, and edit pointing at a cancel that refuses.
@Suite struct AuditAdviceTests {
    /// The single-quoted commands in `text`, in order.
    static func quoted(_ text: String) -> [String] {
        text.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func duringAPullsMergeStatusPointsAtEndingItAndThatWorks() throws {
        let team = try TeamTests.Team()
        try TeamTests.conflict(team)
        #expect(try team.flowctl(["pull"], in: team.b).status == 1)
        let said = try team.flowctl(["status"], in: team.b).stdout
        #expect(!said.contains("'flowctl pull' merges them"), "\(said)")
        #expect(said.contains("have diverged (1 save here, 1 save there); end the merge in progress first"), "\(said)")
        // The advice above names cancel to abort the merge: following it ends the merge.
        #expect(said.contains("'flowctl cancel' aborts the merge"), "\(said)")
        try team.flowctl(["cancel", "--yes"], in: team.b).expectSuccess()
        let after = try team.flowctl(["status"], in: team.b).stdout
        #expect(after.contains("'flowctl pull' merges them"), "\(after)")
        #expect(!FileManager.default.fileExists(atPath: team.b + "/.git/MERGE_HEAD"))
        try team.expectNothingLost()
    }

    @Test func aBrokenEditDuringGitsOwnMergeNamesGitsWayOutAndThatWorks() throws {
        let team = try TeamTests.Team()
        try TeamTests.conflict(team)
        let git = team.git(team.b)
        let ours = try git("rev-parse", "HEAD")
        #expect(
            try git.run(["pull", "--no-rebase", "origin", "flows/support"]).status != 0, "git stops on the conflict")
        var environment = team.session.environment
        environment["GIT_EDITOR"] = "true"
        let edited = try run(Session.binary, ["edit", "notify"], in: team.b, environment: environment)
        #expect(edited.status != 0)
        #expect(!edited.stderr.contains("flowctl cancel"), "\(edited.stderr)")
        let abort = try #require(
            Self.quoted(edited.stderr).first { $0.hasPrefix("git merge --abort") }, "\(edited.stderr)")
        try git.run(abort.split(separator: " ").dropFirst().map(String.init)).expectSuccess()
        #expect(try git("rev-parse", "HEAD") == ours)
        #expect(try git.porcelainStatus().isEmpty)
        #expect(try team.flowctl(["status"], in: team.b).stdout.contains("have diverged"))
    }
}
