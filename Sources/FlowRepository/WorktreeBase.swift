import Foundation
import Git

/// Each worktree's record of the save its flow files came from: `flowctl/base` in its git folder,
/// holding the branch and the commit. When a branch moves under a worktree (a save from another
/// worktree on the same branch), its files are older than the tip, and saving them as they are
/// would undo the other save: `save` checks this record first.
struct WorktreeBase: Equatable {
    var branch: String
    var commit: ObjectID

    init(branch: String, commit: ObjectID) {
        self.branch = branch
        self.commit = commit
    }

    init?(_ text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let commit = ObjectID(hex: String(parts[1].prefix(40))) else { return nil }
        branch = String(parts[0])
        self.commit = commit
    }

    var text: String { "\(branch) \(commit)" }
}

extension Journal {
    var basePath: String { FlowLayout.flowctlDirectory(git) + "base" }

    func readBase() -> WorktreeBase? {
        guard let data = FileManager.default.contents(atPath: basePath) else { return nil }
        return WorktreeBase(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The commit this worktree's HEAD last pointed at through this worktree, as its reflog
    /// (`logs/HEAD` in its git folder) records it: for a worktree flowctl has not written a base
    /// in (made by `git worktree add`, or switched by git), the commit its files came from.
    func reflogBase() -> ObjectID? {
        guard let data = FileManager.default.contents(atPath: git.gitDirectory + "logs/HEAD"),
            let last = data.split(separator: UInt8(ascii: "\n")).last
        else { return nil }
        // "<old id> <new id> <who> <when>\t<message>"
        let fields = last.split(separator: UInt8(ascii: " "), maxSplits: 2)
        return fields.count >= 2 ? ObjectID(hexBytes: ArraySlice(fields[1])) : nil
    }

    func writeBase(_ text: String?) throws {
        guard let text else { return }
        try FileWriting.atomically(Array((text + "\n").utf8), to: basePath, makingFolder: true)
    }
}

extension FlowWriter {
    /// Fails when this worktree's flow files are older than flow `id`'s tip and saving them would
    /// undo a change the tip has: a file that still holds what the tip replaced.
    /// With no base recorded for this flow (a worktree git made, or git switched), the commit
    /// the worktree's HEAD reflog last names stands in: every worktree has a base.
    func requireWorktreeUpToDate(_ id: String, tip: ObjectID) throws {
        let recorded = journal.readBase().flatMap { $0.branch == FlowLayout.branch(id) ? $0.commit : nil }
        guard let base = recorded ?? journal.reflogBase(), base != tip,
            try gitCall({ try git.isAncestor(base, of: tip) })
        else { return }
        let moved = try gitCall {
            try git.treeChanges(
                from: try git.commit(base).tree, to: try git.commit(tip).tree, paths: FlowLayout.flowPathspecs)
        }
        let working = WorkingFiles(root: root)
        let reverted = try moved.filter { change in
            let current = try working.readRegularFile(change.path).map { try ObjectID.blob(hashing: $0) }
            return current == change.old?.id
        }
        guard reverted.isEmpty else {
            throw WriteError.worktreeBehind(
                flow: id, base: base.short, tip: tip.short, files: reverted.map(\.path))
        }
    }
}
