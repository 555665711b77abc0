import CallFlow
import Git

/// A commit flowctl made.
public struct SavedCommit: Sendable {
    public var flowID: String
    /// The full commit id.
    public var commit: String
    public var message: String
    public var changes: [FlowChange]
}

extension FlowWriter {
    /// Save Changes: commits the open flow's working files, written canonically, as one commit on
    /// its branch. Nil when there is nothing to save (no commit is made). `report` first gets what
    /// `validate` finds in the flow: a save goes ahead whatever it finds, as a draft may be
    /// incomplete. The branch moves by compare-and-swap: if it moved meanwhile, nothing is saved
    /// and the edits stay.
    /// `rewrote` hears of files that only needed writing canonically (a formatting edit).
    public func save(
        message: String? = nil, report: ([Finding]) -> Void = { _ in }, rewrote: ([String]) -> Void = { _ in }
    ) throws -> SavedCommit? {
        try withWriteLock("save", allowedInMerge: true) {
            let id = try reader.requireOpenFlowID()
            // Judged on stat data: every file listed is read below, so git's status need not
            // read it first (see `changedFilesByStat`).
            let present = try WorkingFiles(root: root).presentPaths()
            let changed = try changedFilesByStat(
                tipTree: try reader.refs.tip(id).map { try reader.refs.tree(of: $0) }, present: present)
            // A merge in progress is saved as the merge commit, once every conflict is settled.
            let merge = reader.mergeState()
            if merge != nil, let status = try reader.mergeStatus(),
                !status.unresolved.isEmpty || !status.unresolvedFiles.isEmpty
            {
                throw SyncError.unresolvedConflicts(
                    flow: id,
                    conflicts: status.unresolved.map(\.description)
                        + status.unresolvedFiles.map { file in
                            file.kind == .bothChanged
                                ? "\(file.path): conflict markers to edit out, then 'git add \(file.path)'"
                                : "\(file.path): \(file)"
                        })
            }
            let theirs = merge.flatMap { ObjectID(hex: $0.theirs) }
            guard !changed.isEmpty || theirs != nil else { return nil }
            let tip = try reader.refs.openTip(id)
            try requireWorktreeUpToDate(id, tip: tip)
            var tipTree = try reader.refs.tree(of: tip)
            if let otherFiles = merge?.otherFiles, !otherFiles.isEmpty {
                // The merge commit takes the other files the merge changed from the index, as `git commit` does.
                // Modes too: a script added upstream stays executable.
                let staged = try gitCall { try git.indexSides(otherFiles) }
                tipTree = try gitCall {
                    try git.writeTree(base: tipTree, removing: otherFiles, adding: [:], addingSides: staged)
                }
            }
            // A file found unchanged keeps its blob, and its check from the last save:
            // reading, encoding and checking every file made a save grow with the flow, not with
            // the edit (git add compares stat data).
            let input = try saveInput(tipTree: tipTree, changed: Set(changed), present: present)
            let working = input.flow
            report(input.findings(id: id) + (try FlowChecks(reader).clashes(of: id, main: working.main)))
            let files = FlowCodec.encode(working) { input.unchanged[$0] == nil }
            let removing = try flowFilesToRemove(tipTree: tipTree, keeping: files, input: input)
            let (tree, written) = try gitCall {
                try git.writeTreeAndBlobs(base: tipTree, removing: removing, adding: files)
            }
            var saved: SavedCommit?
            var refs: [Transaction.Ref] = []
            var base = WorktreeBase(branch: FlowLayout.branch(id), commit: tip)
            if tree != tipTree || theirs != nil {
                // The last save may not be readable (broken by a plain git commit): the new one is.
                let changes =
                    (try? decoder.changes(from: tipTree, writing: files, of: working, removing: removing)) ?? []
                let mergeMessage = merge.map { "Merge \($0.remote)/flows/\(id) into flows/\(id)" }
                let text =
                    message ?? mergeMessage
                    ?? (changes.isEmpty ? "Update \(changed.joined(separator: ", "))" : FlowDiff.summary(changes))
                let commit = try commit(tree: tree, parents: [tip] + (theirs.map { [$0] } ?? []), message: text)
                refs = [
                    Transaction.Ref(name: FlowLayout.branch(id), before: tip.description, after: commit.description)
                ]
                base.commit = commit
                saved = SavedCommit(flowID: id, commit: commit.description, message: text, changes: changes)
            }
            // The working files end up matching the commit byte for byte (only those written
            // otherwise are rewritten, their edited bytes kept as blobs for an undo), and the index
            // matches both.
            let index = try gitCall { try git.indexEntries(changed) }
            let transactionFiles = try changed.map { path in
                // A file found unchanged after all (its bytes are the tip's) stays as it is.
                let canonical = written[path] ?? input.unchanged[path]
                let edited = try input.read[path].map { bytes -> ObjectID in
                    if let canonical, bytes == files[path] { return canonical }
                    let id = try ObjectID.blob(hashing: bytes)
                    return id == canonical ? id : try gitCall { try git.createBlob(bytes) }
                }
                return Transaction.File(
                    path: path, before: edited?.description, after: canonical?.description,
                    indexBefore: index[path]?.description, indexAfter: canonical?.description)
            }
            try journal.perform(
                Transaction(
                    operation: "save", files: transactionFiles, refs: refs, baseBefore: journal.readBase()?.text,
                    baseAfter: base.text))
            if merge != nil { MergeRecord(git: git).clear() }
            input.cache(written: written).write(to: git)
            if saved == nil { rewrote(transactionFiles.filter { $0.before != $0.after }.map(\.path)) }
            return saved
        }
    }

