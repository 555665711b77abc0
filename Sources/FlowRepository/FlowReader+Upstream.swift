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
        guard Slug.isValid(id), try gitCall({ try git.referenceTarget(ref) }) != nil else {
            let known = try gitCall { try git.references(withPrefix: prefix) }.map {
                remote + "/flows/" + $0.name.dropFirst(prefix.count)
            }
            throw FlowError.unknownRemoteFlow(reference, remote: remote, known: known)
        }
        return (id, ref)
    }
}
