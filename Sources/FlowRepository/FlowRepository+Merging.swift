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
    }

    public var flowID: String
    public var result: Result
}

/// A merge `pull` started and the conflicts it left: git's own record (`MERGE_HEAD`,
/// `MERGE_MSG`) plus flowctl's, which names the three commits and the conflicts settled by
/// `resolve --ours`. The conflicts themselves are worked out again from the commits each time.
struct MergeState: Codable {
    var flow: String
    var remote: String
    var ours: String
    var theirs: String
    var base: String?
    var resolved: [String] = []
}

/// An unfinished merge, as `status` shows it.
public struct MergeStatus: Sendable {
    public var flowID: String
    public var remote: String
    public var theirs: String
    public var conflicts: [FlowConflict]
    public var unresolved: [FlowConflict]
}

extension FlowRepository {
    var mergeStatePath: String { flowctlDirectory + "merge.json" }
    var mergeHeadPath: String { git.gitDirectory + "MERGE_HEAD" }

    /// flowctl's merge in progress: only while git's `MERGE_HEAD` is the one it wrote.
    func mergeState() -> MergeState? {
        guard let data = FileManager.default.contents(atPath: mergeStatePath),
            let state = try? JSONDecoder().decode(MergeState.self, from: data),
            let head = try? String(contentsOfFile: mergeHeadPath, encoding: .utf8),
            head.trimmingCharacters(in: .whitespacesAndNewlines) == state.theirs
        else { return nil }
        return state
    }

    private func writeMergeState(_ state: MergeState) throws {
        do {
            try FileManager.default.createDirectory(atPath: flowctlDirectory, withIntermediateDirectories: true)
            try JSONEncoder().encode(state).write(to: URL(fileURLWithPath: mergeStatePath), options: .atomic)
            let message = "Merge \(state.remote)/flows/\(state.flow) into flows/\(state.flow)\n"
            try message.write(toFile: git.gitDirectory + "MERGE_MSG", atomically: true, encoding: .utf8)
            try (state.theirs + "\n").write(toFile: mergeHeadPath, atomically: true, encoding: .utf8)
        } catch {
            throw FlowError.fileSystem(path: mergeStatePath, reason: "\(error)")
        }
    }

