import CallFlow
import Git

/// Where flowctl keeps things in a git repository: the one place that knows the layout, shared
/// by the read side, the write side and sync.
enum FlowLayout {
    static let branchPrefix = "refs/heads/flows/"
    /// The paths a flow owns, as git pathspecs; anything else in the tree is left alone.
    static let flowPathspecs = [FlowCodec.mainFile, FlowCodec.blocksFolder + "/*.yaml"]
    /// What a save replaces in the branch's tree before adding the flow's files.
    static let flowTreePaths = [FlowCodec.mainFile, FlowCodec.blocksFolder]

    /// Whether a path of a tree is the flow's (`flow.yaml`, anything in `blocks/`), which
    /// flowctl merges; git's merge has every other.
    static func isFlowTreePath(_ path: String) -> Bool {
        path == FlowCodec.mainFile || path.hasPrefix(FlowCodec.blocksFolder + "/")
    }

    /// Flow `id`'s branch.
    static func branch(_ id: String) -> String { branchPrefix + id }

    /// Where `remote`'s flow branches are tracked: `refs/remotes/<remote>/flows/`.
    static func remoteBranchPrefix(_ remote: String) -> String {
        "refs/remotes/\(remote)/" + branchPrefix.dropFirst("refs/heads/".count)
    }

    /// The tags of flow `id`'s published versions, but their number.
    static func publishedPrefix(_ id: String) -> String { "published/\(id)/v" }

    /// Where discards are kept: deleted flows' branches, and edits `cancel` threw away.
    static let deletedPrefix = "refs/flowctl/deleted/"
    static let discardedPrefix = "refs/flowctl/discarded/"

    /// The trailer a duplicate's commit carries, naming the flow it copies.
    static let copiedFromTrailer = "Copied-from: "

    /// flowctl's own files inside a worktree's git folder (the journal, the base, the checks).
    static func flowctlDirectory(_ git: Repository) -> String { git.gitDirectory + "flowctl/" }
}

/// Runs a git-layer call, turning its errors into `FlowError` for the layers above.
func gitCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GitError {
        throw FlowError.git(error)
    }
}

extension String {
    /// The rest of the string after `prefix`, nil when it does not start with it.
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
