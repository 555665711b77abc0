import CallFlow

extension FlowRepository {
    /// The flow `id` as a check should see it: the open flow as edited, any other as saved.
    public func currentFlow(_ id: String) throws -> Flow {
        try openFlowID() == id ? try workingFlow() : try savedFlow(id)
    }

    /// What is wrong with flow `id` (see `currentFlow`).
    public func validate(_ id: String) throws -> [Finding] {
        FlowValidator.findings(in: try currentFlow(id), id: id)
    }

    /// What is wrong with every flow, and the extensions and numbers two flows claim. A flow
    /// whose files cannot be read is one error, naming the file and line.
    public func validateAll() throws -> [Finding] {
        var findings: [Finding] = []
        var mains: [(id: String, main: MainBlock)] = []
        for id in try flowIDs() {
            do {
                let flow = try currentFlow(id)
                findings += FlowValidator.findings(in: flow, id: id)
                mains.append((id, flow.main))
            } catch let error as FlowFileError {
                findings.append(Finding(.error, flow: id, field: error.file, error.description))
            }
        }
        return findings + FlowValidator.conflicts(among: mains)
    }
}