    func clearMergeState() {
        for path in [mergeHeadPath, git.gitDirectory + "MERGE_MSG", git.gitDirectory + "MERGE_MODE", mergeStatePath] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Whether a merge `pull` started is in progress (cheap: no flow is read).
    public var mergeInProgress: Bool { mergeState() != nil }

    /// The merge in progress and its conflicts, each settled or not; nil when there is none.
    /// A conflict is settled by `resolve`, or by an edit that changes what the merge left (ours);
    /// an exit is settled when it leads to a block again.
    public func mergeStatus() throws -> MergeStatus? {
        guard let state = mergeState() else { return nil }
        let (ours, theirs, base) = try mergeSides(state)
        let conflicts = FlowMerge.merge(base: base, ours: ours, theirs: theirs).conflicts
        let working = try workingFlow()
        var unresolved: [FlowConflict] = []
        for conflict in conflicts where !state.resolved.contains(conflict.name) {
            switch conflict.kind {
            case .field:
                // Removing the block settles its fields' conflicts too.
                let blockRemains = conflict.block.map { working.blocks[$0] != nil } ?? true
                let now = FlowMerge.value(of: conflict.field ?? "", block: conflict.block, in: working)
                if blockRemains && now == conflict.ours { unresolved.append(conflict) }
            case .block:
                if let id = conflict.block, working.blocks[id] == ours.blocks[id] { unresolved.append(conflict) }
            case .danglingExit: break
            }
        }
        unresolved += FlowMerge.danglingExits(in: working)
        return MergeStatus(
            flowID: state.flow, remote: state.remote, theirs: state.theirs, conflicts: conflicts, unresolved: unresolved
        )
    }

    private func mergeSides(_ state: MergeState) throws -> (ours: Flow, theirs: Flow, base: Flow?) {
        func flow(_ hex: String) throws -> Flow {
            guard let id = ObjectID(hex: hex) else { throw FlowError.noMerge }
            return try self.flow(inTree: try tree(of: id))
        }
        return (try flow(state.ours), try flow(state.theirs), try state.base.map(flow))
    }

    /// Settles conflict `name` (`notify.url`, `notify` for all of a block's, `main.seat`) with
    /// ours or theirs: the working flow takes that side's value, and the conflict is settled.
    public func resolve(_ name: String, theirs useTheirs: Bool) throws -> [FlowConflict] {
        try withWriteLock("resolve", allowedInMerge: true) {
            guard var state = mergeState() else { throw FlowError.noMerge }
            let (ours, theirs, base) = try mergeSides(state)
            let conflicts = FlowMerge.merge(base: base, ours: ours, theirs: theirs).conflicts
            let matching = conflicts.filter { $0.name == name || ($0.block ?? "main") == name }
            guard !matching.isEmpty else {
                throw FlowError.noSuchConflict(name, known: conflicts.map(\.name))
            }
            let side = useTheirs ? theirs : ours
            var working = try workingFlow()
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
            try WorkingFiles(root: root).write(FlowCodec.encode(working))
            try writeMergeState(state)
            return matching
        }
    }

    /// Fetches, then brings each of flows `ids` up to the remote's: a fast-forward when the
    /// local flow has nothing the remote lacks, else a three-way merge of the flows, block by
    /// block and field by field, committed with two parents when it is clean. A merge with
    /// conflicts stops there, with the flow open and the merge in progress.
    public func pull(_ ids: [String], from name: String?, transfer: Transfer) throws -> [PullOutcome] {
        let remote = try fetch(name, transfer: transfer)
        return try withWriteLock("pull") {
            var outcomes: [PullOutcome] = []
            for id in ids {
                let outcome = try pullLocked(id, remote: remote)
                outcomes.append(PullOutcome(flowID: id, result: outcome))
                if case .conflicts = outcome { break }
            }
            return outcomes
        }
    }

    private func pullLocked(_ id: String, remote: String) throws -> PullOutcome.Result {
        guard let theirs = try gitCall({ try git.referenceTarget(Self.remoteBranchPrefix(remote) + id) }) else {
            return .notOnRemote
        }
        guard let ours = try gitCall({ try git.referenceTarget(Self.branch(id)) }) else { return .onlyOnRemote }
        // One merge base says it all: theirs is in ours (up to date), ours in theirs (a
        // fast-forward), or the two went their own ways since it (a merge).
        let base = try gitCall { try git.mergeBase(ours, theirs) }
        if base == theirs { return .upToDate }
        let isOpen = try openFlowID() == id
        let branch = Transaction.Ref(name: Self.branch(id), before: ours.description, after: "")
        if base == ours {
            try moveFlow(id, to: theirs, ref: branch, isOpen: isOpen, operation: "pull \(id)")
            return .fastForwarded(from: ours.description, to: theirs.description)
        }
        let (merged, conflicts) = FlowMerge.merge(
            base: try base.map { try flow(inTree: try tree(of: $0)) }, ours: try flow(inTree: try tree(of: ours)),
            theirs: try flow(inTree: try tree(of: theirs)))
        guard !conflicts.isEmpty else {
            let oursTree = try tree(of: ours)
            let mergedTree = try gitCall {
                try git.writeTree(base: oursTree, removing: Self.flowTreePaths, adding: FlowCodec.encode(merged))
            }
            let commit = try commit(
                tree: mergedTree, parents: [ours, theirs], message: "Merge \(remote)/flows/\(id) into flows/\(id)")
            try moveFlow(id, to: commit, ref: branch, isOpen: isOpen, operation: "pull \(id)")
            return .merged(commit: commit.description)
        }
        // Conflicts: the flow is opened (as git's merge happens in the working tree) with what the
        // merge settled and ours where it could not, and the merge is left in progress.
        if !isOpen {
            try requireNoUnsavedChanges(hint: "save or cancel them first: the merge needs \(id) open")
            try perform(try switchTransaction("pull \(id)", to: id, at: ours))
        } else {
            try requireNoUnsavedChanges(hint: "save or cancel them first, then pull")
        }
        try writeWorkingFiles(FlowCodec.encode(merged), operation: "pull \(id)")
        try writeMergeState(
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
            try requireNoUnsavedChanges(hint: "save or cancel them first, then pull")
            try perform(try switchTransaction(operation, to: id, at: commit, refs: [ref]))
        } else {
            try perform(Transaction(operation: operation, refs: [ref]))
        }
    }

    /// Rewrites the open flow's files to `files` as one transaction, the index left as it is:
    /// an edit, as `git merge` leaves its result before the commit.
    private func writeWorkingFiles(_ files: [String: [UInt8]], operation: String) throws {
        let working = WorkingFiles(root: root)
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
        try perform(
            Transaction(operation: operation, files: changes, baseBefore: readBase()?.text, baseAfter: readBase()?.text)
        )
    }
}
