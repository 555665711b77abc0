import CallFlow
import Git

/// Where each flow's saves are: its branch `flows/<id>`, or for a flow only on a remote, the
/// remote-tracking branch (see FlowRefs+Remotes); and which commit a revision names in a flow's
/// history. Reads refs only, never a flow's files.
struct FlowRefs {
    let git: Repository
    /// Refs read at the commit given rather than where they are (nil: as if absent), and HEAD's
    /// branch ("" when none): the state from before a change in progress (see FlowReader+Pending).
    var pinned: [String: ObjectID?] = [:]
    var pinnedHead: String?

    init(git: Repository) { self.git = git }

    /// The commit ref `name` points at, nil when there is none.
    func target(_ name: String) throws -> ObjectID? {
        if let pin = pinned[name] { return pin }
        return try gitCall { try git.referenceTarget(name) }
    }

    /// The branch HEAD points at, nil when it is detached or there is none.
    func headBranch() throws -> String? {
        if let pinnedHead { return pinnedHead.isEmpty ? nil : pinnedHead }
        return try gitCall { try git.headBranch() }
    }

    /// The ids of every flow, sorted.
    func flowIDs() throws -> [String] {
        try flowTips().map(\.id)
    }

    /// Every flow's id and tip commit, sorted by id, from one pass over the refs: the local
    /// branches, then the flows only on a remote-tracking branch (see FlowReader+Remotes).
    func flowTips() throws -> [(id: String, tip: ObjectID)] {
        try flowRefs().map { ($0.id, $0.tip) }
    }

    /// `flowTips`, each with the remote a flow is only on (nil for a local flow).
    func flowRefs() throws -> [(id: String, tip: ObjectID, onlyOnRemote: String?)] {
        let local = try localFlowTips().map { (id: $0.id, tip: $0.tip, onlyOnRemote: String?.none) }
        let remote = try remoteOnlyFlows(besides: Set(local.map(\.id))).map {
            (id: $0.id, tip: $0.tip, onlyOnRemote: Optional($0.remote))
        }
        return (local + remote).sorted { $0.id < $1.id }
    }

    /// The flows with a branch here, and their tips, in no set order: the remote-tracking
    /// branches are not read (a push of every flow reads only these).
    func localFlowTips() throws -> [(id: String, tip: ObjectID)] {
        var branches = try gitCall { try git.references(withPrefix: FlowLayout.branchPrefix) }.map {
            (name: $0.name, target: $0.target)
        }
        if !pinned.isEmpty {
            branches =
                branches.filter { pinned[$0.name] == nil }
                + pinned.compactMap { name, pin in
                    name.hasPrefix(FlowLayout.branchPrefix) ? pin.map { (name, $0) } : nil
                }
        }
        return branches.map { (id: String($0.name.dropFirst(FlowLayout.branchPrefix.count)), tip: $0.target) }
    }

    /// The tip commit of flow `id`: its branch's, or for a flow only on a remote, the
    /// remote-tracking branch's.
    func tip(_ id: String) throws -> ObjectID? {
        try target(FlowLayout.branch(id)) ?? remoteOnlyBranch(id)?.tip
    }

    /// The ref flow `id`'s history is read from (see `tip`).
    func readableBranch(_ id: String) throws -> String {
        try remoteOnlyBranch(id)?.ref ?? FlowLayout.branch(id)
    }

    /// The tip of the open flow `id`: only something outside flowctl can leave its branch empty.
    func openTip(_ id: String) throws -> ObjectID {
        guard let tip = try tip(id) else { throw FlowError.missingBranch(flow: id) }
        return tip
    }

    /// The tree of `commit`.
    func tree(of commit: ObjectID) throws -> ObjectID {
        try gitCall { try git.commit(commit).tree }
    }

    /// The commit `revision` names for flow `id`; its tip when nil.
    func commitID(_ id: String, revision: String?) throws -> ObjectID {
        guard let revision else {
            guard let tip = try tip(id) else { throw FlowError.unknownFlow(id, known: try flowIDs()) }
            return tip
        }
        // `@~2`, `HEAD~2`, `~2`, `^` and `@{u}` are relative to the flow, as `git rev-parse
        // flows/<id>~2` reads them; `@~2` and `HEAD~2` need no quoting in any shell.
        var branch = try readableBranch(id)
        if let pin = pinned[branch] {
            guard let pin else { throw FlowError.unknownFlow(id, known: try flowIDs()) }
            branch = pin.description
        }
        var relative: String?
        if revision.hasPrefix("~") || revision.hasPrefix("^") {
            relative = revision
        } else if let rest = ["HEAD", "@"].lazy.compactMap({ revision.dropPrefix($0) }).first,
            rest.isEmpty || rest.hasPrefix("~") || rest.hasPrefix("^") || rest.hasPrefix("{")
        {
            relative = rest.hasPrefix("{") ? "@" + rest : rest
        }
        // `@{u}` takes a branch's short name, as git's `flows/x@{u}` (not `refs/heads/flows/x@{u}`).
        let base = relative?.hasPrefix("@{") == true ? branch.dropPrefix("refs/heads/") ?? branch : branch
        do {
            return try git.resolveCommit(relative.map { base + $0 } ?? revision)
        } catch let error as GitError {
            throw try revisionError(revision, flow: id, relative: relative != nil, error)
        }
    }

    /// The remote and the `~N`/`^` part of a revision counted from a remote's copy of flow `id`
    /// (`refs/remotes/origin/flows/x~9`); nil for any other revision.
    static func countedFromRemote(_ revision: String, flow id: String) -> (remote: String, rest: String)? {
        guard let afterPrefix = revision.dropPrefix("refs/remotes/"),
            let range = afterPrefix.range(of: "/flows/\(id)")
        else { return nil }
        let rest = String(afterPrefix[range.upperBound...])
        guard rest.hasPrefix("~") || rest.hasPrefix("^") else { return nil }
        return (String(afterPrefix[..<range.lowerBound]), rest)
    }

    /// Why `revision` names no save of flow `id`, in the flow's words rather than libgit2's.
    private func revisionError(_ revision: String, flow id: String, relative: Bool, _ error: GitError) throws
        -> FlowError
    {
        if let (remote, rest) = Self.countedFromRemote(revision, flow: id),
            let remoteTip = try? gitCall({ try git.resolveCommit(FlowLayout.remoteBranchPrefix(remote) + id) })
        {
            // `origin/x --rev @~9` as the commands pass it on: in the user's words, counted there.
            let saves = try gitCall { Array(try History(repository: git, start: remoteTip)).count }
            return .badRevision(
                "@" + rest, flow: "\(remote)/\(id)",
                reason: "\(remote)'s \(id) has only \(saves) save\(saves == 1 ? "" : "s") as last fetched, "
                    + "so @~\(saves - 1) is its first")
        }
        guard relative else {
            return .badRevision(
                revision, flow: id,
                reason:
                    "no save, commit or tag is called that (give @~N, a commit id prefix, a tag, anything git takes)")
        }
        guard let tip = try tip(id) else { return .unknownFlow(id, known: try flowIDs()) }
        if revision.contains("@{") {
            return .badRevision(
                revision, flow: id,
                reason: "flow '\(id)' has no upstream (push it with -u, or name the branch: origin/flows/\(id))")
        }
        let saves = try gitCall { Array(try History(repository: git, start: tip)).count }
        return .badRevision(
            revision, flow: id,
            reason: "flow '\(id)' has only \(saves) save\(saves == 1 ? "" : "s"), so @~\(saves - 1) is its first")
    }
}
