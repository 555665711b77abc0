import CallFlow
import Foundation
import Git

/// What `pull` did with one flow.
public struct PullOutcome: Sendable {
    public enum Result: Sendable {
        case upToDate
        case notOnRemote
        /// Only on the remote: there to open, nothing to merge into.
        case onlyOnRemote
        case fastForwarded(from: String, to: String)
        case merged(commit: String)
        /// The merge stopped: the flow is open with the merge in progress.
        case conflicts([FlowConflict])
        /// `--ff-only`: both sides have saves of their own; nothing was changed.
        case notFastForward
    }

    public var flowID: String
    public var result: Result
}

extension FlowSync {
    /// Settles conflict `name` (`notify.url`, `notify` for all of a block's, `main.seat`) with
    /// ours or theirs: the working flow takes that side's value, and the conflict is settled.
    public func resolve(_ name: String, theirs useTheirs: Bool) throws -> [FlowConflict] {
        try writer.withWriteLock("resolve", allowedInMerge: true) {
            guard var state = writer.reader.mergeState() else { throw SyncError.noMerge }
            let (ours, theirs, base) = try writer.reader.mergeSides(state)
            let conflicts = FlowMerge.merge(base: base, ours: ours, theirs: theirs).conflicts
            let matching = conflicts.filter { $0.name == name || ($0.block ?? "main") == name }
            guard !matching.isEmpty else {
                throw SyncError.noSuchConflict(name, known: conflicts.map(\.name))
            }
            let side = useTheirs ? theirs : ours
            var working = try writer.reader.workingFlow()
            for conflict in matching {
                switch conflict.kind {
                case .field:
                    let value = FlowMerge.value(of: conflict.field ?? "", block: conflict.block, in: side)
                    working = FlowMerge.setting(conflict.field ?? "", block: conflict.block, to: value, in: working)
                case .block:
                    if let id = conflict.block { working.blocks[id] = side.blocks[id] }
                case .danglingExit: continue
                }
                if !state.resolved.contains(conflict.name) { state.resolved.append(conflict.name) }
            }
            try WorkingFiles(root: writer.root).write(FlowCodec.encode(working))
            try MergeRecord(git: git).write(state)
            return matching
        }
    }

    /// Fetches, then brings each of flows `ids` up to the remote's: a fast-forward when the
    /// local flow has nothing the remote lacks, else a three-way merge of the flows, block by
    /// block and field by field, committed with two parents when it is clean. A merge with
    /// conflicts stops there, with the flow open and the merge in progress.
    public func pull(
        _ ids: [String], from name: String?, fastForwardOnly: Bool = false, transfer: TransferObserver
    ) throws -> [PullOutcome] {
        let remote = try fetch(name, transfer: transfer)
        return try writer.withWriteLock("pull") {
            var outcomes: [PullOutcome] = []
            for id in ids {
                if fastForwardOnly, try needsMerge(id, remote: remote) {
                    outcomes.append(PullOutcome(flowID: id, result: .notFastForward))
                    continue
                }
                let outcome = try pullLocked(id, remote: remote)
                outcomes.append(PullOutcome(flowID: id, result: outcome))
                if case .conflicts = outcome { break }
            }
            return outcomes
        }
    }

    private func pullLocked(_ id: String, remote: String) throws -> PullOutcome.Result {
        guard let theirs = try gitCall({ try git.referenceTarget(FlowLayout.remoteBranchPrefix(remote) + id) }) else {
            return .notOnRemote
        }
        guard let ours = try gitCall({ try git.referenceTarget(FlowLayout.branch(id)) }) else { return .onlyOnRemote }
        // One merge base says it all: theirs is in ours (up to date), ours in theirs (a
        // fast-forward), or the two went their own ways since it (a merge).
        let base = try gitCall { try git.mergeBase(ours, theirs) }
        if base == theirs { return .upToDate }
        let isOpen = try writer.reader.openFlowID() == id
        let branch = Transaction.Ref(name: FlowLayout.branch(id), before: ours.description, after: "")
        if base == ours {
            try moveFlow(id, to: theirs, ref: branch, isOpen: isOpen, operation: "pull \(id)")
            return .fastForwarded(from: ours.description, to: theirs.description)
        }
        let (merged, conflicts) = FlowMerge.merge(
            base: try base.map { try writer.decoder.flow(inTree: try writer.reader.refs.tree(of: $0)) },
            ours: try writer.decoder.flow(inTree: try writer.reader.refs.tree(of: ours)),
            theirs: try writer.decoder.flow(inTree: try writer.reader.refs.tree(of: theirs)))
        guard !conflicts.isEmpty else {
            let oursTree = try writer.reader.refs.tree(of: ours)
            let mergedTree = try gitCall {
                try git.writeTree(base: oursTree, removing: FlowLayout.flowTreePaths, adding: FlowCodec.encode(merged))
            }
            let commit = try writer.commit(
                tree: mergedTree, parents: [ours, theirs], message: "Merge \(remote)/flows/\(id) into flows/\(id)")
            try moveFlow(id, to: commit, ref: branch, isOpen: isOpen, operation: "pull \(id)")
            return .merged(commit: commit.description)
        }
        // Conflicts: the flow is opened (as git's merge happens in the working tree) with what the
        // merge settled and ours where it could not, and the merge is left in progress.
        if !isOpen {
            try writer.requireNoUnsavedChanges(hint: "save or cancel them first: the merge needs \(id) open")
            try writer.journal.perform(try writer.switchTransaction("pull \(id)", to: id, at: ours))
        } else {
            try writer.requireNoUnsavedChanges(hint: "save or cancel them first, then pull")
        }
        try writeWorkingFiles(FlowCodec.encode(merged), operation: "pull \(id)")
        try MergeRecord(git: git).write(
            MergeState(
                flow: id, remote: remote, ours: ours.description, theirs: theirs.description,
                base: base?.description))
        return .conflicts(conflicts)
    }

    /// Moves flow `id`'s branch to `commit`, the working files too when it is open.
    private func moveFlow(_ id: String, to commit: ObjectID, ref: Transaction.Ref, isOpen: Bool, operation: String)
        throws
    {
        var ref = ref
        ref.after = commit.description
        if isOpen {
            try writer.requireNoUnsavedChanges(hint: "save or cancel them first, then pull")
            try writer.journal.perform(try writer.switchTransaction(operation, to: id, at: commit, refs: [ref]))
        } else {
            try writer.journal.perform(Transaction(operation: operation, refs: [ref]))
        }
    }

    /// Rewrites the open flow's files to `files` as one transaction, the index left as it is:
    /// an edit, as `git merge` leaves its result before the commit.
    private func writeWorkingFiles(_ files: [String: [UInt8]], operation: String) throws {
        let working = WorkingFiles(root: writer.root)
        let present = try working.presentPaths()
        let paths = Set(present).union(files.keys).sorted()
        let index = try gitCall { try git.indexEntries(paths) }
        var changes: [Transaction.File] = []
        for path in paths {
            let before = try working.readRegularFile(path).map { bytes in try gitCall { try git.createBlob(bytes) } }
            let after = try files[path].map { bytes in try gitCall { try git.createBlob(bytes) } }
            guard before != after else { continue }
            changes.append(
                Transaction.File(
                    path: path, before: before?.description, after: after?.description,
                    indexBefore: index[path]?.description, indexAfter: index[path]?.description))
        }
        try writer.journal.perform(
            Transaction(
                operation: operation, files: changes, baseBefore: writer.journal.readBase()?.text,
                baseAfter: writer.journal.readBase()?.text)
        )
    }
}
