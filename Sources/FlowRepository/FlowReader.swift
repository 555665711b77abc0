import CallFlow
import Foundation
import Git

/// The read side of flows kept in a git repository, one branch `flows/<id>` each; the open flow
/// is the branch HEAD points at, checked out in the working tree. Reading takes no lock: it lists,
/// reads, compares and checks flows, and `FlowHistory` walks their saves. Changing them is
/// `FlowWriter`'s, sharing them `FlowSync`'s.
///
/// Opening a reader from a path finishes a transaction a killed writer left in its journal
/// (taking the lock for that moment only, and only when no writer holds it), so no read ever
/// shows a half-switched flow: `recoveryNote` says what it did.
///
/// Use one instance from one thread: it owns libgit2 handles.
public final class FlowReader {
    let git: Repository
    /// The working tree's folder.
    public let root: URL
    let environment: [String: String]
    /// Flow files decoded from git, and the trees read last (see `FlowDecoder`).
    let decoder: FlowDecoder
    /// Where each flow's saves are: its branch, or a remote-tracking one (see `FlowRefs`).
    var refs: FlowRefs
    /// A bare repository (a server's) has no working tree: flows are read there, never changed.
    public let isBare: Bool
    /// What opening did to finish a killed writer's transaction, for a note; nil when nothing.
    public let recoveryNote: String?
    /// A change another command began and that cannot be finished now: while there is one, this
    /// reader reads the state from before it (see FlowReader+Pending).
    public internal(set) var changeInProgress: ChangeInProgress?

    init(git: Repository, environment: [String: String], recovering: Bool = true) throws {
        self.git = git
        isBare = git.workdir == nil
        // A bare repository's root is never used: every path to the working tree needs an open
        // flow or the write lock, which a bare repository refuses.
        self.root = URL(fileURLWithPath: git.workdir ?? git.gitDirectory, isDirectory: true)
        self.environment = environment
        decoder = FlowDecoder(git: git, root: root)
        refs = FlowRefs(git: git)
        let journal = Journal(git: git, root: root)
        (recoveryNote, changeInProgress) = recovering && !isBare ? ChangeInProgress.recoverOrWait(journal) : (nil, nil)
        if changeInProgress != nil { try readStateBefore(journal) }
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
    /// objects being pushed, which are not yet in the repository's own object store. Nothing is
    /// recovered there: a hook only reads.
    public static func fromGitEnvironment(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FlowReader {
        try FlowReader(
            git: try gitCall { try Repository.openFromGitEnvironment() }, environment: environment, recovering: false)
    }

    /// The `.git` folder, for messages.
    public var gitDirectory: String { git.gitDirectory }

    /// A git configuration value as git resolves it (core.pager, core.editor), nil when unset.
    public func gitConfig(_ key: String) throws -> String? {
        try gitCall { try git.configString(key) }
    }

    /// The id of the open flow: the flow branch HEAD points at, or nil.
    public func openFlowID() throws -> String? {
        guard !isBare else { return nil }
        guard let head = try refs.headBranch(), head.hasPrefix(FlowLayout.branchPrefix) else {
            return nil
        }
        return String(head.dropFirst(FlowLayout.branchPrefix.count))
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
    public func flowIDs() throws -> [String] { try refs.flowIDs() }

    /// The ids of the flows with a local branch (not only on a remote), sorted: what `--all`
    /// pushes or pulls, from the refs alone (no flow read).
    public func localFlowIDs() throws -> [String] {
        try refs.localFlowTips().map(\.id).sorted()
    }

    /// The flow a user means by `reference`: its id, else its exact name, else its name in any case.
    public func resolveFlow(_ reference: String) throws -> String {
        let tips = try refs.flowTips()
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
        // `origin/flows/x` is no local flow: said so, by the remote's name (or that it lacks x).
        if let remote = try remoteFlow(reference) {
            throw FlowError.remoteFlowReadOnly(
                reference, flow: remote.id, remote: String(reference.prefix { $0 != "/" }))
        }
        throw FlowError.unknownFlow(reference, known: ids)
    }
}
