import CallFlow
import Git

extension FlowWriter {
    /// Opens flow `id`: checks its files out and points HEAD at its branch. Refuses, changing
    /// nothing, while the open flow has unsaved edits.
    public func open(_ id: String) throws {
        try withWriteLock("open \(id)") {
            try requireNoUnsavedChanges(hint: "save them ('flowctl save') or discard them ('flowctl cancel') first")
            // A flow only on a remote gets its local branch, tracking the remote's, as `git
            // switch` makes one.
            if let remote = try reader.refs.remoteOnlyBranch(id) {
                let branch = Transaction.Ref(name: FlowLayout.branch(id), before: nil, after: remote.tip.description)
                try journal.perform(try switchTransaction("open \(id)", to: id, at: remote.tip, refs: [branch]))
                try setUpstreams([id], remote: remote.remote, config: try reader.refs.branchConfig())
                return
            }
            try journal.perform(
                try switchTransaction("open \(id)", to: id, at: try reader.refs.commitID(id, revision: nil)))
        }
    }

    /// The transaction that switches the working tree, the index and HEAD from what HEAD has now
    /// to branch `flows/<id>` at `commit`, as `git switch` does, plus `refs` (a branch to create).
    /// Only files that differ between the two commits are touched; one that has changes of its
    /// own, an untracked file in the way, or anything but a regular file stops it before anything
    /// changes.
    func switchTransaction(_ operation: String, to id: String, at commit: ObjectID, refs: [Transaction.Ref] = [])
        throws -> Transaction
    {
        let headBefore: String? = try gitCall { try git.headBranch() }
        var oldTree: ObjectID?
        // A detached HEAD's files are the checked-out commit's: they go as a branch's would, so a
        // new flow starts clean whatever HEAD was.
        let current = try gitCall({ try git.referenceTarget(headBefore ?? "HEAD") })
        if let current { oldTree = try reader.refs.tree(of: current) }
        let newTree = try reader.refs.tree(of: commit)
        let changes: [TreeChange] = try gitCall { try git.treeChanges(from: oldTree, to: newTree) }
        for change in changes {
            for side in [change.old, change.new].compactMap({ $0 }) where side.kind != TreeEntry.Kind.blob {
                let what = side.kind == TreeEntry.Kind.link ? "symbolic link" : "submodule"
                throw WriteError.cannotSwitch(
                    path: change.path,
                    reason: "is a \(what) in one of the flows; flowctl switches regular files only (use 'git switch')")
            }
        }
        let paths = changes.map { $0.path }
        if !paths.isEmpty, let dirty = try gitCall({ try git.status(paths: paths) }).first {
            let untracked = dirty.change == StatusEntry.Change.added
            throw WriteError.cannotSwitch(
                path: dirty.path,
                reason: untracked ? "is untracked and would be overwritten" : "has changes that would be overwritten")
        }
        let index = try gitCall { try git.indexEntries(paths) }
        let files = changes.map { change in
            Transaction.File(
                path: change.path, before: change.old?.id.description, after: change.new?.id.description,
                indexBefore: index[change.path]?.description, indexAfter: change.new?.id.description,
                executableBefore: change.old?.isExecutable ?? false,
                executableAfter: change.new?.isExecutable ?? false)
        }
        return Transaction(
            operation: operation,
            files: files,
            refs: refs, headBefore: headBefore, headAfter: FlowLayout.branch(id),
            detachedBefore: headBefore == nil ? current?.description : nil,
            baseBefore: journal.readBase()?.text,
            baseAfter: WorktreeBase(branch: FlowLayout.branch(id), commit: commit).text)
    }

    /// Cancel: throws away the open flow's unsaved edits by resetting its files (and only those)
    /// to the branch tip, block files added since included. Returns false when there was nothing
    /// to discard. Asking the user first is the caller's job. The discarded files are kept first,
    /// as a commit under `refs/flowctl/discarded/` that `cancel --undo` brings back.
    @discardableResult
    public func cancel() throws -> Bool {
        try withWriteLock("cancel", allowedInMerge: true) {
            let id = try reader.requireOpenFlowID()
            var changed = try reader.changedFiles()
            // Cancel aborts a merge in progress: the files go back to the last save, as before the
            // pull, the other files the merge changed too (as `git merge --abort` puts them back).
            let mergeState = reader.mergeState()
            let merging = mergeState != nil
            changed = Array(Set(changed).union(mergeState?.otherFiles ?? [])).sorted()
            guard !changed.isEmpty else {
                if merging { MergeRecord(git: git).clear() }
                return merging
            }
            let tip = try reader.refs.openTip(id)
            let tipTree = try reader.refs.tree(of: tip)
            let working = WorkingFiles(root: root)
            let index = try gitCall { try git.indexEntries(changed) }
            var files: [Transaction.File] = []
            for path in changed {
                let saved = try gitCall { try git.treeEntry(tipTree, path: path) }
                let edited = try working.readRegularFile(path).map { bytes in try gitCall { try git.createBlob(bytes) }
                }
                files.append(
                    Transaction.File(
                        path: path, before: edited?.description, after: saved?.id.description,
                        indexBefore: index[path]?.description, indexAfter: saved?.id.description,
                        executableBefore: saved?.isExecutable ?? false, executableAfter: saved?.isExecutable ?? false))
            }
            let kept = try FlowDiscards(self).discardedEditsReference(
                id, tip: tip, files: files.map { ($0.path, $0.before.flatMap(ObjectID.init(hex:))) })
            try journal.perform(
                Transaction(
                    operation: "cancel", files: files, refs: [kept], baseBefore: journal.readBase()?.text,
                    baseAfter: WorktreeBase(branch: FlowLayout.branch(id), commit: tip).text))
            if merging { MergeRecord(git: git).clear() }
            try FlowDiscards(self).pruneDiscardedEdits()
            return true
        }
    }

    /// Writes `flow` as the open flow's working files, canonically; an edit, not a save.
    public func writeWorkingFlow(_ flow: Flow) throws {
        try withWriteLock("edit", allowedInMerge: true) {
            _ = try reader.requireOpenFlowID()
            try WorkingFiles(root: root).write(FlowCodec.encode(flow))
        }
    }

    /// An edit of the open flow as one writer: reads its working files under the repository lock,
    /// applies `edit` and writes back what changed, so two edits at the same moment both land.
    /// Returns the flow before and after.
    @discardableResult
    public func editWorkingFlow(_ edit: (inout Flow) throws -> Void) throws -> (before: Flow, after: Flow) {
        try withWriteLock("edit", allowedInMerge: true) {
            let before = try reader.workingFlow()
            var after = before
            try edit(&after)
            try WorkingFiles(root: root).write(FlowCodec.encode(after))
            return (before, after)
        }
    }
}
