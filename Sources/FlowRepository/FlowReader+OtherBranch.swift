import CallFlow
import Git

/// What a branch that is not a flow's holds: a project's own files, which `create` leaves
/// behind on that branch when it switches to a new flow's orphan branch (as `git switch
/// --orphan` does).
public struct ProjectBranch: Sendable, Equatable {
    /// The branch's short name (`main`).
    public var name: String
    /// The top-level files and folders of its last commit that are no flow's (`README.md`, `docs/`).
    public var files: [String]
}

extension FlowReader {
    /// The branch HEAD is on when it is no flow's and its last commit has files other than a
    /// flow's; nil otherwise (a flow open, HEAD detached or unborn, nothing but flow files).
    public func projectBranch() throws -> ProjectBranch? {
        guard let head = try gitCall({ try git.headBranch() }), !head.hasPrefix(FlowLayout.branchPrefix),
            let tip = try gitCall({ try git.referenceTarget(head) })
        else { return nil }
        let tree = try gitCall { try git.commit(tip).tree }
        let flowNames: Set = [FlowCodec.mainFile, FlowCodec.blocksFolder]
        let files = try gitCall { try git.treeEntries(tree) }.filter { !flowNames.contains($0.name) }
            .map { $0.kind == .tree ? $0.name + "/" : $0.name }
        guard !files.isEmpty else { return nil }
        return ProjectBranch(name: String(head.dropFirst("refs/heads/".count)), files: files)
    }
}

extension FlowReader {
    /// The commit HEAD is detached at when no branch, tag or remote-tracking branch reaches it:
    /// switching away leaves it (and what only it reaches) behind, as `git switch` warns. Its
    /// full id and summary; nil when HEAD is on a branch or the commit is reachable.
    public func commitLeftBehind() throws -> (id: String, summary: String)? {
        guard try gitCall({ try git.headBranch() }) == nil,
            let head = try gitCall({ try git.referenceTarget("HEAD") }),
            try gitCall({ try git.isUnreachable(head, fromRefsUnder: ["refs/heads", "refs/remotes", "refs/tags"]) })
        else { return nil }
        return (head.description, try gitCall { try git.commit(head).summary })
    }
}
