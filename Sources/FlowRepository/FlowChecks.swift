import CallFlow
import Git

/// The checks that read more than one flow: what is wrong with a flow or all of them, the names
/// its callflow blocks may target, and the extensions and numbers two flows claim. Reads only.
public struct FlowChecks {
    let reader: FlowReader

    public init(_ reader: FlowReader) {
        self.reader = reader
    }

    /// Every flow's id and saved name (the open flow's as edited).
    public func knownFlows() throws -> KnownFlows {
        try knownFlows(from: try reader.summaries(try reader.refs.flowTips()))
    }

    /// The same from summaries already read; of the open flow only `flow.yaml` is read again.
    private func knownFlows(from summaries: [FlowSummary]) throws -> KnownFlows {
        var names: [String: String] = [:]
        for summary in summaries { names[summary.id] = summary.main?.name ?? summary.id }
        if let open = try reader.openFlowID(), let edited = try? reader.decoder.partialFlow(.workingTree, blocks: []) {
            names[open] = edited.main.name
        }
        return KnownFlows(names: names)
    }

    /// What is wrong with flow `id` (see `FlowReader.currentFlow`), its callflow blocks' targets, and the
    /// extensions and numbers it claims that another flow claims too.
    public func validate(_ id: String) throws -> [Finding] {
        let flow = try reader.currentFlow(id)
        let all = try reader.summaries(try reader.refs.flowTips())  // read once, for the targets and the clashes
        return FlowValidator.findings(in: flow, id: id)
            + FlowValidator.missingTargets(in: flow, id: id, known: try knownFlows(from: all))
            + clashes(of: id, main: flow.main, among: all)
    }

    /// The extensions and numbers flow `id` (with `main`) claims that other flows claim too,
    /// each naming the other flow: what `set-main`, `save` and `rollback` warn about.
    public func clashes(of id: String, main: MainBlock) throws -> [Finding] {
        clashes(of: id, main: main, among: try reader.summaries(try reader.refs.flowTips().filter { $0.id != id }))
    }

    private func clashes(of id: String, main: MainBlock, among others: [FlowSummary]) -> [Finding] {
        let mains =
            [(id: id, main: main)]
            + others.compactMap { other in
                other.id == id ? nil : other.main.map { (id: other.id, main: $0) }
            }
        return FlowValidator.conflicts(among: mains).filter { $0.flow == id }
    }

    /// What is wrong with every flow, and the extensions and numbers two flows claim. A flow
    /// whose files cannot be read is one error, naming the file and line. Each flow is read once,
    /// and checked as it is read; only its main block and callflow blocks are kept for the checks
    /// that need every flow's name, so memory does not grow with the flows' blocks. libgit2's
    /// caches are let go of now and then (see `decoder.releaseCaches(afterReading:)`).
    public func validateAll() throws -> [Finding] {
        let open = try reader.openFlowID()
        var checked: [(id: String, own: [Finding], callflows: Flow?)] = []
        var names: [String: String] = [:]
        var mains: [(id: String, main: MainBlock)] = []
        for (index, (id, tip)) in try reader.refs.flowTips().enumerated() {
            try reader.decoder.releaseCaches(afterReading: index)
            let tipTree = try reader.refs.tree(of: tip)
            let source: DiffTarget = id == open ? .workingTree : .tree(tipTree)
            do {
                let flow = id == open ? try reader.workingFlow() : try reader.decoder.flow(inTree: tipTree)
                names[id] = flow.main.name
                mains.append((id, flow.main))
                let callflows = flow.blocks.values.filter { $0.type == "callflow" }
                checked.append((id, FlowValidator.findings(in: flow, id: id), Flow(main: flow.main, blocks: callflows)))
            } catch let error as FlowFileError {
                names[id] = (try? reader.decoder.partialFlow(source, blocks: []))?.main.name ?? id
                checked.append((id, [Finding(.error, flow: id, field: error.file, error.description)], nil))
            }
        }
        let known = KnownFlows(names: names)
        var findings: [Finding] = []
        for (id, own, callflows) in checked {
            findings += own
            if let callflows { findings += FlowValidator.missingTargets(in: callflows, id: id, known: known) }
        }
        return findings + FlowValidator.conflicts(among: mains)
    }
}
