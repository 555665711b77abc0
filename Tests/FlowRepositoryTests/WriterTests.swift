import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// The write side's public API beyond save, open, create, duplicate, cancel and rollback (see
/// BranchTests, SaveTests, HistoryTests), checked against what git holds.
@Suite struct WriterTests {
    let fixture: Fixture
    var writer: FlowWriter { fixture.writer }

    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
    }

    @Test func initializeMakesARepositoryGitKnows() throws {
        #expect(try fixture.git("rev-parse", "--is-inside-work-tree") == "true")
        let again = try FlowWriter.initialize(at: fixture.scratch.path, environment: fixture.environment)
        #expect(try again.reader.flowIDs() == ["support-line"])
    }

    @Test func editsChangeOnlyTheWorkingFiles() throws {
        let tip = try fixture.git("rev-parse", "flows/support-line")
        let (before, after) = try writer.editWorkingFlow { $0.main.seat = "bob" }
        #expect(before.main.seat == "alice" && after.main.seat == "bob")
        #expect(try fixture.git.porcelainStatus() == " M flow.yaml")
        var flow = after
        flow.blocks["notify"] = nil
        flow.main.start = nil
        try writer.writeWorkingFlow(flow)
        #expect(try fixture.git.porcelainStatus() == " D blocks/notify.yaml\n M flow.yaml")
        #expect(try fixture.git("rev-parse", "flows/support-line") == tip)
    }

    /// What a writer kept waiting is told: the command holding the lock, not the operation
    /// under way (set-main edits, and was called `flowctl edit`).
    @Test func theLockNamesTheCommandThatHoldsIt() throws {
        writer.commandName = "set-main"
        var recorded = ""
        try writer.editWorkingFlow { _ in
            recorded = (try? String(contentsOfFile: fixture.scratch.path + "/.git/flowctl.lock", encoding: .utf8)) ?? ""
        }
        #expect(recorded.hasSuffix(": flowctl set-main\n"), "\(recorded)")
        writer.commandName = nil
        try writer.editWorkingFlow { _ in
            recorded = (try? String(contentsOfFile: fixture.scratch.path + "/.git/flowctl.lock", encoding: .utf8)) ?? ""
        }
        #expect(recorded.hasSuffix(": flowctl edit\n"), "\(recorded)")
    }

    /// An import: a new flow holding a whole flow, in one commit on an orphan branch, opened.
    @Test func createFlowCommitsAWholeFlowAndOpensIt() throws {
        var flow = Flow(main: MainBlock(name: "Imported", seat: "eve"))
        flow.main.start = "bye"
        flow.blocks["bye"] = Block(id: "bye", type: "hangup")
        let saved = try writer.createFlow(flow, message: "Import it", preferredID: "from-kazoo")
        #expect(saved.flowID == "from-kazoo")
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/from-kazoo")
        #expect(try fixture.git("log", "--format=%P %s", "flows/from-kazoo") == " Import it")
        #expect(try fixture.git("ls-tree", "-r", "--name-only", "HEAD") == "blocks/bye.yaml\nflow.yaml")
        #expect(try fixture.git.porcelainStatus() == "")
    }

    @Test func renameSavesTheNewNameMovesTheBranchAndRetargetsCallers() throws {
        try writer.create(MainBlock(name: "Caller"))
        _ = try writer.editWorkingFlow { flow in
            flow.main.start = "away"
            flow.blocks["away"] = Block(id: "away", type: "callflow", parameters: ["flow": .string("support-line")])
        }
        _ = try writer.save(message: "Hand calls on")
        let renamed = try writer.rename("support-line", to: "Help Line", newID: "help-line")
        #expect(renamed == RenamedFlow(id: "help-line", retargeted: ["caller"]))
        #expect(
            try fixture.git("for-each-ref", "--format=%(refname)", "refs/heads/flows/")
                == "refs/heads/flows/caller\nrefs/heads/flows/help-line")
        #expect(try fixture.git("show", "flows/help-line:flow.yaml").contains("name: Help Line"))
        #expect(try fixture.git("show", "flows/caller:blocks/away.yaml").contains("flow: help-line"))
        #expect(
            try fixture.git("log", "-1", "--format=%s", "flows/help-line")
                == "Rename Support Line to Help Line (id support-line -> help-line)")
        #expect(throws: WriteError.self) { try writer.rename("caller", to: "Help Line", newID: nil) }
        #expect(throws: WriteError.self) { try writer.rename("caller", to: "Other", newID: "Bad ID") }
    }

    @Test func publishTagsTheLastSaveAndRepublishMakesAnOlderVersionLive() throws {
        let first = try #require(try FlowPublisher(writer).publish("support-line", message: nil))
        #expect(first.number == 1 && first.tag == "published/support-line/v1")
        #expect(
            try fixture.git("rev-parse", "published/support-line/v1^{commit}")
                == fixture.git("rev-parse", "flows/support-line"))
        #expect(try fixture.git("cat-file", "-t", "published/support-line/v1") == "tag")
        #expect(try FlowPublisher(writer).publish("support-line", message: nil) == nil)
        try fixture.edit { $0.main.seat = "bob" }
        #expect(throws: WriteError.self) { try FlowPublisher(writer).publish("support-line", message: nil) }
        _ = try writer.save(message: "Bob")
        let second = try #require(try FlowPublisher(writer).publish("support-line", message: "Bob is live"))
        #expect(second.number == 2 && second.message == "Bob is live")
        let back = try #require(try FlowPublisher(writer).republish("support-line", version: nil, message: nil))
        #expect(back.number == 3 && back.commit == first.commit)
        #expect(
            try fixture.git("tag", "--list", "published/*")
                == "published/support-line/v1\npublished/support-line/v2\npublished/support-line/v3")
        #expect(throws: WriteError.self) {
            try FlowPublisher(writer).republish("support-line", version: 9, message: nil)
        }
    }

    @Test func aFlowWithErrorsIsNotPublished() throws {
        try fixture.edit { $0.main.start = "nowhere" }
        _ = try writer.save(message: "Broken start")
        #expect {
            try FlowPublisher(writer).publish("support-line", message: nil)
        } throws: { error in
            guard case WriteError.notPublishable(let flow, let errors) = error else { return false }
            return flow == "support-line" && errors.contains { $0.contains("nowhere") }
        }
        #expect(try fixture.git("tag", "--list") == "")
    }

    /// One writer at a time: another holding the lock makes a change wait, then fail naming it,
    /// with nothing changed.
    @Test func aChangeWhileAnotherWriterHoldsTheLockFailsNamingIt() throws {
        let other = try fixture.holdLock(as: "flowctl save (the other one)")
        var environment = fixture.environment
        environment["FLOWCTL_LOCK_TIMEOUT"] = "0"
        let impatient = try FlowWriter(discoveringFrom: fixture.scratch.path, environment: environment)
        #expect {
            try impatient.editWorkingFlow { $0.main.seat = "bob" }
        } throws: { error in
            guard case WriteError.repositoryBusy(_, let holder) = error else { return false }
            return holder.contains("flowctl save (the other one)")
        }
        #expect(try fixture.git.porcelainStatus() == "")
        // Once it is free, a writer that waits (as every writer does by default) goes ahead; one
        // that does not could still meet it held for a moment by a git process this test
        // process spawns elsewhere, between its fork and its exec.
        other.release()
        _ = try writer.editWorkingFlow { $0.main.seat = "bob" }
        #expect(try fixture.git.porcelainStatus() == " M flow.yaml")
    }

    /// While git's own rebase is under way, flowctl changes nothing.
    @Test func aGitOperationInProgressStopsEveryChange() throws {
        try FileManager.default.createDirectory(
            atPath: fixture.scratch.path + "/.git/rebase-merge", withIntermediateDirectories: true)
        #expect(writer.reader.operationInProgress?.name == "rebase")
        #expect {
            try writer.editWorkingFlow { $0.main.seat = "bob" }
        } throws: { error in
            guard case FlowError.operationInProgress = error else { return false }
            return true
        }
        #expect(try fixture.git("status", "--porcelain", "--untracked-files=no") == "")
    }
}

