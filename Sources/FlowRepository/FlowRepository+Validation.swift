import CallFlow

extension FlowRepository {
    /// The flow `id` as a check should see it: the open flow as edited, any other as saved.
    public func currentFlow(_ id: String) throws -> Flow {
        try openFlowID() == id ? try workingFlow() : try savedFlow(id)
    }

    /// Every flow's id and saved name (the open flow's as edited).
    public func knownFlows() throws -> KnownFlows {
        let open = try openFlowID()
        var names: [String: String] = [:]
        for summary in try summaries(try flowIDs()) { names[summary.id] = summary.main?.name ?? summary.id }
        if let open, let edited = try? workingFlow() { names[open] = edited.main.name }
        return KnownFlows(names: names)
    }

    /// What is wrong with flow `id` (see `currentFlow`), its callflow blocks' targets, and the
    /// extensions and numbers it claims that another flow claims too.
    public func validate(_ id: String) throws -> [Finding] {
        let flow = try currentFlow(id)
        return FlowValidator.findings(in: flow, id: id)
            + FlowValidator.missingTargets(in: flow, id: id, known: try knownFlows())
            + (try clashes(of: id, main: flow.main))
    }

    /// The extensions and numbers flow `id` (with `main`) claims that other flows claim too,
    /// each naming the other flow: what `set-main`, `save` and `rollback` warn about.
    public func clashes(of id: String, main: MainBlock) throws -> [Finding] {
        var mains: [(id: String, main: MainBlock)] = [(id, main)]
        for other in try summaries(try flowIDs().filter { $0 != id }) {
            if let otherMain = other.main { mains.append((other.id, otherMain)) }
        }
        return FlowValidator.conflicts(among: mains).filter { $0.flow == id }
    }

    /// What is wrong with every flow, and the extensions and numbers two flows claim. A flow
    /// whose files cannot be read is one error, naming the file and line.
    public func validateAll() throws -> [Finding] {
        var findings: [Finding] = []
        var mains: [(id: String, main: MainBlock)] = []
        let known = try knownFlows()
        for id in try flowIDs() {
            do {
                let flow = try currentFlow(id)
                findings += FlowValidator.findings(in: flow, id: id)
                findings += FlowValidator.missingTargets(in: flow, id: id, known: known)
                mains.append((id, flow.main))
            } catch let error as FlowFileError {
                findings.append(Finding(.error, flow: id, field: error.file, error.description))
            }
        }
        return findings + FlowValidator.conflicts(among: mains)
    }
}
