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
        /// Merged and saved; `danglingExits` are what the clean merge left leading nowhere
        /// (`validate` rejects them: fix and save).
        case merged(commit: String, danglingExits: [FlowConflict])
        /// The merge stopped: the flow is open with the merge in progress. `files`: other files
        /// git's merge left in conflict (with conflict markers and index stages, as git leaves them).
        case conflicts([FlowConflict], files: [FileConflict], danglingExits: [FlowConflict])
        /// `--ff-only`: both sides have saves of their own; nothing was changed.
        case notFastForward
        /// Refused, nothing changed: the flow and the remote's have no save in common. The
        /// message names the way out.
        case unrelatedHistories(String)
    }

    public var flowID: String
    public var result: Result
}

/// A file other than the flow's that git's merge left in conflict, and how: changed both ways
/// (merged by lines, conflict markers left in it) or git's modify/delete (removed on one side,
/// changed on the other; the changed file left as it is, no markers).
public struct FileConflict: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case bothChanged
        case removedByOurs
        case removedByTheirs
    }

    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// From which sides still have it: a side without it removed it.
    init(path: String, inOurs: Bool, inTheirs: Bool) {
        self.path = path
        kind = !inOurs ? .removedByOurs : !inTheirs ? .removedByTheirs : .bothChanged
    }

    /// From the index stages git left for it (2 ours, 3 theirs).
    init(path: String, stages: Set<Int>) {
        self.init(path: path, inOurs: stages.contains(2), inTheirs: stages.contains(3))
    }

    /// What git's merge said of it, in substance, and how to settle it.
    public var description: String {
        switch kind {
        case .bothChanged: return "merged by lines as git merges it, conflict markers left in it"
        case .removedByOurs:
            return "removed by ours, changed by theirs (modify/delete): theirs left in the working tree; "
                + "keep it with 'git add \(path)' or remove it with 'git rm \(path)'"
        case .removedByTheirs:
            return "changed by ours, removed by theirs (modify/delete): ours left in the working tree; "
                + "keep it with 'git add \(path)' or remove it with 'git rm \(path)'"
        }
    }
}

extension FlowSync {
    /// Settles conflict `name` (`notify.url`, `notify` for all of a block's, `main.seat`) with
    /// ours or theirs: the working flow takes that side's value, and the conflict is settled.
    public func resolve(_ name: String, theirs useTheirs: Bool) throws -> [FlowConflict] {
        try writer.withWriteLock("resolve", allowedInMerge: true) {
            guard var state = writer.reader.mergeState() else { throw SyncError.noMerge }
            let (ours, theirs, conflicts) = try writer.reader.mergeOfRecord(state)
            let matching = conflicts.filter { $0.name == name || ($0.block ?? "main") == name }
            guard !matching.isEmpty else {
                let dangling = FlowMerge.danglingExits(in: try writer.reader.workingFlow())
                if let exit = dangling.first(where: { $0.name == name }) {
                    throw SyncError.danglingExitIsNoConflict(exit.description)
                }
                if (state.otherFiles ?? []).contains(name) { throw SyncError.otherFileConflict(name) }
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
                case .danglingExit: continue  // not a conflict: merge leaves none
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
    /// conflicts stops there, with the flow open and the merge in progress. A flow with no save
    /// in common with the remote's is refused and left as it was, the others pulled.
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
                // One flow refused does not keep the others from their saves (as `git pull`
                // of one branch does not stand for the others); the caller reports it.
                let outcome: PullOutcome.Result
                do {
                    outcome = try pullLocked(id, remote: remote)
                } catch let error as SyncError {
                    guard case .unrelatedHistories = error else { throw error }
                    outcome = .unrelatedHistories(error.description)
                }
                outcomes.append(PullOutcome(flowID: id, result: outcome))
                if case .conflicts = outcome { break }
            }
            return outcomes
        }
    }

    /// Moves flow `id`'s branch to `commit`, the working files too when it is open.
    func moveFlow(_ id: String, to commit: ObjectID, ref: Transaction.Ref, isOpen: Bool, operation: String)
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
}