    /// What a save takes out of the tip's tree `tipTree` before it adds `files`: the flow files
    /// no longer there, anything else in `blocks/` (a flow's folder holds only its blocks), and a
    /// `blocks` that is not a folder. A file found unchanged (`input.unchanged`) is the tip's
    /// entry already, so the tree is written from the tip's `blocks/` with only what changed put
    /// in: taking the folder out and putting two thousand blocks back cost a tenth of a save of
    /// one.
    func flowFilesToRemove(tipTree: ObjectID, keeping files: [String: [UInt8]], input: SaveInput) throws -> [String] {
        let entries = try decoder.flowEntries(tipTree)
        var removing: [String] = []
        if let main = entries.main, main.kind != .blob { removing.append(FlowCodec.mainFile) }
        if let folder = entries.blocksFolder, folder.kind != .tree { removing.append(FlowCodec.blocksFolder) }
        // Most saves keep every block file the tip has: then each of its entries was found at a
        // working file's path, and every working file is kept, unchanged or written.
        guard input.tipBlocksFound < entries.blocks.count else { return removing }
        for entry in entries.blocks {
            let path = FlowCodec.blocksFolder + "/" + entry.name
            if files[path] == nil && input.unchanged[path] == nil { removing.append(path) }
        }
        return removing
    }

    /// Save and Duplicate's second half: a new flow `<name> copy` on branch `flows/<id>-copy`
    /// (or `-copy-2`, ...) whose history is flow `id`'s plus one commit that renames it and blanks
    /// its extension and numbers. Opens the copy. Refuses while edits are unsaved.
    @discardableResult
    public func duplicate(_ id: String, name: String? = nil) throws -> SavedCommit {
        try withWriteLock("duplicate \(id)") { try duplicateLocked(id, name: name) }
    }

