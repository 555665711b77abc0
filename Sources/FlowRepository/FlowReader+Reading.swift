import CallFlow
import Git

/// One flow as `list` shows it: its saved main block, or why that could not be read.
public struct FlowSummary: Sendable {
    public var id: String
    public var main: MainBlock?
    public var blockCount: Int
    public var problem: FlowFileError?
    public var isOpen: Bool
    /// The remote the flow is only on (no local branch yet), nil for a local flow.
    public var onlyOnRemote: String? = nil
    /// Where a local flow stands against the remote branch it tracks, nil when it tracks none.
    public var upstream: UpstreamState? = nil
}

extension FlowReader {
    /// The flow `id` as a check should see it: the open flow as edited, any other as saved.
    public func currentFlow(_ id: String) throws -> Flow {
        try openFlowID() == id ? try workingFlow() : try savedFlow(id)
    }

    /// Every flow, by id, as saved on its branch.
    public func list() throws -> [FlowSummary] {
        let open = try openFlowID()
        let flows = try refs.flowRefs()
        let remoteOnly = Dictionary(uniqueKeysWithValues: flows.map { ($0.id, $0.onlyOnRemote) })
        let config = try refs.branchConfig()
        return try summaries(flows.map { ($0.id, $0.tip) }, releasingCaches: true).map { summary in
            var summary = summary
            summary.isOpen = summary.id == open
            summary.onlyOnRemote = remoteOnly[summary.id] ?? nil
            if summary.onlyOnRemote == nil { summary.upstream = try refs.upstreamState(summary.id, config: config) }
            return summary
        }
    }

    /// What `list` shows of each flow, read at the tips given (as `flowTips` finds them, so
    /// that no ref is looked up twice).
    func summaries(_ tips: [(id: String, tip: ObjectID)], releasingCaches: Bool = false) throws -> [FlowSummary] {
        try tips.enumerated().map { index, flow in
            let (id, tip) = flow
            if releasingCaches { try decoder.releaseCaches(afterReading: index) }
            var summary = FlowSummary(id: id, main: nil, blockCount: 0, problem: nil, isOpen: false)
            let tipTree = try refs.tree(of: tip)
            do {
                summary.main = try FlowCodec.decodeMain(try decoder.mainBytes(inTree: tipTree))
                summary.blockCount = try decoder.blockEntries(inTree: tipTree).count
            } catch let error as FlowFileError {
                summary.problem = error
            }
            return summary
        }
    }

    /// Flow `id` as saved at its tip, or at `revision` (resolved against its branch: `~1`, `^`,
    /// an id prefix, a tag, anything git takes).
    public func savedFlow(_ id: String, revision: String? = nil) throws -> Flow {
        try decoder.flow(inTree: try refs.tree(of: try refs.commitID(id, revision: revision)))
    }

    /// The open flow as it is in the working tree, unsaved edits included.
    public func workingFlow() throws -> Flow {
        let id = try requireOpenFlowID()
        if changeInProgress != nil { return try savedFlow(id) }
        return try FlowCodec.decode(try WorkingFiles(root: root).read())
    }

    /// The id a new flow named `name` would get: `preferred` when free, else made from the name.
    public func newFlowID(name: String, preferred: String? = nil) throws -> String {
        guard let slug = preferred.flatMap({ Slug.isValid($0) ? $0 : nil }) ?? Slug.make(from: name) else {
            throw WriteError.nameHasNoID(name)
        }
        let taken = Set(try flowIDs())
        return Slug.unique(slug) { taken.contains($0) }
    }
}
