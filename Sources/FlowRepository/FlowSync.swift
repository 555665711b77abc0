import CallFlow
import Foundation
import Git

/// What `push` did with one flow.
public struct PushOutcome: Sendable {
    public enum Result: Sendable, Equatable {
        case pushed(from: String?, to: String)
        /// `push --delete`: the flow's branch the remote had, now gone there.
        case deleted(from: String)
        case upToDate
        case refused(String)
    }

    public var flowID: String
    public var result: Result
}

/// Sharing flows through any git server, as git shares branches: remotes, fetch, push, pull and
/// merge (see FlowSync+Pull), the merge driver. Every change goes through its writer, so it is
/// one writer among others and opening it recovers as opening a writer does.
public struct FlowSync {
    public let writer: FlowWriter

    public init(_ writer: FlowWriter) {
        self.writer = writer
    }

    /// Opens the repository containing `path`, searching upwards as git does.
    public init(
        discoveringFrom path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        self.init(try FlowWriter(discoveringFrom: path, environment: environment))
    }

    var git: Repository { writer.git }

    /// The Git layer's transfer for `observer`: credentials as git users keep them (from this
    /// repository's environment), progress and messages for the caller.
    func transfer(_ observer: TransferObserver) -> Transfer {
        Self.transfer(observer, environment: writer.reader.environment)
    }

    static func transfer(_ observer: TransferObserver, environment: [String: String]) -> Transfer {
        let transfer = Transfer(environment: environment)
        if let progress = observer.onProgress {
            transfer.onProgress = { progress(TransferProgress($0)) }
        }
        transfer.onRemoteMessage = observer.onRemoteMessage
        return transfer
    }

    public func remotes() throws -> [(name: String, url: String)] {
        try gitCall { try git.remoteNames().map { ($0, try git.remoteURL($0)) } }
    }

    public func addRemote(_ name: String, url: String) throws {
        if try gitCall({ try git.remoteNames() }).contains(name) { throw SyncError.remoteExists(name) }
        try gitCall { try git.addRemote(name, url: url) }
    }

    public func removeRemote(_ name: String) throws {
        _ = try remoteName(name)
        try gitCall { try git.removeRemote(name) }
    }

    /// `name` when it is a remote; without one, `origin`, or the only remote there is.
    public func remoteName(_ name: String?) throws -> String {
        let known = try gitCall { try git.remoteNames() }
        if let name {
            guard known.contains(name) else { throw SyncError.unknownRemote(name, known: known) }
            return name
        }
        if known.contains("origin") { return "origin" }
        guard known.count == 1 else {
            throw known.isEmpty ? SyncError.noRemote : SyncError.unknownRemote("origin", known: known)
        }
        return known[0]
    }

    /// Brings remote `name`'s flows and published versions into its remote-tracking refs; no
    /// local branch moves. Flows the remote deleted stop being listed from it.
    @discardableResult
    public func fetch(_ name: String?, transfer observer: TransferObserver) throws -> String {
        let remote = try remoteName(name)
        _ = try transferCall { try git.fetch(remote, transfer: transfer(observer)) }
        return remote
    }

