import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// A pull that stops on conflicts writes the merge's files, then the index's stages and the
/// merge's record, under one journal: killed between the two (the moment copied here, as a
/// SIGKILL leaves it), the next command undoes the whole, and never leaves conflict markers
/// with no merge in progress; the pull again stops on the same conflicts.
@Suite struct MergeKillTests {
    @Test func aKillBetweenTheFilesAndTheRecordIsUndoneByTheNextCommand() throws {
        let suite = try SyncTests()
        let fixture = suite.fixture
        let (clone, folder, git) = try suite.cloneOfServer()
        // Both sides change the seat and NOTES.md (the other file, committed with plain git).
        try fixture.scratch.write("NOTES.md", "theirs\n")
        try fixture.git("add", "NOTES.md")
        try fixture.git("commit", "-q", "-m", "Their notes")
        try fixture.edit { $0.main.seat = "bob" }
        _ = try fixture.writer.save(message: "Bob")
        _ = try suite.sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        try folder.write("clone/NOTES.md", "ours\n")
        try git("add", "NOTES.md")
        try git("commit", "-q", "-m", "Our notes")
        _ = try clone.writer.editWorkingFlow { $0.main.seat = "carol" }
        _ = try clone.writer.save(message: "Carol")
        let ours = try git("rev-parse", "HEAD")

        let killed = try ScratchDirectory()
        clone.writer.journal.afterSteps = { transaction in
            guard transaction.startsMerge == true else { return }
            try? FileManager.default.copyItem(atPath: folder.path + "/clone", toPath: killed.path + "/clone")
        }
        let outcome = try clone.pull(["support-line"], from: nil, transfer: TransferObserver())
        guard case .conflicts = outcome.first?.result else { Issue.record("\(outcome)"); return }

        // The copy: markers written, no record yet, the journal there.
        let left = GitCLI(directory: killed.path + "/clone", environment: fixture.environment)
        #expect(try killed.read("clone/NOTES.md").contains("<<<<<<<"))
        #expect(!FileManager.default.fileExists(atPath: killed.path + "/clone/.git/MERGE_HEAD"))
        #expect(FileManager.default.fileExists(atPath: killed.path + "/clone/.git/flowctl/journal.json"))

        let reader = try FlowReader(discoveringFrom: killed.path + "/clone", environment: fixture.environment)
        #expect(reader.recoveryNote == "undid the interrupted 'pull support-line'", "\(reader.recoveryNote ?? "")")
        #expect(!reader.mergeInProgress)
        #expect(try left.porcelainStatus() == "")
        #expect(try left("rev-parse", "HEAD") == ours && killed.read("clone/NOTES.md") == "ours\n")
        #expect(try killed.read("clone/flow.yaml").contains("seat: carol"))
        #expect(try left("ls-files", "-u") == "")

        // The pull again stops where the first did, as git leaves it.
        let again = try FlowSync(FlowWriter(reader: reader))
        let second = try again.pull(["support-line"], from: nil, transfer: TransferObserver())
        guard case .conflicts(let conflicts, let files, _) = second.first?.result else {
            Issue.record("\(second)")
            return
        }
        #expect(conflicts.map(\.name) == ["main.seat"] && files.map(\.path) == ["NOTES.md"])
        #expect(again.writer.reader.mergeInProgress)
        // Added on both sides: git's add/add leaves stages 2 and 3.
        #expect(try left("ls-files", "-u", "NOTES.md").split(separator: "\n").count == 2)
        for repository in [left, git] {
            #expect(try repository.run(["fsck", "--strict"]).status == 0)
        }
    }
}
