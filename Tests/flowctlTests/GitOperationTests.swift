import Foundation
import TestSupport
import Testing

/// A merge, rebase or cherry-pick git started and did not finish: flowctl changes nothing until it
/// ends (a save would drop the other side, a switch would carry conflicted files to another flow),
/// says what is in progress and how to end it, and names conflict markers as such.
@Suite struct GitOperationTests {
    /// A flow whose webhook URL was changed one way on its branch and another way on `side`,
    /// then `git merge side`, which stops on the conflict.
    static func conflictedMerge() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Other", "--seat", "bob")
        try session.flowctl("create", "Support", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "crm", "--set", "url=https://a.example/")
        try session.flowctl("save", "-m", "Base")
        try session.git("branch", "side")
        try session.flowctl("set", "crm", "url=https://ours.example/")
        try session.flowctl("save", "-m", "Ours")
        try session.git("checkout", "-q", "side")
        try session.write(
            "blocks/crm.yaml",
            try session.read("blocks/crm.yaml").replacingOccurrences(of: "a.example", with: "theirs.example"))
        try session.git("commit", "-qam", "Theirs")
        try session.git("checkout", "-q", "flows/support")
        let merge = try session.git.run(["merge", "side"])
        #expect(merge.status != 0, "the merge was expected to stop on a conflict")
        return session
    }

    @Test func writingCommandsRefuseDuringAMergeAndChangeNothing() throws {
        let session = try Self.conflictedMerge()
        let before = try session.snapshot()
        let file = try session.read("blocks/crm.yaml")
        #expect(file.contains("<<<<<<<"))
        for arguments in [
            ["save", "-m", "x"], ["cancel", "--yes"], ["create", "Third"], ["set", "crm", "retries=2"],
            ["open", "other"], ["save", "--duplicate"], ["rollback", "@~1"],
        ] {
            let refused = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.stderr.contains("a git merge is in progress"), "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("'git merge --abort'"))
        }
        #expect(try session.snapshot() == before)
        #expect(try session.read("blocks/crm.yaml") == file)
        #expect(FileManager.default.fileExists(atPath: session.repo + "/.git/MERGE_HEAD"))
    }

    @Test func conflictMarkersAreNamedWithTheirLine() throws {
        let session = try Self.conflictedMerge()
        let status = try session.flowctl("status")
        #expect(status.stdout.hasPrefix("A git merge is in progress"), "\(status.stdout)")
        #expect(status.stdout.contains("blocks/crm.yaml:1: unresolved merge conflict"), "\(status.stdout)")
        #expect(!status.stdout.contains("invalid YAML"))
        let validate = try session.flowctl("validate")
        #expect(validate.status == 1 && validate.stderr.contains("blocks/crm.yaml:1: unresolved merge conflict"))
        let json = try session.flowctl("status", "--json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["in_progress"] as? String == "merge")
    }

    @Test func afterTheMergeIsAbortedFlowctlWorksAgain() throws {
        let session = try Self.conflictedMerge()
        try session.git("merge", "--abort")
        try session.flowctl("set", "crm", "retries=2")
        let saved = try session.flowctl("save", "-m", "After the merge")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(try session.git("log", "-1", "--format=%P").split(separator: " ").count == 1)
        #expect(try session.git.run(["fsck", "--strict"]).status == 0)
    }

    @Test func aRebaseInProgressIsNamedWithItsOwnCommands() throws {
        let session = try Self.conflictedMerge()
        try session.git("merge", "--abort")
        let rebase = try session.git.run(["rebase", "side"])
        #expect(rebase.status != 0)
        let refused = try session.flowctl("save", "-m", "x")
        #expect(refused.status == 1 && refused.stderr.contains("a git rebase is in progress"), "\(refused.stderr)")
        #expect(refused.stderr.contains("'git rebase --abort'"))
        try session.git("rebase", "--abort")
        #expect(try session.flowctl("status").status == 0)
    }
}
