import CallFlow
import Git

extension FlowReader {
    /// Where local flow `id` stands against the remote branch it tracks, as of the last fetch;
    /// nil when it tracks none (never pushed, or only on a remote).
    public func upstreamState(_ id: String) throws -> UpstreamState? {
        try refs.upstreamState(id, config: refs.branchConfig())
    }
}

extension FlowReader {
    /// A flow as a remote has it (as of the last fetch), named as git names a remote-tracking
    /// branch: `origin/flows/support`, or `origin/support`. Its id and the ref to read it at;
    /// nil when `reference` does not start with a remote's name.
    public func remoteFlow(_ reference: String) throws -> (id: String, ref: String)? {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, try gitCall({ try git.remoteNames() }).contains(parts[0]) else { return nil }
        let remote = parts[0]
        let id = parts[1].hasPrefix("flows/") ? String(parts[1].dropFirst("flows/".count)) : parts[1]
        let prefix = FlowLayout.remoteBranchPrefix(remote)
        let ref = prefix + id
        if Slug.isValid(id), try gitCall({ try git.referenceTarget(ref) }) != nil { return (id, ref) }
        let tips = try gitCall { try git.references(withPrefix: prefix) }.map {
            (id: String($0.name.dropFirst(prefix.count)), tip: $0.target)
        }
        // As a local flow, a remote's is found by its name too (`origin/After Hours`).
        if let named = try flowNamed(parts[1], among: tips) { return (named, prefix + named) }
        throw FlowError.unknownRemoteFlow(reference, remote: remote, known: tips.map { remote + "/flows/" + $0.id })
    }

    /// The one flow of `tips` called `name` (exactly, else in any case); nil when none is.
    private func flowNamed(_ name: String, among tips: [(id: String, tip: ObjectID)]) throws -> String? {
        let named = try summaries(tips)
        for matches in [
            named.filter { $0.main?.name == name },
            named.filter { $0.main?.name.lowercased() == name.lowercased() },
        ] {
            if matches.count == 1 { return matches[0].id }
            if matches.count > 1 { throw FlowError.ambiguousFlow(name, ids: matches.map(\.id)) }
        }
        return nil
    }
}
