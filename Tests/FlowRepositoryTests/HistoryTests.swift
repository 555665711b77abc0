import CallFlow
import Foundation
import TestSupport
import Testing

@testable import FlowRepository

/// Three saves changing a webhook's url, then its retries: the history issue 4 reviews.
@Suite struct HistoryTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        try fixture.edit { $0.blocks["notify"]!.parameters["url"] = .string("https://two.example.com/") }
        _ = try fixture.writer.save(message: "Second url")
        try fixture.edit { $0.blocks["notify"]!.parameters["retries"] = .int(4) }
        _ = try fixture.writer.save(message: "More retries")
    }

    @Test func logListsEverySaveNewestFirstWithWhatItChanged() throws {
        let saves = try FlowHistory(fixture.reader).history("support-line")
        #expect(saves.map(\.subject) == ["More retries", "Second url", "Add notify", "Create flow Support Line"])
        #expect(
            saves.map(\.summary) == [
                "Update notify.retries", "Update notify.url", "Update start; add notify", "New flow",
            ])
        #expect(saves[0].commit == (try fixture.git("rev-parse", "flows/support-line")))
        #expect(saves[0].author.name == "Ada Admin")
        #expect(try FlowHistory(fixture.reader).history("support-line", limit: 1).count == 1)
    }

    /// Saves made with plain git that leave the flow as it was say what they did: an empty
    /// commit changed nothing, one adding `NOTES.md` changed other files, and one rewriting
    /// `flow.yaml` by hand to the same flow (a comment) rewrote the flow's files.
    @Test func aSaveThatLeavesTheFlowAsItWasSaysWhy() throws {
        try fixture.scratch.write("NOTES.md", "notes\n")
        _ = try fixture.git("add", "NOTES.md")
        _ = try fixture.git("commit", "-qm", "Notes")
        _ = try fixture.git("commit", "-q", "--allow-empty", "-m", "Empty")
        try fixture.scratch.write("flow.yaml", try fixture.scratch.read("flow.yaml") + "# a comment\n")
        _ = try fixture.git("commit", "-qam", "Comment")
        let saves = try FlowHistory(fixture.reader).history("support-line", limit: 3)
        #expect(saves.map(\.summary) == ["Rewrite files canonically", "No changes", "Other files only"])
    }

    @Test func diffNamesBlockFieldAndValues() throws {
        try fixture.edit { $0.blocks["notify"]!.parameters["url"] = .string("https://three.example.com/") }
        let unsaved = try FlowComparison(fixture.reader, from: "support-line", revision: nil, to: .working)
        #expect(
            unsaved.changes == [
                .blockField(
                    block: "notify", field: "url", old: .string("https://two.example.com/"),
                    new: .string("https://three.example.com/"))
            ])
        #expect(try unsaved.patch().contains("-url: https://two.example.com/\n+url: https://three.example.com/"))
        #expect(try unsaved.stat().contains("blocks/notify.yaml | 2 +-"))
        let first = try fixture.git("rev-parse", "--short", "flows/support-line~2")
        let span = try FlowComparison(
            fixture.reader, from: "support-line", revision: first, to: .saved(flow: "support-line", revision: "HEAD"))
        #expect(span.changes.map(\.location) == ["notify.url", "notify.retries"])
        let last = try FlowComparison(
            fixture.reader, from: "support-line", revision: "~1", to: .saved(flow: "support-line", revision: nil))
        #expect(last.changes == [.blockField(block: "notify", field: "retries", old: nil, new: .int(4))])
    }

    @Test func rollbackAddsOneCommitWithTheOldTree() throws {
        let first = try fixture.git("rev-parse", "flows/support-line~2")
        let saved = try #require(try fixture.writer.rollback(to: String(first.prefix(8))))
        #expect(saved.message == "Roll back to \(first.prefix(7)): Add notify")
        #expect(try fixture.commitCount("flows/support-line") == 5)
        #expect(
            try fixture.git("rev-parse", "flows/support-line^{tree}") == fixture.git("rev-parse", "\(first)^{tree}"))
        #expect(try fixture.git.porcelainStatus() == "")
        #expect(try fixture.scratch.read("blocks/notify.yaml").contains("url: https://hooks.example.com/calls"))
        #expect(try fixture.writer.rollback(to: "HEAD") == nil)
    }

    @Test func rollbackRefusesBadRevisionsAndUnsavedEdits() throws {
        let tip = try fixture.git("rev-parse", "flows/support-line")
        #expect(throws: FlowError.self) { try fixture.writer.rollback(to: "no-such-thing") }
        try fixture.writer.create(MainBlock(name: "Other"))
        let other = try fixture.git("rev-parse", "flows/other")
        try fixture.writer.open("support-line")
        #expect(throws: FlowError.self) { try fixture.writer.rollback(to: other) }
        try fixture.edit { $0.main.seat = "bob" }
        #expect(throws: WriteError.self) { try fixture.writer.rollback(to: "~1") }
        #expect(try fixture.git("rev-parse", "flows/support-line") == tip)
        #expect(try fixture.scratch.read("flow.yaml").contains("seat: bob"))
    }

    @Test func aDuplicatesLogReachesIntoItsOriginal() throws {
        try fixture.writer.duplicate("support-line")
        let saves = try FlowHistory(fixture.reader).history("support-line-copy")
        #expect(saves.count == 5)
        #expect(saves[0].copiedFrom == "support-line")
        #expect(saves.dropFirst().allSatisfy { $0.copiedFrom == nil })
        #expect(saves[1].subject == "More retries")
        let against = try FlowComparison(fixture.reader, from: "support-line", revision: nil, to: .working)
        #expect(
            against.changes == [
                .mainField(field: "name", old: .string("Support Line"), new: .string("Support Line copy")),
                .mainField(field: "extension", old: .string("101"), new: nil),
                .mainField(field: "numbers", old: .list([.string("+15551234567")]), new: nil),
            ])
    }
}
