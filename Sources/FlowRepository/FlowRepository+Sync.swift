import CallFlow
import Foundation
import Git

/// What `push` did with one flow.
public struct PushOutcome: Sendable {
    public enum Result: Sendable, Equatable {
        case pushed(from: String?, to: String)
        case upToDate
        case refused(String)
    }

    public var flowID: String
    public var result: Result
}

/// Remotes, fetch and push: flows shared through any git server, as git shares branches.
extension FlowRepository {
    public func remotes() throws -> [(name: String, url: String)] {
        try gitCall { try git.remoteNames().map { ($0, try git.remoteURL($0)) } }
    }

    public func addRemote(_ name: String, url: String) throws {
        if try gitCall({ try git.remoteNames() }).contains(name) { throw FlowError.remoteExists(name) }
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
            guard known.contains(name) else { throw FlowError.unknownRemote(name, known: known) }
            return name
        }
        if known.contains("origin") { return "origin" }
        guard known.count == 1 else {
            throw known.isEmpty ? FlowError.noRemote : FlowError.unknownRemote("origin", known: known)
        }
        return known[0]
    }

    /// Brings remote `name`'s flows and published versions into its remote-tracking refs; no
    /// local branch moves. Flows the remote deleted stop being listed from it.
    @discardableResult
    public func fetch(_ name: String?, transfer: Transfer) throws -> String {
        let remote = try remoteName(name)
        _ = try transferCall { try git.fetch(remote, transfer: transfer) }
        return remote
    }

    /// Runs a transfer, its failures as flowctl errors.
    func transferCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TransferError {
            throw FlowError.transfer(error.description)
        } catch let error as GitError {
            throw FlowError.transfer("\(error.message)")
        }
    }

    /// Pushes flows `ids` (their branches, and their published versions the remote lacks) to
    /// remote `name`. A flow whose remote branch has saves it lacks is refused, with the advice to
    /// pull, unless `forceWithLease` and the remote is still where the last fetch saw it. A flow
    /// with no upstream gets this remote's as its upstream.
    public func push(_ ids: [String], to name: String?, forceWithLease: Bool, transfer: Transfer) throws
        -> [PushOutcome]
    {
        let remote = try remoteName(name)
        for id in ids { try requireLocal(id, for: "push it") }
        // What to send is worked out from what the remote advertises, on the push's own connection.
        var plan = PushPlan()
        let refused = try transferCall {
            try git.push(remote, transfer: transfer) { heads in
                plan = try pushPlan(ids, remote: remote, heads: heads, forceWithLease: forceWithLease)
                return plan.refspecs
            }
        }
        var outcomes = plan.outcomes
        let config = try branchConfig()
        for (id, from, to) in plan.pushing {
            if let reason = refused[Self.branch(id)] {
                outcomes.append(PushOutcome(flowID: id, result: .refused("\(remote) refused it: \(reason)")))
                continue
            }
            outcomes.append(PushOutcome(flowID: id, result: .pushed(from: from?.description, to: to.description)))
            if config["branch.flows/\(id).remote"] == nil { try setUpstream(id, remote: remote) }
        }
        return outcomes.sorted { $0.flowID < $1.flowID }
    }

    /// What a push sends (branches, and published versions the remote lacks) and what it refuses
    /// before sending anything.
    struct PushPlan {
        var outcomes: [PushOutcome] = []
        var refspecs: [String] = []
        var pushing: [(id: String, from: ObjectID?, to: ObjectID)] = []
    }

    private func pushPlan(_ ids: [String], remote: String, heads: [RemoteHead], forceWithLease: Bool) throws
        -> PushPlan
    {
        let remoteTips = Dictionary(heads.map { ($0.name, $0.target) }, uniquingKeysWith: { first, _ in first })
        var plan = PushPlan()
        for id in ids {
            guard let local = try tip(id) else { throw FlowError.missingBranch(flow: id) }
            let branch = Self.branch(id)
            let theirs = remoteTips[branch]
            for (tag, target) in try gitCall({ try git.references(withPrefix: "refs/tags/published/\(id)/") })
            where remoteTips[tag] != target {
                plan.refspecs.append("\(tag):\(tag)")
            }
            if theirs == local {
                plan.outcomes.append(PushOutcome(flowID: id, result: .upToDate))
                continue
            }
            var force = false
            if let theirs, try !isAncestor(theirs, of: local) {
                let tracked = try gitCall { try git.referenceTarget(Self.remoteBranchPrefix(remote) + id) }
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

extension FlowRepository {
    /// `flowctl clone`: a new repository at `path` (which must not exist, or be an empty
    /// folder) with `url` as its remote origin, every flow of it fetched, the merge driver set
    /// up, and the remote's default flow (its HEAD's branch, when that is a flow; else the first
    /// by id) opened. A clone that fails leaves nothing behind.
    public static func clone(
        _ url: String, into path: String, mergeDriver: String, transfer: Transfer,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (repository: FlowRepository, opened: String?) {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        let existed = files.fileExists(atPath: path, isDirectory: &isFolder)
        if existed && (!isFolder.boolValue || !((try? files.contentsOfDirectory(atPath: path)) ?? []).isEmpty) {
            throw FlowError.fileSystem(path: path, reason: "exists already and is not an empty folder")
        }
        do {
            let repository = try initialize(at: path, environment: environment)
            try repository.setUpMergeDriver(command: mergeDriver)
            // A path is kept absolute, as git clone keeps it, so it names the same repository from the clone.
            var isLocal: ObjCBool = false
            let remoteURL =
                !url.contains("://") && files.fileExists(atPath: url, isDirectory: &isLocal) && isLocal.boolValue
                ? URL(fileURLWithPath: url).standardizedFileURL.path : url
            try repository.addRemote("origin", url: remoteURL)
            let listing = try repository.transferCall { try repository.git.fetch("origin", transfer: transfer) }
            let defaultBranch = listing.defaultBranch
            let flows = listing.heads.map(\.name).filter { $0.hasPrefix(branchPrefix) }.map {
                String($0.dropFirst(branchPrefix.count))
            }.filter(Slug.isValid).sorted()
            let preferred = defaultBranch.flatMap {
                $0.hasPrefix(branchPrefix) ? String($0.dropFirst(branchPrefix.count)) : nil
            }
            let opened = preferred.flatMap { flows.contains($0) ? $0 : nil } ?? flows.first
            if let opened { try repository.open(opened) }
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

/// A fetch or push's callbacks (credentials, progress), for the commands to watch.
public typealias Transfer = Git.Transfer
