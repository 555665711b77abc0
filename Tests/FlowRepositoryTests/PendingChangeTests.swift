import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// A journal that cannot be finished now never stops a read and never shows half a change; one
/// that flowctl did not write is never applied; and recovery applies a pull's other files whatever
/// their size (issue 29, items 3, 4 and 5; issue 28, item 3).
extension RecoveryTests {
    func openReader() throws -> FlowReader {
        try FlowReader(discoveringFrom: fixture.scratch.path, environment: fixture.environment)
    }

    /// A writer stopped after its files step, holding the lock: a reader waits a moment, then
    /// reads the state from before the change, and says a change is in progress.
    @Test func aReaderDuringAStoppedWriterReadsTheStateBeforeIt() throws {
        try interrupt(try openingANewBranch(), after: 1)
        let stopped = try fixture.holdLock(as: "flowctl open copy")
        defer { stopped.release() }
        let reader = try openReader()
        #expect(reader.changeInProgress?.operation == "open copy")
        #expect(try reader.openFlowID() == "sales")
        #expect(try reader.flowIDs() == ["sales", "support-line"])
        let status = try #require(try FlowStatus(reader))
        #expect(status.flowID == "sales" && status.changedFiles.isEmpty && status.changes.isEmpty)
        #expect(try reader.workingFlow().main.name == "Sales")
        #expect(FileManager.default.fileExists(atPath: journalPath))
    }

    /// The refs step half done: the branch it creates is not listed until the change is whole.
    @Test func aBranchAChangeHasMadeIsNotReadBeforeItEnds() throws {
        try interrupt(try openingANewBranch(), after: 3)
        let stopped = try fixture.holdLock(as: "flowctl open copy")
        defer { stopped.release() }
        let reader = try openReader()
        #expect(try reader.flowIDs() == ["sales", "support-line"])
        #expect(try reader.openFlowID() == "sales")
        #expect(try reader.savedFlow("sales").main.name == "Sales")
    }

    /// git's index.lock left by a killed process: reads still read (the last saved state), and a
    /// writer says which lock is in the way and what to do; once it is removed, the next writer
    /// finishes the change.
    @Test func aStaleIndexLockLetsReadersReadAndTellsWritersWhatToDo() throws {
        try interrupt(try openingANewBranch(), after: 1)
        let lock = try fixture.git("rev-parse", "--absolute-git-dir") + "/index.lock"
        try Data().write(to: URL(fileURLWithPath: lock))
        let reader = try openReader()
        #expect(reader.changeInProgress?.reason.contains("index.lock") == true)
        #expect(try reader.openFlowID() == "sales")
        #expect(try FlowStatus(reader)?.changedFiles == [])
        // openWriter: a fork in another test can hold the lock for a moment, and a writer that
        // finds it held leaves recovery to the holder and opens.
        #expect {
            try openWriter()
        } throws: { error in
            guard case WriteError.interruptedChangeBlocked(let operation, let path) = error else { return false }
            return operation == "open copy" && path == lock && "\(error)".contains("rm \(lock)")
        }
        try FileManager.default.removeItem(atPath: lock)
        let writer = try openWriter()
        #expect(writer.recoveryNote != nil)
        #expect(!FileManager.default.fileExists(atPath: journalPath))
        try fixture.git("fsck", "--strict")
    }

    /// A journal with a path out of the working tree, a ref outside flowctl's, an id that is not
    /// one or a step flowctl never writes is refused, and nothing in it is applied.
    @Test(arguments: [
        #"{"files":[{"path":"../outside.txt","after":"%BLOB%"}],"operation":"x","refs":[],"undoing":false}"#,
        #"{"files":[{"path":"/tmp/outside.txt","after":"%BLOB%"}],"operation":"x","refs":[],"undoing":false}"#,
        #"{"files":[{"path":".git/hooks/pre-commit","after":"%BLOB%"}],"operation":"x","refs":[],"undoing":false}"#,
        #"{"files":[{"path":"flow.yaml","after":"nothex"}],"operation":"x","refs":[],"undoing":false}"#,
        #"{"files":[],"operation":"x","refs":[{"name":"refs/heads/../../../outside","after":"%BLOB%"}],"undoing":false}"#,
        #"{"files":[],"operation":"x","refs":[{"name":"HEAD","after":"%BLOB%"}],"undoing":false}"#,
        #"{"files":[],"headAfter":"../../outside","operation":"x","refs":[],"undoing":false}"#,
        #"{"files":[],"operation":"x","refs":[],"run":"rm -rf /","undoing":false}"#,
    ])
    func aJournalFlowctlDidNotWriteIsRefused(journal: String) throws {
        let blob = try fixture.git("rev-parse", "HEAD:flow.yaml")
        let outside = fixture.scratch.url.deletingLastPathComponent().appendingPathComponent("outside.txt").path
        try? FileManager.default.removeItem(atPath: outside)
        let before = try fixture.git("for-each-ref")
        try FileManager.default.createDirectory(
            atPath: (journalPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(journal.replacingOccurrences(of: "%BLOB%", with: blob).utf8).write(
            to: URL(fileURLWithPath: journalPath))
        #expect {
            try openWriter()
        } throws: { error in
            guard case WriteError.damagedJournal(let path, _) = error else { return false }
            return path == journalPath
        }
        #expect(!FileManager.default.fileExists(atPath: outside))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/outside.txt"))
        #expect(try fixture.git("for-each-ref") == before)
        #expect(try fixture.git.porcelainStatus() == "")
        // Reading still reads, and says why the journal was not applied.
        #expect(try openReader().changeInProgress?.reason.contains("damaged or not flowctl's") == true)
    }

    /// A pull (or any switch) that brought a file far over a flow file's size, killed once the
    /// file is in place: the next command finishes it, never holding that file to flow files' rules.
    @Test func recoveryFinishesAChangeThatCarriesALargeNonFlowFile() throws {
        try fixture.writer.open("support-line")
        let large = String(repeating: "notes\n", count: 30_000)  // 180 kB
        try fixture.scratch.write("NOTES.md", large)
        try fixture.git("add", "NOTES.md")
        try fixture.git("commit", "-qm", "Notes")
        let withNotes = try ObjectID(hex: fixture.git("rev-parse", "HEAD"))!
        try fixture.writer.open("sales")
        let branch = Transaction.Ref(name: FlowLayout.branch("copy"), before: nil, after: withNotes.description)
        let transaction = try fixture.writer.switchTransaction("pull copy", to: "copy", at: withNotes, refs: [branch])
        try interrupt(transaction, after: 1)
        #expect(try fixture.scratch.read("NOTES.md") == large)
        let writer = try openWriter()
        #expect(writer.recoveryNote == "finished the interrupted 'pull copy'")
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/flows/copy")
        #expect(try fixture.git.porcelainStatus() == "")
        #expect(!FileManager.default.fileExists(atPath: journalPath))
    }

    /// Item 9: the temporary object files a killed writer's libgit2 left go with the next writer;
    /// one being written now (under a minute old) stays.
    @Test func aKilledWritersTemporaryObjectFilesGoWithTheNextWriter() throws {
        let objects = try fixture.git("rev-parse", "--git-common-dir")
        let folder = (objects.hasPrefix("/") ? objects : fixture.scratch.path + "/" + objects) + "/objects/"
        let stale = folder + "tmp_object_git2_stale1", fresh = folder + "tmp_object_git2_fresh1"
        for path in [stale, fresh] { #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8))) }
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: stale)
        #expect(try fixture.writer.cancel() == false)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: fresh))
    }
}
