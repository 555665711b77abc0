import CallFlow
import Git

/// An unfinished merge, as `status` shows it.
public struct MergeStatus: Sendable {
    public var flowID: String
    public var remote: String
    public var theirs: String
    public var conflicts: [FlowConflict]
    public var unresolved: [FlowConflict]
}

extension FlowReader {
    /// flowctl's merge in progress, as recorded (see `MergeRecord`).
    func mergeState() -> MergeState? { MergeRecord(git: git).read() }

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

    func mergeSides(_ state: MergeState) throws -> (ours: Flow, theirs: Flow, base: Flow?) {
        func flow(_ hex: String) throws -> Flow {
            guard let id = ObjectID(hex: hex) else { throw SyncError.noMerge }
            return try decoder.flow(inTree: try refs.tree(of: id))
        }
        return (try flow(state.ours), try flow(state.theirs), try state.base.map(flow))
    }

}
