import CallFlow
import Foundation
import TestSupport
import Testing

@testable import FlowRepository

@Suite struct DuplicateCreateOpenCancelTests {
    @Test func duplicateCopiesOntoABranchThatSharesHistory() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        let git = fixture.git
        let originalTip = try git("rev-parse", "flows/support-line")
        let copy = try fixture.writer.duplicate("support-line")
        #expect(copy.flowID == "support-line-copy")
        #expect(try git("symbolic-ref", "HEAD") == "refs/heads/flows/support-line-copy")
        #expect(try git("rev-parse", "flows/support-line-copy~1") == originalTip)
        #expect(try git("rev-parse", "flows/support-line") == originalTip)
        #expect(try fixture.commitCount("flows/support-line-copy") == 3)
        let main = try git("show", "flows/support-line-copy:flow.yaml")
        #expect(main == "schema: 1\nname: Support Line copy\nseat: alice\nstart: notify")
        #expect(
            try git("show", "flows/support-line-copy:blocks/notify.yaml")
                == git("show", "flows/support-line:blocks/notify.yaml"))
        #expect(try git("show", "flows/support-line:flow.yaml").contains("extension: \"101\""))
        #expect(try git.porcelainStatus() == "")
        #expect(try fixture.scratch.read("flow.yaml") == main + "\n")
        let again = try fixture.writer.duplicate("support-line")
        #expect(again.flowID == "support-line-copy-2")
        try git("fsck", "--strict")
    }

    @Test func duplicateAndOpenRefuseWhileEditsAreUnsaved() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        try fixture.writer.create(MainBlock(name: "Sales"))
        try fixture.scratch.write("flow.yaml", "schema: 1\nname: Sales\nseat: eve\n")
        let refs = try fixture.git("for-each-ref")
        #expect(throws: WriteError.self) { try fixture.writer.duplicate("support-line") }
        #expect(throws: WriteError.self) { try fixture.writer.open("support-line") }
        #expect(throws: WriteError.self) { try fixture.writer.create(MainBlock(name: "Third")) }
        #expect(try fixture.git("for-each-ref") == refs)
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/sales")
        #expect(try fixture.scratch.read("flow.yaml") == "schema: 1\nname: Sales\nseat: eve\n")
    }

    @Test func openSwitchesFilesAndHead() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        try fixture.writer.create(MainBlock(name: "Sales"))
        #expect(!fixture.scratch.exists("blocks/notify.yaml"))
        try fixture.writer.open("support-line")
        #expect(fixture.scratch.exists("blocks/notify.yaml"))
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/support-line")
        #expect(try fixture.git.porcelainStatus() == "")
        #expect(
            try fixture.reader.list().map { "\($0.id) \($0.isOpen) \($0.blockCount)" } == [
                "sales false 0", "support-line true 1",
            ])
    }

    @Test func saveThenCreateSavesPendingEditsFirst() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        try fixture.edit { $0.main.seat = "bob" }
        _ = try fixture.writer.save(message: "bob")
        let created = try fixture.writer.create(MainBlock(name: "After Hours"))
        #expect(created.flowID == "after-hours")
        #expect(try fixture.git("show", "flows/support-line:flow.yaml").contains("seat: bob"))
        #expect(try fixture.git("rev-list", "--parents", "flows/after-hours") == created.commit)
        #expect(try fixture.scratch.read("flow.yaml") == "schema: 1\nname: After Hours\n")
    }

    @Test func cancelRestoresTheSavedFilesAndMakesNoCommit() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        let saved = try fixture.scratch.read("flow.yaml")
        try fixture.scratch.write("flow.yaml", saved.replacingOccurrences(of: "alice", with: "mallory"))
        try fixture.scratch.write("blocks/extra.yaml", "type: play\n")
        try FileManager.default.removeItem(at: fixture.scratch.file("blocks/notify.yaml"))
        try fixture.scratch.write("notes.txt", "mine\n")
        #expect(try fixture.writer.cancel())
        #expect(try fixture.scratch.read("flow.yaml") == saved)
        #expect(fixture.scratch.exists("blocks/notify.yaml"))
        #expect(!fixture.scratch.exists("blocks/extra.yaml"))
        #expect(try fixture.scratch.read("notes.txt") == "mine\n")
        #expect(try fixture.git.porcelainStatus() == "?? notes.txt")
        #expect(try fixture.commitCount("HEAD") == 2)
        #expect(try fixture.writer.cancel() == false)
    }
}

@Suite struct ReadingTests {
    @Test func flowsResolveByIDNameAndNameInAnyCase() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        #expect(try fixture.reader.resolveFlow("support-line") == "support-line")
        #expect(try fixture.reader.resolveFlow("Support Line") == "support-line")
        #expect(try fixture.reader.resolveFlow("support LINE") == "support-line")
        #expect(throws: FlowError.self) { try fixture.reader.resolveFlow("nope") }
        try fixture.writer.create(MainBlock(name: "Support-Line"))
        #expect(try fixture.reader.resolveFlow("Support-Line") == "support-line-2")
        // Names are unique, as in the configurator: a second "Support Line" is refused.
        #expect {
            try fixture.writer.create(fixture.supportLine)
        } throws: { error in
            guard case WriteError.nameTaken(_, let other) = error else { return false }
            return other == "support-line"
        }
    }

    @Test func savedFlowsReadAtRevisionsRelativeToTheBranch() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        #expect(try fixture.reader.savedFlow("support-line").blocks.keys.sorted() == ["notify"])
        #expect(try fixture.reader.savedFlow("support-line", revision: "~1").blocks.isEmpty)
        let first = try fixture.git("rev-parse", "--short", "flows/support-line~1")
        #expect(try fixture.reader.savedFlow("support-line", revision: first).blocks.isEmpty)
        #expect(throws: FlowError.self) { try fixture.reader.savedFlow("support-line", revision: "~9") }
    }

    @Test func aHandBrokenFileIsReportedWithItsLineAndCannotBeSaved() throws {
        let fixture = try Fixture()
        try fixture.writer.create(fixture.supportLine)
        try fixture.scratch.write("flow.yaml", "schema: 1\nname: Support Line\nextension: [101\n")
        let status = try #require(try FlowStatus(fixture.reader))
        let problem = try #require(status.problem)
        #expect(problem.file == "flow.yaml")
        #expect(problem.line != nil)
        #expect(throws: FlowFileError.self) { try fixture.writer.save(message: "broken") }
        #expect(try fixture.commitCount("HEAD") == 1)
        #expect(try fixture.scratch.read("flow.yaml") == "schema: 1\nname: Support Line\nextension: [101\n")
    }

    @Test func outsideARepositoryIsAClearError() throws {
        let scratch = try ScratchDirectory()
        #expect {
            try FlowReader(discoveringFrom: scratch.path)
        } throws: { error in
            "\(error)".contains("not inside a git repository") && "\(error)".contains("flowctl init")
        }
    }

    @Test func everythingFlowctlWritesPassesFsckStrict() throws {
        let fixture = try Fixture()
        try fixture.supportLineWithBlock()
        _ = try fixture.writer.duplicate("support-line")
        try fixture.writer.create(MainBlock(name: "Sales"))
        let fsck = try fixture.git.run(["fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.stderr)")
        #expect(fsck.stderr.isEmpty && fsck.stdout.isEmpty)
    }
}
