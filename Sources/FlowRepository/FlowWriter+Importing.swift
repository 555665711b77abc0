import CallFlow
import Git

extension FlowWriter {
    /// Saves each of `flows` onto its own existing branch as one commit (an import of several
    /// callflows, as `export --all` writes them), in one transaction: every branch moves or
    /// none does. A flow whose files would not change gets no commit. The open flow's working
    /// files follow its branch; unsaved changes are refused first, as they would be lost.
    public func saveImported(_ flows: [(id: String, flow: Flow)], message: (Flow) -> String) throws -> [SavedCommit] {
        try withWriteLock("import") {
            try requireNoUnsavedChanges(hint: "save or cancel them first, as import saves the flows it reads")
            var refs: [Transaction.Ref] = []
            var saved: [SavedCommit] = []
            var commits: [String: ObjectID] = [:]
            for (id, flow) in flows {
                let tip = try reader.refs.openTip(id)
                let tipTree = try reader.refs.tree(of: tip)
                // The flow's files whole: blocks/ is written afresh, so a block gone is gone.
                let tree = try gitCall {
                    try git.writeTree(base: tipTree, removing: FlowLayout.flowTreePaths, adding: FlowCodec.encode(flow))
                }
                guard tree != tipTree else { continue }
                let text = message(flow)
                let commit = try commit(tree: tree, parents: [tip], message: text)
                refs.append(
                    Transaction.Ref(name: FlowLayout.branch(id), before: tip.description, after: commit.description))
                commits[id] = commit
                let before = try reader.savedFlow(id)
                saved.append(
                    SavedCommit(
                        flowID: id, commit: commit.description, message: text,
                        changes: FlowDiff.changes(from: before, to: flow)))
            }
            guard !refs.isEmpty else { return [] }
            if let open = try reader.openFlowID(), let commit = commits[open] {
                try journal.perform(try switchTransaction("import", to: open, at: commit, refs: refs))
            } else {
                try journal.perform(Transaction(operation: "import", refs: refs))
            }
            return saved
        }
    }
}
