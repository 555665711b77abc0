import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// `save` finds changed files on stat data alone (see `changedFilesByStat`): it must list every
/// file git's status lists, and any other it lists must still hold the saved bytes.
@Suite struct StatChangeTests {
    let fixture: Fixture
    let notify = "blocks/notify.yaml"

    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
    }

    /// What the stat judgement lists now, checked against git's status and the saved bytes.
    @discardableResult
    func expectSafe(_ context: String) throws -> Set<String> {
        let repository = fixture.reader
        let tipTree = try repository.refs.tree(of: try repository.refs.openTip("support-line"))
        let exact = Set(try repository.changedFiles())
        let byStat = Set(try fixture.writer.changedFilesByStat(tipTree: tipTree))
        #expect(exact.isSubset(of: byStat), "\(context): git lists \(exact), stat data \(byStat)")
        for path in byStat.subtracting(exact) {
            let saved = try fixture.git("rev-parse", "HEAD:\(path)")
            #expect(try fixture.git("hash-object", path) == saved, "\(context): \(path) differs but git lists none")
        }
        return byStat
    }

    func rewrite(_ path: String, _ change: (String) -> String) throws {
        let text = try fixture.scratch.read(path)
        try fixture.scratch.write(path, change(text))
    }

    @Test func everyEditGitSeesIsSeen() throws {
        try expectSafe("after a save")
        let original = try fixture.scratch.read(notify)

        try rewrite(notify) { $0.replacingOccurrences(of: "calls", with: "calms") }
        #expect(try expectSafe("an edit of the same size") == [notify])

        // Written in place (same inode, same size) with the old modification time put back:
        // only the change time tells.
        // (The index written a moment later than the file, so that the file is not racily clean.)
        try fixture.scratch.write(notify, original)
        usleep(50_000)
        try fixture.git("add", notify)
        #expect(try expectSafe("the saved bytes, staged again").isEmpty)
        var info = stat()
        #expect(lstat(fixture.scratch.path + "/" + notify, &info) == 0)
        let edited = original.replacingOccurrences(of: "calls", with: "cells")
        let file = open(fixture.scratch.path + "/" + notify, O_WRONLY | O_TRUNC)
        #expect(file >= 0 && write(file, edited, edited.utf8.count) == edited.utf8.count)
        close(file)
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, fixture.scratch.path + "/" + notify, &times, 0) == 0)
        var after = stat()
        #expect(lstat(fixture.scratch.path + "/" + notify, &after) == 0)
        #expect(after.st_ino == info.st_ino && after.st_size == info.st_size)
        #expect(try expectSafe("an edit in place with its old time") == [notify])

        try fixture.scratch.write(notify, original)
        try expectSafe("the saved bytes written back")

        try fixture.scratch.write("blocks/extra.yaml", "type: hangup\n")
        #expect(try expectSafe("a new block file").contains("blocks/extra.yaml"))
        try FileManager.default.removeItem(atPath: fixture.scratch.path + "/blocks/extra.yaml")

        try FileManager.default.removeItem(atPath: fixture.scratch.path + "/" + notify)
        #expect(try expectSafe("a removed block file").contains(notify))
        try fixture.scratch.write(notify, original)

        try rewrite("flow.yaml") { $0.replacingOccurrences(of: "alice", with: "carl") }
        try fixture.git("add", "flow.yaml")
        #expect(try expectSafe("a change staged with git add").contains("flow.yaml"))
        try fixture.git("reset", "-q", "--hard")

        try fixture.git("rm", "-q", "--cached", notify)
        #expect(try expectSafe("a file taken out of the index").contains(notify))
        try fixture.git("reset", "-q")

        #expect(chmod(fixture.scratch.path + "/" + notify, 0o755) == 0)
        #expect(try expectSafe("an executable bit").contains(notify))
        #expect(chmod(fixture.scratch.path + "/" + notify, 0o644) == 0)
        try fixture.git("update-index", "--refresh")
        try expectSafe("after git refreshed the index")
    }

    /// A save writes the tip's tree with only what changed put in: the tree must still hold
    /// exactly the working flow's files, each with the working file's bytes, whatever else a
    /// plain git commit had put in `blocks/`.
    @Test func theSavedTreeHoldsExactlyTheFlowFiles() throws {
        try fixture.edit { flow in
            for id in ["a", "b", "c"] {
                flow.blocks[id] = Block(id: id, type: "hangup", parameters: [:])
            }
        }
        _ = try fixture.writer.save(message: "Three more")
        try fixture.scratch.write("blocks/notes.txt", "not a block\n")
        try fixture.git("add", "blocks/notes.txt")
        try fixture.git("commit", "-q", "-m", "A note by hand")
        try fixture.edit { flow in
            flow.blocks["a"] = nil
            flow.blocks["d"] = Block(id: "d", type: "hangup", parameters: [:])
            flow.main.seat = "bob"
        }
        let saved = try #require(try fixture.writer.save(message: "Change"))
        // What the save reports it changed, from the files it wrote and took out, is what a
        // diff of the two trees finds.
        let decoder = fixture.reader.decoder
        let (before, after) = (
            try fixture.git("rev-parse", "HEAD~1^{tree}"), try fixture.git("rev-parse", "HEAD^{tree}")
        )
        guard let old = ObjectID(hex: before), let new = ObjectID(hex: after) else {
            Issue.record("git gave tree ids that are not ids: \(before) \(after)")
            return
        }
        let diffed = try decoder.changes(from: old, to: .tree(new))
        #expect(saved.changes == diffed)
        #expect(FlowDiff.summary(saved.changes) == "Update seat; rename a to d")
        let tree = try fixture.git("ls-tree", "-r", "--name-only", "HEAD").split(separator: "\n").map(String.init)
        let expected = ["blocks/b.yaml", "blocks/c.yaml", "blocks/d.yaml", "blocks/notify.yaml", "flow.yaml"]
        #expect(tree == expected)
        for path in expected {
            #expect(try fixture.git("rev-parse", "HEAD:\(path)") == (try fixture.git("hash-object", path)), "\(path)")
        }
        #expect(try fixture.git("fsck", "--strict", "--no-progress").isEmpty)
    }

    /// git's status takes a file marked assume-unchanged at its word; save reads it.
    @Test func aFileMarkedUnchangedIsReadAnyway() throws {
        try fixture.git("update-index", "--assume-unchanged", notify)
        try rewrite(notify) { $0.replacingOccurrences(of: "calls", with: "calms") }
        let tipTree = try fixture.reader.refs.tree(of: try fixture.reader.refs.openTip("support-line"))
        #expect(try fixture.reader.changedFiles() == [])
        #expect(try fixture.writer.changedFilesByStat(tipTree: tipTree) == [notify])
    }
}