    /// `name` gives the copy a name of its own instead of "<name> copy".
    private func duplicateLocked(_ id: String, name: String?) throws -> SavedCommit {
        try requireNoUnsavedChanges(hint: "save them first ('flowctl save --duplicate' saves, then duplicates)")
        let tip = try reader.refs.commitID(id, revision: nil)
        let tipTree = try reader.refs.tree(of: tip)
        let original = try decoder.flow(inTree: tipTree)
        let known = try FlowChecks(reader).knownFlows()
        var copy: Flow
        if let name {
            if let other = known.flow(named: name) { throw WriteError.nameTaken(name, by: other) }
            copy = original.duplicated()
            copy.main.name = name
        } else {
            let number = (1...).first { known.flow(named: Flow.copyName(of: original.main.name, number: $0)) == nil }!
            copy = original.duplicated(number: number)
        }
        let taken = Set(try reader.flowIDs())
        let copyID = Slug.unique(Slug.make(from: copy.main.name) ?? "\(id)-copy") { taken.contains($0) }
        let tree = try gitCall {
            try git.writeTree(
                base: tipTree, removing: [FlowCodec.mainFile],
                adding: [FlowCodec.mainFile: Array(FlowCodec.encode(copy.main).utf8)])
        }
        let message = "Duplicate \(original.main.name) as \(copy.main.name)\n\n\(FlowLayout.copiedFromTrailer)\(id)"
        let commit = try commit(tree: tree, parents: [tip], message: message)
        try createBranchAndOpen(copyID, at: commit, message: "flowctl duplicate: \(id)")
        return SavedCommit(
            flowID: copyID, commit: commit.description, message: message,
            changes: FlowDiff.changes(from: original, to: copy))
    }

    /// Save and Create's second half: a new flow on an orphan branch whose first commit holds
    /// only `main`, and opens it. Refuses while edits are unsaved.
    @discardableResult
    public func create(_ main: MainBlock) throws -> SavedCommit {
        try withWriteLock("create") { try createLocked(main) }
    }

    private func createLocked(_ main: MainBlock) throws -> SavedCommit {
        try createLocked(
            Flow(main: main), message: "Create flow \(main.name)", preferredID: nil, reflog: "flowctl create")
    }

    /// A new flow holding `flow` whole (an import): an orphan branch whose first commit has
    /// every file, opened. The id is `preferredID` when free, else made from the name.
    @discardableResult
    public func createFlow(_ flow: Flow, message: String, preferredID: String?) throws -> SavedCommit {
        try withWriteLock("import") {
            try createLocked(flow, message: message, preferredID: preferredID, reflog: "flowctl import")
        }
    }

    private func createLocked(_ flow: Flow, message: String, preferredID: String?, reflog: String) throws
        -> SavedCommit
    {
        let main = flow.main
        try requireNoUnsavedChanges(hint: "save them first ('flowctl save --create NAME' saves, then creates)")
        if let other = try FlowChecks(reader).knownFlows().flow(named: main.name) {
            throw WriteError.nameTaken(main.name, by: other)
        }
        let id = try reader.newFlowID(name: main.name, preferred: preferredID)
        let tree = try gitCall { try git.writeTree(base: nil, removing: [], adding: FlowCodec.encode(flow)) }
        let commit = try commit(tree: tree, parents: [], message: message)
        try createBranchAndOpen(id, at: commit, message: reflog)
        return SavedCommit(
            flowID: id, commit: commit.description, message: message,
            changes: FlowDiff.changes(from: Flow(main: MainBlock(name: "")), to: flow))
    }

    /// Creates branch `flows/<id>` at `commit` and opens it, as one transaction: a failure
    /// anywhere leaves no branch behind and the working tree as it was.
    private func createBranchAndOpen(_ id: String, at commit: ObjectID, message: String) throws {
        let branch = Transaction.Ref(name: FlowLayout.branch(id), before: nil, after: commit.description)
        try journal.perform(try switchTransaction(message, to: id, at: commit, refs: [branch]))
    }

    /// Writes a commit object by the user's git identity; moving a branch to it is the caller's.
    func commit(tree: ObjectID, parents: [ObjectID], message: String) throws -> ObjectID {
        try gitCall {
            let author = try git.identity(for: .author, environment: reader.environment)
            let committer = try git.identity(for: .committer, environment: reader.environment)
            return try git.createCommit(
                tree: tree, parents: parents, author: author, committer: committer,
                message: message.hasSuffix("\n") ? message : message + "\n")
        }
    }
}
