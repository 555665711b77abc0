import CallFlow
import Foundation
import Git

/// Call flows kept in a git repository, one branch `flows/<id>` each; the open flow is the branch
/// HEAD points at, checked out in the working tree. The one place that knows this layout.
///
/// Use one instance from one thread: it owns libgit2 handles.
public final class FlowRepository {
    static let branchPrefix = "refs/heads/flows/"
    /// The paths a flow owns, as git pathspecs; anything else in the tree is left alone.
    static let flowPathspecs = [FlowCodec.mainFile, FlowCodec.blocksFolder + "/*.yaml"]
    /// What a save replaces in the branch's tree before adding the flow's files.
    static let flowTreePaths = [FlowCodec.mainFile, FlowCodec.blocksFolder]

    let git: Repository
    /// The working tree's folder.
    public let root: URL
    let environment: [String: String]

    /// Flow files decoded from git, by blob id (and block id), this generation's and the one
    /// before (see `startDecodingGeneration`).
    var decodedMains = TwoGenerations<ObjectID, MainBlock>()
    var decodedBlocks = TwoGenerations<DecodedKey, Block>()
    /// The entries of the trees read last (see `flowEntries`).
    var readTrees = RecentlyRead<ObjectID, TreeListing>(capacity: 8)

    /// The one-writer lock, shared by every worktree.
    let lock: RepositoryLock

    /// Called after a transaction's journal is written, before anything else changes; tests move
    /// the branch here to prove the compare-and-swap, or fail to prove the undo.
    var beforeBranchUpdate: (() throws -> Void)?

    /// A bare repository (a server's) has no working tree: flows are read there, never changed.
    public let isBare: Bool

    init(git: Repository, environment: [String: String]) throws {
        self.git = git
        isBare = git.workdir == nil
        // A bare repository's root is never used: every path to the working tree needs an open
        // flow or the write lock, which a bare repository refuses.
        self.root = URL(fileURLWithPath: git.workdir ?? git.gitDirectory, isDirectory: true)
        self.environment = environment
        self.lock = RepositoryLock(gitCommonDirectory: git.commonDirectory)
    }

    /// Opens the repository containing `path`, searching upwards as git does.
    public convenience init(
        discoveringFrom path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let git: Repository
        do {
            git = try Repository(discoveringFrom: path)
        } catch let error as GitError where error.code == .notFound {
            throw FlowError.notARepository(path: path)
        }
        try self.init(git: git, environment: environment)
    }

    /// The repository git's environment names, for a program git runs (a hook): it sees the
    /// objects being pushed, which are not yet in the repository's own object store.
    public static func fromGitEnvironment(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FlowRepository {
        try FlowRepository(git: try gitCall { try Repository.openFromGitEnvironment() }, environment: environment)
    }

    /// Makes a repository at `path` (or reopens the one there, as `git init` does).
    public static func initialize(
        at path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FlowRepository {
        try FlowRepository(git: try gitCall { try Repository.create(at: path) }, environment: environment)
    }

    /// The `.git` folder, for messages.
    public var gitDirectory: String { git.gitDirectory }

    /// A git configuration value as git resolves it (core.pager, core.editor), nil when unset.
    public func gitConfig(_ key: String) throws -> String? {
        try gitCall { try git.configString(key) }
    }

    static func branch(_ id: String) -> String { branchPrefix + id }

    /// The id of the open flow: the flow branch HEAD points at, or nil.
    public func openFlowID() throws -> String? {
        guard !isBare else { return nil }
        guard let head = try gitCall({ try git.headBranch() }), head.hasPrefix(Self.branchPrefix) else { return nil }
        return String(head.dropFirst(Self.branchPrefix.count))
    }

    /// The open flow's id; when there is none because git's rebase (or bisect) has detached
    /// HEAD, that is the error, not "no flow is open".
    public func requireOpenFlowID() throws -> String {
        if isBare { throw FlowError.bareRepository(path: git.gitDirectory) }
        guard let id = try openFlowID() else {
            if let operation = git.operationInProgress { throw FlowError.operationInProgress(operation) }
            throw FlowError.noFlowOpen
        }
        return id
    }

    /// The ids of every flow, sorted.
    public func flowIDs() throws -> [String] {
        try flowTips().map(\.id)
    }

    /// Every flow's id and tip commit, sorted by id, from one pass over the refs: the local
    /// branches, then the flows only on a remote-tracking branch (see FlowRepository+Remotes).
    func flowTips() throws -> [(id: String, tip: ObjectID)] {
        try flowRefs().map { ($0.id, $0.tip) }
    }

    /// `flowTips`, each with the remote a flow is only on (nil for a local flow).
    func flowRefs() throws -> [(id: String, tip: ObjectID, onlyOnRemote: String?)] {
        let local = try gitCall { try git.references(withPrefix: Self.branchPrefix) }.map {
            (id: String($0.name.dropFirst(Self.branchPrefix.count)), tip: $0.target, onlyOnRemote: String?.none)
        }
        let remote = try remoteOnlyFlows(besides: Set(local.map(\.id))).map {
            (id: $0.id, tip: $0.tip, onlyOnRemote: Optional($0.remote))
        }
        return (local + remote).sorted { $0.id < $1.id }
    }

    /// The tip commit of flow `id`: its branch's, or for a flow only on a remote, the
    /// remote-tracking branch's.
    func tip(_ id: String) throws -> ObjectID? {
        try gitCall { try git.referenceTarget(Self.branch(id)) } ?? remoteOnlyBranch(id)?.tip
    }

    /// The ref flow `id`'s history is read from (see `tip`).
    func readableBranch(_ id: String) throws -> String {
        try remoteOnlyBranch(id)?.ref ?? Self.branch(id)
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

    /// The flow a user means by `reference`: its id, else its exact name, else its name in any case.
    public func resolveFlow(_ reference: String) throws -> String {
        let tips = try flowTips()
        let ids = tips.map(\.id)
        if ids.contains(reference) { return reference }
        let named = try summaries(tips)
        for matches in [
            named.filter { $0.main?.name == reference },
            named.filter { $0.main?.name.lowercased() == reference.lowercased() },
        ] {
            if matches.count == 1 { return matches[0].id }
            if matches.count > 1 { throw FlowError.ambiguousFlow(reference, ids: matches.map(\.id)) }
        }
        throw FlowError.unknownFlow(reference, known: ids)
    }
}

/// Runs a git-layer call, turning its errors into `FlowError` for the layers above.
func gitCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GitError {
        throw FlowError.git(error)
    }
}
