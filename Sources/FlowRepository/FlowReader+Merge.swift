import CallFlow
import Git

/// An unfinished merge, as `status` shows it.
public struct MergeStatus: Sendable {
    public var flowID: String
    public var remote: String
    public var theirs: String
    public var conflicts: [FlowConflict]
    public var unresolved: [FlowConflict]
    /// Files other than the flow's that git's merge left in conflict (index stages), unresolved
    /// until `git add` (or `git rm`) stages them.
    public var unresolvedFiles: [FileConflict]
    /// Exits and the start the working flow leads to no block (`validate` rejects them): no
    /// conflict, but to fix before the merge is saved.
    public var danglingExits: [FlowConflict]
}

extension FlowReader {
    /// flowctl's merge in progress, as recorded (see `MergeRecord`).
    func mergeState() -> MergeState? { MergeRecord(git: git).read() }

    /// Whether a merge `pull` started is in progress (cheap: no flow is read).
    public var mergeInProgress: Bool { mergeState() != nil }

    /// The merge in progress and its conflicts, each settled or not; nil when there is none.
    /// A conflict is settled by `resolve`, or by an edit that changes what the merge left;
    /// an exit is settled when it leads to a block again.
    public func mergeStatus() throws -> MergeStatus? {
        guard let state = mergeState() else { return nil }
        let (ours, theirs, conflicts) = try mergeOfRecord(state)
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
                // What the merge left: ours, or the renamed block of a rename/delete.
                guard let id = conflict.block else { break }
                let left = conflict.renamedFrom == nil ? ours.blocks[id] : ours.blocks[id] ?? theirs.blocks[id]
                if working.blocks[id] == left { unresolved.append(conflict) }
            case .danglingExit: break
            }
        }
        let otherFiles = Set(state.otherFiles ?? [])
        return MergeStatus(
            flowID: state.flow, remote: state.remote, theirs: state.theirs, conflicts: conflicts,
            unresolved: unresolved,
            unresolvedFiles: try gitCall { try git.indexConflictStages() }.filter { otherFiles.contains($0.key) }
                .sorted { $0.key < $1.key }.map { FileConflict(path: $0.key, stages: $0.value) },
            danglingExits: FlowMerge.danglingExits(in: working))
    }

    /// The recorded merge's two sides and its conflicts, worked out again from its commits.
    func mergeOfRecord(_ state: MergeState) throws -> (ours: Flow, theirs: Flow, conflicts: [FlowConflict]) {
        func commit(_ hex: String) throws -> ObjectID {
            guard let id = ObjectID(hex: hex) else { throw SyncError.noMerge }
            return id
        }
        let (ours, theirs, base) = (try commit(state.ours), try commit(state.theirs), try state.base.map(commit))
        let merge = try flowMerge(base: base, ours: ours, theirs: theirs)
        return (
            try decoder.flow(inTree: try refs.tree(of: ours)), try decoder.flow(inTree: try refs.tree(of: theirs)),
            merge.conflicts
        )
    }

    /// The three-way merge of the flows of commits `ours` and `theirs`, renamed blocks followed as
    /// git's rename detection finds them.
    func flowMerge(base: ObjectID?, ours: ObjectID, theirs: ObjectID) throws -> (flow: Flow, conflicts: [FlowConflict])
    {
        let baseTree = try base.map { try refs.tree(of: $0) }
        let (oursTree, theirsTree) = (try refs.tree(of: ours), try refs.tree(of: theirs))
        func blockRenames(to tree: ObjectID) throws -> [String: String] {
            let found = try gitCall { try git.renames(from: baseTree, to: tree, paths: [FlowCodec.blocksFolder + "/"]) }
            var renames: [String: String] = [:]
            for (old, new) in found {
                if let from = FlowCodec.blockID(ofFile: old), let to = FlowCodec.blockID(ofFile: new) {
                    renames[from] = to
                }
            }
            return renames
        }
        let renames =
            baseTree == nil
            ? BlockRenames()
            : BlockRenames(ours: try blockRenames(to: oursTree), theirs: try blockRenames(to: theirsTree))
        return FlowMerge.merge(
            base: try baseTree.map { try decoder.flow(inTree: $0) }, ours: try decoder.flow(inTree: oursTree),
            theirs: try decoder.flow(inTree: theirsTree), renames: renames)
    }

}
