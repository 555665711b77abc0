import CallFlow

extension FlowChecks {
    /// What is wrong with `flow` taken as flow `id`'s content (a remote's copy of it, as
    /// fetched): the checks `validate(_:)` makes, against the other flows as they are here.
    public func validate(_ id: String, as flow: Flow) throws -> [Finding] {
        var known = try knownFlows().names
        known[id] = flow.main.name  // a callflow block may name its own flow by its name there
        return FlowValidator.findings(in: flow, id: id)
            + FlowValidator.missingTargets(in: flow, id: id, known: KnownFlows(names: known))
            + (try clashes(of: id, main: flow.main))
    }
}