    /// Runs a transfer, its failures as flowctl errors.
    func transferCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TransferError {
            throw SyncError.transfer(error.description)
        } catch let error as GitError {
            // A ref's lock a killed fetch or push left: named, with how to remove it, as any
            // other git lock is (libgit2's own words name the file but not the way out).
            if let lock = Self.lockFile(in: error.message), FileManager.default.fileExists(atPath: lock) {
                throw WriteError.gitLockHeld(path: lock)
            }
            throw SyncError.transfer("\(error.message)")
        }
    }

    /// The lock file named in libgit2's "failed to lock file '...lock' for writing".
    static func lockFile(in message: String) -> String? {
        guard let start = message.range(of: "failed to lock file '")?.upperBound,
            let end = message[start...].range(of: ".lock'")?.lowerBound
        else { return nil }
        return String(message[start..<end]) + ".lock"
    }

    /// Pushes flows `ids` (their branches, and their published versions the remote lacks) to
    /// remote `name`. A flow whose remote branch has saves it lacks is refused, with the advice to
    /// pull, unless `forceWithLease` and the remote is still where the last fetch saw it. A flow
    /// with no upstream, sent or already there, gets this remote's as its upstream.
    public func push(
        _ ids: [String], to name: String?, forceWithLease: Bool, dryRun: Bool = false,
        transfer observer: TransferObserver
    ) throws -> [PushOutcome] {
        let remote = try remoteName(name)
        let tips = try writer.reader.refs.localTips(ids, for: "push it")
        try refuseWhileMerging(ids, operation: "pushing it")
        // What to send is worked out from what the remote advertises, on the push's own connection.
        var plan = PushPlan()
        let refused = try transferCall {
            try git.push(remote, transfer: transfer(observer), dryRun: dryRun) { heads in
                plan = try pushPlan(ids, tips: tips, remote: remote, heads: heads, forceWithLease: forceWithLease)
                return plan.refspecs
            }
        }
        var outcomes = plan.outcomes
        let config = try writer.reader.refs.branchConfig()
        let lacksUpstream = { (id: String) in !dryRun && config["branch.flows/\(id).remote"] == nil }
        // As `git push -u`: a flow the server already has as it is gets its upstream too.
        var tracking = plan.outcomes.filter { $0.result == .upToDate }.map(\.flowID).filter(lacksUpstream)
        for (id, from, to) in plan.pushing {
            if let reason = refused[FlowLayout.branch(id)] {
                outcomes.append(PushOutcome(flowID: id, result: .refused("\(remote) refused it: \(reason)")))
                continue
            }
            outcomes.append(PushOutcome(flowID: id, result: .pushed(from: from?.description, to: to.description)))
            if lacksUpstream(id) { tracking.append(id) }
        }
        try writer.setUpstreams(tracking, remote: remote, config: config)
        return outcomes.sorted { $0.flowID < $1.flowID }
    }

    /// What a push sends (branches, and published versions the remote lacks) and what it refuses
    /// before sending anything.
    struct PushPlan {
        var outcomes: [PushOutcome] = []
        var refspecs: [String] = []
        var pushing: [(id: String, from: ObjectID?, to: ObjectID)] = []
    }

    private func pushPlan(
        _ ids: [String], tips: [String: ObjectID], remote: String, heads: [RemoteHead], forceWithLease: Bool
    ) throws -> PushPlan {
        let remoteTips = Dictionary(heads.map { ($0.name, $0.target) }, uniquingKeysWith: { first, _ in first })
        var plan = PushPlan()
        // Every flow's published versions in one listing: one per flow would read every packed
        // ref once per flow.
        let prefix = "refs/tags/published/"
        let published = Dictionary(
            grouping: try gitCall { try git.references(withPrefix: prefix) },
            by: { $0.name.dropFirst(prefix.count).prefix { $0 != "/" } })
        for id in ids {
            guard let local = tips[id] else { throw FlowError.missingBranch(flow: id) }
            let branch = FlowLayout.branch(id)
            let theirs = remoteTips[branch]
            for (tag, target) in published[Substring(id)] ?? [] where remoteTips[tag] != target {
                plan.refspecs.append("\(tag):\(tag)")
            }
            if theirs == local {
                plan.outcomes.append(PushOutcome(flowID: id, result: .upToDate))
                continue
            }
            var force = false
            if let theirs, try !isAncestor(theirs, of: local) {
                let tracked = try gitCall { try git.referenceTarget(FlowLayout.remoteBranchPrefix(remote) + id) }
                guard forceWithLease else {
                    plan.outcomes.append(
                        PushOutcome(
                            flowID: id,
                            result: .refused(
                                "\(remote) has saves this flow lacks (not a fast-forward): "
                                    + "'flowctl pull \(id)' merges them, then push again")))
                    continue
                }
                guard tracked == theirs else {
                    plan.outcomes.append(
                        PushOutcome(
                            flowID: id,
                            result: .refused(
                                "\(remote)'s \(branch.dropFirst("refs/heads/".count)) moved since the last fetch "
                                    + "(--force-with-lease): fetch and look at it before overwriting it")))
                    continue
                }
                force = true
            }
            plan.refspecs.append((force ? "+" : "") + "\(branch):\(branch)")
            plan.pushing.append((id, theirs, local))
        }
        return plan
    }

    /// Whether `ancestor` is `commit` or one of its ancestors; false when it is not in the
    /// repository at all (a save only the remote has).
    func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
        guard (try? gitCall({ try git.commit(ancestor) })) != nil else { return false }
        return try gitCall { try git.mergeBase(ancestor, commit) } == ancestor
    }
}