/// Deleted flows and discarded edits are kept as refs under `refs/flowctl/`, and come back.
@Suite struct FlowDiscardsTests {
    let fixture: Fixture
    let discards: FlowDiscards

    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        discards = FlowDiscards(fixture.writer)
    }

    @Test func aDeletedFlowIsKeptAndComesBack() throws {
        try fixture.writer.create(MainBlock(name: "Sales"))
        let tip = try fixture.git("rev-parse", "flows/support-line")
        #expect(throws: WriteError.self) { try discards.delete("sales") }  // the open flow
        let deleted = try discards.delete("support-line")
        #expect(deleted.flowID == "support-line" && deleted.commit == tip && deleted.name == "Support Line")
        #expect(try fixture.git("for-each-ref", "--format=%(refname)", "refs/heads/") == "refs/heads/flows/sales")
        #expect(try fixture.git("rev-parse", deleted.reference) == tip)
        #expect(try discards.deletedFlows() == [deleted])
        let restored = try discards.undelete("Support Line")
        #expect(restored == deleted)
        #expect(try fixture.git("rev-parse", "flows/support-line") == tip)
        #expect(try fixture.git("for-each-ref", "refs/flowctl/") == "")
        #expect(throws: WriteError.self) { try discards.undelete("support-line") }
    }

    @Test func cancelKeepsTheEditsAndUndoBringsThemBack() throws {
        try fixture.edit { $0.main.seat = "bob" }
        let edited = try fixture.scratch.read("flow.yaml")
        #expect(try discards.discardedEdits().isEmpty)
        #expect(try fixture.writer.cancel())
        #expect(try fixture.git.porcelainStatus() == "")
        let kept = try #require(try discards.discardedEdits().first)
        #expect(try fixture.git("show", kept.reference + ":flow.yaml") + "\n" == edited)
        #expect(try fixture.git("rev-parse", kept.reference + "^") == fixture.git("rev-parse", "flows/support-line"))
        #expect(try discards.undoCancel() == kept)
        #expect(try fixture.scratch.read("flow.yaml") == edited)
        #expect(try fixture.git.porcelainStatus() == " M flow.yaml")
        #expect(try discards.discardedEdits().isEmpty)
        #expect(throws: WriteError.self) { try discards.undoCancel() }
    }
}
