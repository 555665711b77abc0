import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// A writer killed part way through a transaction leaves its journal; opening the write side
/// (or the read side) finishes it, whatever step it had reached, and git sees a repository as
/// if the command had run whole, or not at all.
@Suite struct RecoveryTests {
    let fixture: Fixture
    /// The commit `flows/support-line` is at, and the flow open before the interrupted command.
    let tip: ObjectID

    /// Support Line (two saves) and Sales (open), so that opening or creating a flow switches
    /// files, the index, refs and HEAD.
    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        try fixture.writer.create(MainBlock(name: "Sales", seat: "eve"))
        tip = try fixture.reader.refs.openTip("support-line")
    }

    /// The transaction of `flowctl duplicate`'s last part, as a plain branch: `flows/copy` made
    /// at Support Line's tip, and opened. It has every step: files, index, refs, HEAD, base.
    func openingANewBranch() throws -> Transaction {
        let branch = Transaction.Ref(name: FlowLayout.branch("copy"), before: nil, after: tip.description)
        return try fixture.writer.switchTransaction("open copy", to: "copy", at: tip, refs: [branch])
    }

    /// Leaves `transaction` as a writer killed after its first `steps` steps leaves it: the
    /// journal written (marked as being undone when `undoing`), those steps applied forward.
    func interrupt(_ transaction: Transaction, after steps: Int, undoing: Bool = false) throws {
        var transaction = transaction
        transaction.undoing = undoing
        try fixture.writer.journal.writeJournal(transaction)
        for step in Journal.steps.prefix(steps) { try fixture.writer.journal.apply(step, of: transaction, .forward) }
    }

    var journalPath: String { fixture.writer.journal.journalPath }

    /// A writer over a reader that did not recover, so that what is checked is the writer's own
    /// opening (`FlowWriter(discoveringFrom:)` opens a reader first, which recovers too).
    /// Opening recovers only while no one holds the lock; a git process another test of this
    /// process starts can hold it for a moment (see `Fixture.holdLock`), so this opens again, for
    /// up to five seconds, while the journal is left.
    func openWriter() throws -> FlowWriter {
        let deadline = Date().addingTimeInterval(5)
        while true {
            let git = try Repository(discoveringFrom: fixture.scratch.path)
            let writer = try FlowWriter(
                reader: try FlowReader(git: git, environment: fixture.environment, recovering: false))
            let left = FileManager.default.fileExists(atPath: journalPath)
            if writer.recoveryNote != nil || !left || Date() > deadline { return writer }
            usleep(10_000)
        }
    }

    /// What git sees once `copy` is open: HEAD on it at Support Line's tip, files and index as
    /// that commit has them.
    func expectCopyOpen() throws {
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/copy")
        #expect(try fixture.git("rev-parse", "flows/copy") == tip.description)
        #expect(try fixture.git.porcelainStatus() == "")
        #expect(
            try fixture.git("hash-object", "blocks/notify.yaml") == fixture.git("rev-parse", "HEAD:blocks/notify.yaml"))
        #expect(!FileManager.default.fileExists(atPath: journalPath))
    }

    /// What git sees when the command never ran: Sales open, no `flows/copy`, nothing changed.
    func expectSalesOpen() throws {
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/sales")
        #expect(try fixture.git("for-each-ref", "refs/heads/flows/copy") == "")
        #expect(try fixture.git.porcelainStatus() == "")
        #expect(!fixture.scratch.exists("blocks/notify.yaml"))
        #expect(try fixture.scratch.read("flow.yaml").contains("name: Sales"))
        #expect(!FileManager.default.fileExists(atPath: journalPath))
    }

    @Test(arguments: 0...Journal.steps.count)
    func openingTheWriteSideFinishesATransactionLeftAtAnyStep(steps: Int) throws {
        try interrupt(try openingANewBranch(), after: steps)
        let writer = try openWriter()
        #expect(writer.recoveryNote == "finished the interrupted 'open copy'")
        try expectCopyOpen()
        try fixture.git("fsck", "--strict")
    }

    @Test(arguments: 0...Journal.steps.count)
    func aTransactionLeftWhileBeingUndoneIsUndoneToTheEnd(steps: Int) throws {
        try interrupt(try openingANewBranch(), after: steps, undoing: true)
        let writer = try openWriter()
        #expect(writer.recoveryNote == "undid the interrupted 'open copy'")
        try expectSalesOpen()
    }

    /// From a detached HEAD (`git checkout --detach`), undoing puts HEAD back on that commit,
    /// detached, not on the branch the undo removes, whatever step the writer had reached.
    @Test(arguments: 0...Journal.steps.count)
    func undoingFromADetachedHeadDetachesItAgain(steps: Int) throws {
        let sales = try fixture.git("rev-parse", "flows/sales")
        try fixture.git("checkout", "-q", "--detach", "flows/sales")
        try interrupt(try openingANewBranch(), after: steps, undoing: true)
        let writer = try openWriter()
        #expect(writer.recoveryNote == "undid the interrupted 'open copy'")
        #expect(try fixture.git("rev-parse", "HEAD") == sales)
        #expect((try? fixture.git("symbolic-ref", "-q", "HEAD")) == nil)
        #expect(try fixture.git("for-each-ref", "refs/heads/flows/copy") == "")
        #expect(try fixture.git.porcelainStatus() == "")
    }

    /// A ref the transaction was to create was made by someone else meanwhile: it cannot go
    /// forward, so it is undone, and the other writer's branch is left where they put it.
    @Test func aTransactionThatCanNoLongerGoForwardIsUndone() throws {
        try interrupt(try openingANewBranch(), after: 2)
        let theirs = try fixture.git("rev-parse", "flows/support-line~1")
        try fixture.git("branch", "flows/copy", theirs)
        let writer = try openWriter()
        #expect(writer.recoveryNote == "undid the interrupted 'open copy'")
        #expect(try fixture.git("rev-parse", "flows/copy") == theirs)
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/sales")
        #expect(try fixture.git.porcelainStatus() == "")
    }

    @Test func openingTheReadSideFinishesItToo() throws {
        try interrupt(try openingANewBranch(), after: 1)
        var reader = try FlowReader(discoveringFrom: fixture.scratch.path, environment: fixture.environment)
        let deadline = Date().addingTimeInterval(5)  // see `openWriter`
        while reader.recoveryNote == nil, FileManager.default.fileExists(atPath: journalPath), Date() < deadline {
            usleep(10_000)
            reader = try FlowReader(discoveringFrom: fixture.scratch.path, environment: fixture.environment)
        }
        #expect(reader.recoveryNote == "finished the interrupted 'open copy'")
        #expect(try reader.openFlowID() == "copy")
        try expectCopyOpen()
    }

    /// While another writer holds the lock, opening neither waits nor touches its journal (it is
    /// that writer's to finish); the next change, under the lock, finishes it first.
    @Test func aJournalUnderAHeldLockIsLeftToTheNextChange() throws {
        try interrupt(try openingANewBranch(), after: 3)
        let other = try fixture.holdLock(as: "another writer")
        let reader = try FlowReader(discoveringFrom: fixture.scratch.path, environment: fixture.environment)
        let writer = try FlowWriter(reader: reader)
        #expect(reader.recoveryNote == nil && writer.recoveryNote == nil)
        #expect(FileManager.default.fileExists(atPath: journalPath))
        other.release()
        #expect(try writer.cancel() == false)
        try expectCopyOpen()
    }

    @Test func aDamagedJournalStopsTheWriterNamingIt() throws {
        try fixture.writer.journal.writeJournal(try openingANewBranch())
        try Data("{\"operation\": ".utf8).write(to: URL(fileURLWithPath: journalPath))
        #expect {
            try openWriter()
        } throws: { error in
            guard case WriteError.damagedJournal(let path, _) = error else { return false }
            return path == journalPath
        }
    }

    /// The temporary files a writer killed while writing files left are removed with its journal.
    @Test func aKilledWritersTemporaryFilesGo() throws {
        try interrupt(try openingANewBranch(), after: 0)
        try fixture.scratch.write(".flow.yaml.flowctl-tmp", "half a file")
        _ = try openWriter()
        #expect(!fixture.scratch.exists(".flow.yaml.flowctl-tmp"))
        try expectCopyOpen()
    }

    @Test func withNoJournalOpeningChangesNothing() throws {
        let before = try fixture.git("for-each-ref")
        let writer = try openWriter()
        #expect(writer.recoveryNote == nil)
        #expect(try fixture.git("for-each-ref") == before)
        #expect(try fixture.git.porcelainStatus() == "")
    }
}
