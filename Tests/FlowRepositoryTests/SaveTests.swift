import CallFlow
import Foundation
import TestSupport
import Testing

@testable import FlowRepository

@Suite struct CreateAndSaveTests {
    @Test func createMakesAnOrphanBranchWithOneCommitAndOpensIt() throws {
        let fixture = try Fixture()
        let created = try fixture.writer.create(fixture.supportLine)
        #expect(created.flowID == "support-line")
        let git = fixture.git
        #expect(try git("symbolic-ref", "HEAD") == "refs/heads/flows/support-line")
        #expect(try fixture.commitCount("flows/support-line") == 1)
        #expect(try git("rev-list", "--max-parents=0", "flows/support-line") == created.commit)
        let saved = try git("show", "flows/support-line:flow.yaml")
        #expect(saved.contains("name: Support Line"))
        #expect(saved.contains("extension: \"101\""))
        #expect(saved.contains("- \"+15551234567\""))
        #expect(saved.contains("seat: alice"))
        #expect(try fixture.scratch.read("flow.yaml") == saved + "\n")
        #expect(try git.porcelainStatus() == "")
        #expect(try git("log", "-1", "--format=%an <%ae>|%s") == "Ada Admin <ada@example.com>|Create flow Support Line")
    }

    @Test func anEditIsAWorkingTreeChangeThatBothStatusesShow() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        try fixture.edit { $0.main.seat = "bob" }
        let status = try #require(try FlowStatus(fixture.reader))
        #expect(status.changedFiles == ["flow.yaml"])
        #expect(status.changes == [.mainField(field: "seat", old: .string("alice"), new: .string("bob"))])
        #expect(try fixture.git.porcelainStatus() == " M flow.yaml")
        #expect(try fixture.commitCount("flows/support-line") == 1)
    }

    @Test func saveMakesExactlyOneCommitAndSavingNothingMakesNone() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        try fixture.edit { $0.main.seat = "bob" }
        let saved = try #require(try fixture.writer.save(message: "Give the line to bob"))
        let git = fixture.git
        #expect(try fixture.commitCount("flows/support-line") == 2)
        #expect(try git("rev-parse", "flows/support-line") == saved.commit)
        #expect(try git("log", "-1", "--format=%s|%an|%ae") == "Give the line to bob|Ada Admin|ada@example.com")
        #expect(try git("show", "flows/support-line:flow.yaml").contains("seat: bob"))
        #expect(try git.porcelainStatus() == "")
        #expect(try fixture.writer.save(message: "again") == nil)
        #expect(try fixture.commitCount("flows/support-line") == 2)
    }

    @Test func saveWithoutAMessageSaysWhatChanged() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        #expect(try fixture.git("log", "-1", "--format=%s") == "Add notify")
        try fixture.edit { flow in
            flow.main.seat = "bob"
            flow.blocks["notify"]!.parameters["url"] = .string("https://two.example.com/")
        }
        let saved = try #require(try fixture.writer.save())
        #expect(saved.message == "Update seat, notify.url")
    }

    @Test func saveWritesHandEditsCanonically() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        try fixture.scratch.write(
            "flow.yaml",
            "name: 'Support Line'\nschema: 1\nseat: carol   # new seat\nextension: 101\nnumbers: ['+15551234567']\n")
        try fixture.scratch.write("blocks/greet.yaml", "type: play\nmedia: 'hello'\n")
        let saved = try #require(try fixture.writer.save(message: "Hand edit"))
        #expect(saved.changes.contains(.mainField(field: "seat", old: .string("alice"), new: .string("carol"))))
        let canonical = "schema: 1\nname: Support Line\nextension: \"101\"\nnumbers:\n  - \"+15551234567\"\nseat: carol"
        #expect(try fixture.git("show", "HEAD:flow.yaml") == canonical)
        #expect(try fixture.git("show", "HEAD:blocks/greet.yaml") == "type: play\nmedia: hello")
        #expect(try fixture.scratch.read("flow.yaml") == canonical + "\n")
        #expect(try fixture.git.porcelainStatus() == "")
    }

    /// A save takes the files git finds unchanged from the last commit as they are. (It encoded
    /// every file: one committed in another layout by plain git was committed rewritten, while the
    /// working file and the index kept the old bytes, so the save left a change behind.)
    @Test func aSaveKeepsTheBlobsOfUnchangedFilesAndLeavesNothingBehind() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        let git = fixture.git
        try fixture.scratch.write("blocks/notify.yaml", "url: 'https://hooks.example.com/calls'\ntype: webhook\n")
        _ = try git("commit", "-qam", "Hand-written by plain git")
        let handWritten = try git("rev-parse", "HEAD:blocks/notify.yaml")
        let main = try fixture.scratch.read("flow.yaml")
        try fixture.scratch.write("flow.yaml", main.replacingOccurrences(of: "seat: alice", with: "seat: bob"))
        let saved = try #require(try fixture.writer.save(message: "Give the line to bob"))
        #expect(saved.changes == [.mainField(field: "seat", old: .string("alice"), new: .string("bob"))])
        #expect(try git("rev-parse", "HEAD:blocks/notify.yaml") == handWritten)
        #expect(try git("show", "HEAD:flow.yaml").contains("seat: bob"))
        #expect(try git.porcelainStatus() == "")
        // The saved file's index entry has its stat data: git diff-files compares only that.
        #expect(try git("diff-files", "--name-only") == "")
        _ = try git("fsck", "--strict", "--no-progress")
    }

    /// The same save when the hand-written file's stat data no longer match the index although
    /// its bytes do (rewritten with the same bytes here; a touch, a checkout, or a file written
    /// in the clock tick of the index write does the same): it is read, and its blob is kept.
    /// This failed 1 run in 9 of the suite under load, when the tick matched.
    @Test func aFileWhoseStatDataChangedButNotItsBytesKeepsItsBlob() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        let git = fixture.git
        let handWritten = "url: 'https://hooks.example.com/calls'\ntype: webhook\n"
        try fixture.scratch.write("blocks/notify.yaml", handWritten)
        _ = try git("commit", "-qam", "Hand-written by plain git")
        let blob = try git("rev-parse", "HEAD:blocks/notify.yaml")
        var info = stat()
        #expect(stat(fixture.scratch.path + "/blocks/notify.yaml", &info) == 0)
        var times = [info.st_atim, timespec(tv_sec: info.st_mtim.tv_sec + 10, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, fixture.scratch.path + "/blocks/notify.yaml", &times, 0) == 0)
        #expect(try git("diff-files", "--name-only") == "blocks/notify.yaml", "git sees its stat data changed")
        let main = try fixture.scratch.read("flow.yaml")
        try fixture.scratch.write("flow.yaml", main.replacingOccurrences(of: "seat: alice", with: "seat: bob"))

        let saved = try #require(try fixture.writer.save(message: "Give the line to bob"))
        #expect(saved.changes == [.mainField(field: "seat", old: .string("alice"), new: .string("bob"))])
        #expect(try git("rev-parse", "HEAD:blocks/notify.yaml") == blob)
        #expect(try fixture.scratch.read("blocks/notify.yaml") == handWritten)
        #expect(try git.porcelainStatus() == "")
        _ = try git("fsck", "--strict", "--no-progress")
    }

    @Test func formattingOnlyEditsAreRewrittenWithoutACommit() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        let canonical = try fixture.scratch.read("flow.yaml")
        try fixture.scratch.write(
            "flow.yaml", canonical.replacingOccurrences(of: "seat: alice", with: "seat:    alice"))
        let status = try #require(try FlowStatus(fixture.reader))
        #expect(status.hasUnsavedChanges && status.changes.isEmpty)
        #expect(try fixture.writer.save(message: "noop") == nil)
        #expect(try fixture.commitCount("HEAD") == 1)
        #expect(try fixture.scratch.read("flow.yaml") == canonical)
        #expect(try fixture.git.porcelainStatus() == "")
    }

    @Test func aBranchThatMovedUnderASaveFailsTheSaveAndKeepsTheEdits() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        let first = try fixture.git("rev-parse", "flows/support-line~1")
        try fixture.edit { $0.main.seat = "bob" }
        let edited = try fixture.scratch.read("flow.yaml")
        // Another writer moves the branch after the save read the tip and before it moved it.
        let racing = try FlowWriter(reader: fixture.reader) {
            try fixture.git("update-ref", "refs/heads/flows/support-line", first)
        }
        #expect {
            try racing.save(message: "bob")
        } throws: { error in
            guard case WriteError.branchMoved(let branch) = error else { return false }
            return branch == "flows/support-line" && "\(error)".contains("your edits are still in the working tree")
        }
        #expect(try fixture.git("rev-parse", "flows/support-line") == first)
        #expect(try fixture.scratch.read("flow.yaml") == edited)
        #expect(try fixture.git.porcelainStatus().contains("M flow.yaml"))
    }

    @Test func aNameWithoutLettersOrDigitsIsRefusedAndNothingIsMade() throws {
        let fixture = try Fixture()
        #expect(throws: WriteError.self) { try fixture.writer.create(MainBlock(name: "!!!")) }
        #expect(try fixture.git("for-each-ref") == "")
    }

    @Test func clashingNamesGetNumberedIDs() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        let second = try fixture.writer.create(MainBlock(name: "support line!"))
        #expect(second.flowID == "support-line-2")
        #expect(try fixture.reader.flowIDs() == ["support-line", "support-line-2"])
    }
}
