import Git

extension FlowReader {
    /// Where local flow `id` stands against the remote branch it tracks, as of the last fetch;
    /// nil when it tracks none (never pushed, or only on a remote).
    public func upstreamState(_ id: String) throws -> UpstreamState? {
        try refs.upstreamState(id, config: refs.branchConfig())
    }
}
