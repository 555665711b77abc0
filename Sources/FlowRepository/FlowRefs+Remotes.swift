import CallFlow
import Git

/// Where a local flow stands against the branch it tracks on a remote, as `git status -sb`
/// shows it.
public struct UpstreamState: Sendable, Equatable {
    public var remote: String
    public var ahead: Int
    public var behind: Int
}

/// Flows that live on a remote are flows: after `git clone` or `git fetch`, each remote-tracking
/// branch `refs/remotes/<remote>/flows/<id>` with no local branch is listed, read, validated and
/// opened like a local one, and its id is never given to a new flow.
extension FlowRefs {
    /// The remote-tracking branch of flow `id` that has no local branch, with its remote: the
    /// first remote in name order that has it. Nil for a local flow or an unknown one.
    func remoteOnlyBranch(_ id: String) throws -> (remote: String, ref: String, tip: ObjectID)? {
        guard try target(FlowLayout.branch(id)) == nil else { return nil }
        for remote in try gitCall({ try git.remoteNames() }) {
            let ref = FlowLayout.remoteBranchPrefix(remote) + id
            if let tip = try gitCall({ try git.referenceTarget(ref) }) { return (remote, ref, tip) }
        }
        return nil
    }

    /// Flows found only on remote-tracking branches, by id, with the remote and tip.
    func remoteOnlyFlows(besides local: Set<String>) throws -> [(id: String, remote: String, tip: ObjectID)] {
        var found: [String: (remote: String, tip: ObjectID)] = [:]
        for remote in try gitCall({ try git.remoteNames() }) {
            let prefix = FlowLayout.remoteBranchPrefix(remote)
            for (name, tip) in try gitCall({ try git.references(withPrefix: prefix) }) {
                let id = String(name.dropFirst(prefix.count))
                guard !local.contains(id), found[id] == nil, Slug.isValid(id) else { continue }
                found[id] = (remote, tip)
            }
        }
        return found.sorted { $0.key < $1.key }.map { ($0.key, $0.value.remote, $0.value.tip) }
    }

    /// The remote a flow is only on, nil for a local flow.
    func remoteOnly(_ id: String) throws -> String? { try remoteOnlyBranch(id)?.remote }

    /// The `branch.flows/*` configuration, read once for many flows (git config names are
    /// case-insensitive in their first and last parts: the keys come lowercased there).
    func branchConfig() throws -> [String: String] {
        try gitCall { try git.configEntries(matching: "^branch\\.flows/.*\\.(remote|merge)$") }
    }

    func upstreamState(_ id: String, config: [String: String]) throws -> UpstreamState? {
        let branch = "flows/\(id)"
        guard let remote = config["branch.\(branch).remote"], remote != ".",
            let merge = config["branch.\(branch).merge"], merge.hasPrefix("refs/heads/"),
            let local = try tip(id),
            let upstream = try gitCall({
                try git.referenceTarget("refs/remotes/\(remote)/\(merge.dropFirst("refs/heads/".count))")
            })
        else { return nil }
        let (ahead, behind) = try gitCall { try git.aheadBehind(local, upstream) }
        return UpstreamState(remote: remote, ahead: ahead, behind: behind)
    }

    /// The tips of flows `ids`, each of which must have its own branch: a flow only on a remote
    /// is refused for `operation`, one with no branch anywhere is missing. Many flows are read
    /// in one pass over the branches: a look-up each stats a loose ref file and checks
    /// packed-refs, a fifth of a push of 1% of 3,000 flows; a pass costs about as much as a few
    /// dozen look-ups, so a handful of flows are looked up one by one.
    func localTips(_ ids: [String], for operation: String) throws -> [String: ObjectID] {
        var tips: [String: ObjectID] = [:]
        if ids.count > 32 {
            let all = Dictionary(try localFlowTips(), uniquingKeysWith: { first, _ in first })
            for id in ids { tips[id] = all[id] }
        } else {
            for id in ids { tips[id] = try target(FlowLayout.branch(id)) }
        }
        for id in ids where tips[id] == nil {
            try requireLocal(id, for: operation)
            throw FlowError.missingBranch(flow: id)
        }
        return tips
    }

    /// Refuses an operation that needs the flow's own branch on a flow that is only on a remote.
    func requireLocal(_ id: String, for operation: String) throws {
        if let remote = try remoteOnly(id) {
            throw FlowError.onlyOnRemote(flow: id, remote: remote, operation: operation)
        }
    }
}
