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

    /// A teammate's save fetched into b, not pulled.
    static func fetchedTeam() throws -> TeamTests.Team {
        let team = try TeamTests.Team()
        try team.flowctl(["set", "hello", "text=From A"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's greeting"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["fetch"], in: team.b).expectSuccess()
        return team
    }

    /// `--against OLD` takes what `review OLD` takes: the README's `origin/x` among them.
    @Test func reviewAgainstARemotesFlowByItsShortName() throws {
        let team = try Self.fetchedTeam()
        let byRange = try team.flowctl(["review", "origin/support"], in: team.b)
        #expect(byRange.status == 0 && byRange.stdout.contains("From A"), "\(byRange.stdout)\(byRange.stderr)")
        for old in ["origin/support", "origin/flows/support"] {
            let against = try team.flowctl(["review", "--against", old], in: team.b)
            #expect(against.status == 0, "\(old): \(against.stderr)")
            #expect(
                against.stdout.replacingOccurrences(of: old, with: "origin/support") == byRange.stdout,
                "\(old): \(against.stdout)")
        }
        let missing = try team.flowctl(["review", "--against", "origin/nope"], in: team.b)
        #expect(
            missing.status != 0 && missing.stderr.contains("remote 'origin' had no flow 'nope'"), "\(missing.stderr)")
    }

    /// rollback refuses a remote's flow as other changing commands do, and its advice works.
    @Test func rollbackToARemotesFlowIsRefusedAndTheAdviceWorks() throws {
        let team = try Self.fetchedTeam()
        let git = team.git(team.b)
        let before = try git("rev-parse", "flows/support")
        let refused = try team.flowctl(["rollback", "origin/support"], in: team.b)
        #expect(refused.status != 0, "\(refused.stdout)")
        #expect(refused.stderr.contains("only reading commands take it"), "\(refused.stderr)")
        #expect(try git("rev-parse", "flows/support") == before, "nothing changed")
        let advice = try #require(Self.quoted(refused.stderr).first { $0.hasPrefix("flowctl ") })
        #expect(advice == "flowctl pull")
        try team.flowctl(["pull"], in: team.b).expectSuccess()
        #expect(try git("rev-parse", "flows/support") == git("rev-parse", "origin/flows/support"))
    }

    /// A remote's flow is found by its name, as a local one is.
    @Test func aRemotesFlowIsFoundByItsName() throws {
        let team = try TeamTests.Team()
        try team.flowctl(["create", "After Hours", "--extension", "102", "--seat", "bob"], in: team.a).expectSuccess()
        try team.flowctl(["add-block", "tts", "--id", "closed", "--set", "text=Closed"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "After hours"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["fetch"], in: team.b).expectSuccess()
        let byID = try team.flowctl(["show", "origin/after-hours", "--format", "yaml"], in: team.b)
        #expect(byID.status == 0 && byID.stdout.contains("text: Closed"), "\(byID.stderr)")
        for name in ["origin/After Hours", "origin/after hours"] {
            let byName = try team.flowctl(["show", name, "--format", "yaml"], in: team.b)
            #expect(byName.status == 0 && byName.stdout == byID.stdout, "\(name): \(byName.stderr)")
        }
    }

    /// Leaving a detached HEAD's own commit behind is warned about as git switch warns, and the
    /// `git branch` it prints keeps the commit; a commit a branch has is left without a word.
    @Test func switchingAwayFromADetachedCommitSaysHowToKeepIt() throws {
        let team = try TeamTests.Team()
        let git = team.git(team.b)
        try git.run(["switch", "-q", "--detach"]).expectSuccess()
        let quiet = try team.flowctl(["create", "Night", "--seat", "bob", "--extension", "103"], in: team.b)
        #expect(quiet.status == 0 && !quiet.stderr.contains("left commit"), "\(quiet.stderr)")
        for (index, step) in [["open", "support"], ["create", "Late", "--seat", "bob", "--extension", "104"]]
            .enumerated()
        {
            try git.run(["switch", "-q", "--detach", "flows/support"]).expectSuccess()
            try git.run(["commit", "-q", "--allow-empty", "-m", "Work only HEAD has \(index)"]).expectSuccess()
            let lonely = try git("rev-parse", "HEAD")
            let switched = try team.flowctl(step + ["-q"], in: team.b)
            #expect(switched.status == 0, "\(step): \(switched.stderr)")
            #expect(switched.stderr.contains("Work only HEAD has \(index)"), "\(step): \(switched.stderr)")
            let advice = try #require(Self.quoted(switched.stderr).first { $0.hasPrefix("git branch NAME ") })
            let keep = "kept\(index)"
            let words = advice.replacingOccurrences(of: "NAME", with: keep).split(separator: " ").dropFirst()
            try git.run(words.map(String.init)).expectSuccess()
            #expect(try git("rev-parse", keep) == lonely)
        }
    }

    /// --rev with a remote's flow counts from its branch; git's own reading of it is the oracle.
    @Test func showARemotesFlowAtARevisionOfItsOwn() throws {
        let team = try Self.fetchedTeam()
        let git = team.git(team.b)
        #expect(try git("show", "origin/flows/support~1:blocks/hello.yaml").contains("Hello"))
        for rev in ["@~1", "HEAD^", "~1"] {
            let shown = try team.flowctl(["show", "origin/support", "--rev", rev, "--format", "yaml"], in: team.b)
            #expect(shown.status == 0 && shown.stdout.contains("text: Hello"), "\(rev): \(shown.stderr)")
            #expect(!shown.stdout.contains("From A"), "\(rev)")
        }
        let tip = try team.flowctl(["show", "origin/support", "--rev", "@", "--format", "yaml"], in: team.b)
        #expect(tip.stdout.contains("text: From A"), "\(tip.stderr)")
        let change = try team.flowctl(["render", "origin/support", "--diff", "@~1", "--format", "dot"], in: team.b)
        #expect(change.status == 0 && change.stdout.contains("changed"), "\(change.stdout)\(change.stderr)")
    }

    /// Past a remote's first save, the error is in the user's words and counts the remote's
    /// saves (git's count of the remote-tracking branch), not the local flow's.
    @Test func aRevisionPastARemotesFirstSaveIsSaidInTheUsersWords() throws {
        let team = try Self.fetchedTeam()
        let saves = try team.git(team.b)("rev-list", "--count", "origin/flows/support")
        let shown = try team.flowctl(["show", "origin/support", "--rev", "@~9"], in: team.b)
        #expect(shown.status == 1)
        #expect(
            shown.stderr.contains(
                "unknown revision '@~9' of flow 'origin/support': origin's support has only \(saves) saves as last fetched"
            ),
            "\(shown.stderr)")
        #expect(!shown.stderr.contains("refs/remotes"))
    }

    /// `origin/support~1` counts from the remote's flow as `origin/flows/support~1` does, as
    /// `--rev` of the flow here and of the remote's; git's reading of the long form is the oracle.
    @Test func aRemotesFlowByItsShortNameCountsBackAsARevision() throws {
        let team = try Self.fetchedTeam()
        for flow in ["support", "origin/support"] {
            let long = try team.flowctl(
                ["show", flow, "--rev", "origin/flows/support~1", "--format", "yaml"], in: team.b)
            let short = try team.flowctl(["show", flow, "--rev", "origin/support~1", "--format", "yaml"], in: team.b)
            #expect(long.status == 0 && short.status == 0, "\(flow): \(short.stderr)")
            #expect(short.stdout == long.stdout && short.stdout.contains("text: Hello"), "\(flow)")
        }
    }
}