extension FlowSync {
    /// `flowctl clone`: a new repository at `path` (which must not exist, or be an empty
    /// folder) with `url` as its remote origin, every flow of it fetched, the merge driver set
    /// up, and the remote's default flow (its HEAD's branch, when that is a flow; else the first
    /// by id) opened, all made in `path` itself (`clone` makes it in a staging folder first).
    static func cloneInPlace(
        _ url: String, into path: String, mergeDriver: String, transfer observer: TransferObserver,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (sync: FlowSync, opened: String?) {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        let existed = files.fileExists(atPath: path, isDirectory: &isFolder)
        if existed && (!isFolder.boolValue || !((try? files.contentsOfDirectory(atPath: path)) ?? []).isEmpty) {
            throw FlowError.fileSystem(path: path, reason: "exists already and is not an empty folder")
        }
        do {
            let repository = FlowSync(try FlowWriter.initialize(at: path, environment: environment))
            try repository.setUpMergeDriver(command: mergeDriver)
            // A path is kept absolute, as git clone keeps it, so it names the same repository from
            // the clone: joined to this folder, not tidied (`x/..` is where the link x leads, up).
            let here = files.currentDirectoryPath
            var isLocal: ObjCBool = false
            let remoteURL =
                !url.contains("://") && !url.hasPrefix("/") && files.fileExists(atPath: url, isDirectory: &isLocal)
                    && isLocal.boolValue
                ? (here.hasSuffix("/") ? here : here + "/") + url : url
            try repository.addRemote("origin", url: remoteURL)
            let listing = try repository.transferCall {
                try repository.git.fetch(
                    "origin", transfer: transfer(observer, environment: environment), first: true, relativeTo: here)
            }
            let defaultBranch = listing.defaultBranch
            let flows = listing.heads.map(\.name).filter { $0.hasPrefix(FlowLayout.branchPrefix) }.map {
                String($0.dropFirst(FlowLayout.branchPrefix.count))
            }.filter(Slug.isValid).sorted()
            let preferred = defaultBranch.flatMap {
                $0.hasPrefix(FlowLayout.branchPrefix) ? String($0.dropFirst(FlowLayout.branchPrefix.count)) : nil
            }
            let opened = preferred.flatMap { flows.contains($0) ? $0 : nil } ?? flows.first
            if let opened { try repository.writer.open(opened) }
            return (repository, opened)
        } catch {
            if existed {
                for item in (try? files.contentsOfDirectory(atPath: path)) ?? [] {
                    try? files.removeItem(atPath: (path as NSString).appendingPathComponent(item))
                }
            } else {
                try? files.removeItem(atPath: path)
            }
            throw error
        }
    }
}

/// What the caller watches of a fetch or push: its progress, and the server's own messages
/// (`remote:` lines: a hook's reasons, its progress).
public struct TransferObserver {
    public var onProgress: ((TransferProgress) -> Void)?
    public var onRemoteMessage: ((String) -> Void)?

    public init(
        onProgress: ((TransferProgress) -> Void)? = nil, onRemoteMessage: ((String) -> Void)? = nil
    ) {
        self.onProgress = onProgress
        self.onRemoteMessage = onRemoteMessage
    }
}

/// Objects received (fetch) or sent (push) so far, of how many, and the bytes.
public struct TransferProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var bytes: Int
    public var sending: Bool
    /// A push compressing what it will send, before sending it.
    public var packing: Bool

    init(_ progress: Transfer.Progress) {
        (done, total, bytes, sending) = (progress.done, progress.total, progress.bytes, progress.sending)
        packing = progress.packing
    }
}
