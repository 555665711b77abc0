import CallFlow
import Foundation
import Git

extension FlowSync {
    /// Brings flow `id` up to remote `remote`'s: a fast-forward when ours is in theirs, else the
    /// merge `git merge` makes (every file other than the flow's merged by git's rules, renames
    /// followed) with the flow's files merged block by block and field by field instead.
    /// Unrelated histories are refused, as git refuses them.
    func pullLocked(_ id: String, remote: String) throws -> PullOutcome.Result {
        guard let theirs = try gitCall({ try git.referenceTarget(FlowLayout.remoteBranchPrefix(remote) + id) }) else {
            return .notOnRemote
        }
        guard let ours = try gitCall({ try git.referenceTarget(FlowLayout.branch(id)) }) else { return .onlyOnRemote }
        // The same save: no merge base to look for (`pull --all` meets thousands of these).
        if ours == theirs { return .upToDate }
        // One merge base says it all: theirs is in ours (up to date), ours in theirs (a
        // fast-forward), or the two went their own ways since it (a merge).
        guard let base = try gitCall({ try git.mergeBase(ours, theirs) }) else {
            throw SyncError.unrelatedHistories(flow: id, remote: remote)
        }
        if base == theirs { return .upToDate }
        let isOpen = try writer.reader.openFlowID() == id
        let branch = Transaction.Ref(name: FlowLayout.branch(id), before: ours.description, after: "")
        if base == ours {
            try moveFlow(id, to: theirs, ref: branch, isOpen: isOpen, operation: "pull \(id)")
            return .fastForwarded(from: ours.description, to: theirs.description)
        }
        let (merged, conflicts) = try writer.reader.flowMerge(base: base, ours: ours, theirs: theirs)
        let flowBlobs = try FlowCodec.encode(merged).mapValues { bytes in try gitCall { try git.createBlob(bytes) } }
        let refs = writer.reader.refs
        let oursTree = try refs.tree(of: ours)
        let trees = try gitCall {
            try git.mergeTrees(
                base: try refs.tree(of: base), ours: oursTree, theirs: try refs.tree(of: theirs),
                replacing: FlowLayout.isFlowTreePath, adding: flowBlobs, labels: ("HEAD", theirs.description))
        }
        let dangling = FlowMerge.danglingExits(in: merged)
        guard !conflicts.isEmpty || !trees.conflicts.isEmpty else {
            let commit = try writer.commit(
                tree: trees.tree, parents: [ours, theirs], message: "Merge \(remote)/flows/\(id) into flows/\(id)")
            try moveFlow(id, to: commit, ref: branch, isOpen: isOpen, operation: "pull \(id)")
            return .merged(commit: commit.description, danglingExits: dangling)
        }
        // Conflicts: the flow is opened (as git's merge happens in the working tree) with what the
        // merge settled and ours where it could not, other files as git leaves them, and the
        // merge is left in progress.
        if !isOpen {
            try writer.requireNoUnsavedChanges(hint: "save or cancel them first: the merge needs \(id) open")
            try writer.journal.perform(try writer.switchTransaction("pull \(id)", to: id, at: ours))
        } else {
            try writer.requireNoUnsavedChanges(hint: "save or cancel them first, then pull")
        }
        var state = MergeState(
            flow: id, remote: remote, ours: ours.description, theirs: theirs.description, base: base.description)
        // The index's stages and the record are written before the journal goes: a kill before
        // that leaves a journal the next command undoes, never markers with no merge.
        try writeMergedFiles(from: oursTree, to: trees, operation: "pull \(id)") { otherFiles in
            try gitCall { try git.setIndexConflicts(trees.conflicts) }
            state.otherFiles = otherFiles
            try MergeRecord(git: git).write(state)
        }
        let files = trees.conflicts.map {
            FileConflict(path: $0.path, inOurs: $0.ours != nil, inTheirs: $0.theirs != nil)
        }
        return .conflicts(conflicts, files: files, danglingExits: dangling)
    }

    /// Writes a merge that stopped into the working tree as one transaction: the flow's files as
    /// an edit (the index left as it is), every other file the merge changed from ours staged as
    /// git stages it, and each conflicting one with git's conflict markers; then `record`, told
    /// the other files it changed, before the transaction ends (see `Transaction.startsMerge`).
    /// Refuses, changing nothing, where one of them has changes of its own.
    private func writeMergedFiles(
        from oursTree: ObjectID, to merge: TreeMerge, operation: String, record: ([String]) throws -> Void
    ) throws {
        let changes = try gitCall { try git.treeChanges(from: oursTree, to: merge.tree) }
        let conflicted = Dictionary(uniqueKeysWithValues: merge.conflicts.map { ($0.path, $0) })
        let otherPaths = Set(changes.map(\.path).filter { !FlowLayout.isFlowTreePath($0) }).union(conflicted.keys)
            .sorted()
        if !otherPaths.isEmpty, let dirty = try gitCall({ try git.status(paths: otherPaths) }).first {
            throw SyncError.wouldOverwrite(path: dirty.path)
        }
        let working = WorkingFiles(root: writer.root)
        let flowPaths = Set(try working.presentPaths()).union(changes.map(\.path).filter(FlowLayout.isFlowTreePath))
        let paths = flowPaths.union(otherPaths).sorted()
        let index = try gitCall { try git.indexEntries(paths) }
        let after = Dictionary(changes.map { ($0.path, $0.new) }, uniquingKeysWith: { first, _ in first })
        let before = Dictionary(changes.map { ($0.path, $0.old) }, uniquingKeysWith: { first, _ in first })
        var files: [Transaction.File] = []
        for path in paths {
            var file = Transaction.File(
                path: path, before: index[path]?.description, after: nil, indexBefore: index[path]?.description,
                executableBefore: (before[path] ?? nil)?.isExecutable ?? false)
            if FlowLayout.isFlowTreePath(path) {
                file.before = try working.readRegularFile(path).map { bytes in try gitCall { try git.createBlob(bytes) }
                }?
                .description
                file.after = (after[path] == nil ? file.before : after[path]??.id.description)
                file.indexAfter = file.indexBefore
            } else if let conflict = conflicted[path] {
                file.after = try conflict.workingFile.map { bytes in try gitCall { try git.createBlob(bytes) } }?
                    .description
                file.indexAfter = file.indexBefore
                file.executableBefore = conflict.ours?.isExecutable ?? false
                file.executableAfter = (conflict.ours ?? conflict.theirs)?.isExecutable ?? false
            } else {
                let new = after[path] ?? nil
                file.after = new?.id.description
                file.indexAfter = new?.id.description
                file.executableAfter = new?.isExecutable ?? false
            }
            // A conflict is always in: undone, its index stages go with the rest. A change of
            // mode alone (`chmod +x`) is a change too, as git stages it.
            if file.before != file.after || file.indexBefore != file.indexAfter
                || file.executableBefore != file.executableAfter || conflicted[path] != nil
            {
                files.append(file)
            }
        }
        var transaction = Transaction(
            operation: operation, files: files, baseBefore: writer.journal.readBase()?.text,
            baseAfter: writer.journal.readBase()?.text)
        transaction.startsMerge = true
        try writer.journal.perform(transaction) { try record(otherPaths) }
    }
}
