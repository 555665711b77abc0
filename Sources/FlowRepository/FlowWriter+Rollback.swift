import CallFlow
import Git

extension FlowWriter {
    /// Rollback: a new commit on the open flow whose flow files are those saved at `revision`
    /// (history kept, nothing rewritten; other files in the tree stay as they are), checked out.
    /// Refuses while edits are unsaved, and for a revision outside the flow's history. Nil when
    /// the flow is already as it was then. A file that cannot be read at the tip does not stop it,
    /// so a rollback repairs a broken save.
    public func rollback(to revision: String, message: String? = nil) throws -> SavedCommit? {
        try withWriteLock("rollback \(revision)") {
            let id = try reader.requireOpenFlowID()
            try requireNoUnsavedChanges(hint: "save them ('flowctl save') or discard them ('flowctl cancel') first")
            let tip = try reader.refs.openTip(id)
            let target = try reader.refs.commitID(id, revision: revision)
            guard try gitCall({ try git.isAncestor(target, of: tip) }) else {
                throw FlowError.badRevision(revision, flow: id, reason: "\(target.short) is not in the flow's history")
            }
            let targetCommit = try gitCall { try git.commit(target) }
            let tipTree = try reader.refs.tree(of: tip)
            let flowFiles = try gitCall {
                try git.treeChanges(from: nil, to: targetCommit.tree, paths: FlowLayout.flowPathspecs)
            }
            let tree = try gitCall {
                try git.writeTree(
                    base: tipTree, removing: FlowLayout.flowTreePaths, adding: [:],
                    addingBlobs: Dictionary(
                        uniqueKeysWithValues: flowFiles.compactMap { change in
                            change.new.map { (change.path, $0.id) }
                        }))
            }
            guard tree != tipTree else { return nil }
            let text = message ?? "Roll back to \(target.short): \(targetCommit.summary)"
            let changes = (try? decoder.changes(from: tipTree, to: .tree(tree))) ?? []
            let commit = try commit(tree: tree, parents: [tip], message: text)
            let branch = Transaction.Ref(
                name: FlowLayout.branch(id), before: tip.description, after: commit.description)
            try journal.perform(try switchTransaction("rollback \(revision)", to: id, at: commit, refs: [branch]))
            return SavedCommit(flowID: id, commit: commit.description, message: text, changes: changes)
        }
    }
}
