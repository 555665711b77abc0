import CLibGit2
import Glibc

/// A branch or tag a remote has, as it advertises it.
public struct RemoteHead: Sendable {
    public var name: String
    public var target: ObjectID
}

/// What a remote advertises when connected: its refs, and the branch its HEAD names (its
/// default branch) when it says.
public struct RemoteListing: Sendable {
    public var heads: [RemoteHead]
    public var defaultBranch: String?
}

extension Repository {
    public func addRemote(_ name: String, url: String) throws {
        var remote: OpaquePointer?
        defer { git_remote_free(remote) }
        try GitError.check(git_remote_create(&remote, pointer, name, url), "git_remote_create")
    }

    /// Removes the remote, its configuration and its remote-tracking branches, as `git remote remove`.
    public func removeRemote(_ name: String) throws {
        try GitError.check(git_remote_delete(pointer, name), "git_remote_delete")
    }

    public func remoteURL(_ name: String) throws -> String {
        try withRemote(name) { String(cString: git_remote_url($0)) }
    }

    public func remotePushURL(_ name: String) throws -> String {
        try withRemote(name) { remote in
            git_remote_pushurl(remote).map { String(cString: $0) } ?? String(cString: git_remote_url(remote))
        }
    }

    private func withRemote<T>(_ name: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        let remote = try lookUpRemote(name)
        defer { git_remote_free(remote) }
        return try body(remote)
    }

    /// Remote `name` as its configuration has it; the caller frees it.
    private func lookUpRemote(_ name: String) throws -> OpaquePointer {
        var remote: OpaquePointer?
        try GitError.check(git_remote_lookup(&remote, pointer, name), "git_remote_lookup")
        return remote!
    }

    /// Fetches from remote `name` with its configured refspecs, updating the remote-tracking
    /// branches and tags and pruning tracking branches the remote deleted. Returns what the
    /// remote advertised on that same connection. `first`: the repository's first fetch (a
    /// clone), recorded in one packed-refs file as `git clone` does when it has no refs yet.
    /// `relativeTo`: the folder a relative URL is read from, for a clone the folder it was run
    /// in (as git clone reads it), not the staging folder it fetches into.
    @discardableResult
    public func fetch(_ name: String, transfer: Transfer, first: Bool = false, relativeTo: String? = nil) throws
        -> RemoteListing
    {
        try withConnection(name, direction: GIT_DIRECTION_FETCH, transfer: transfer, relativeTo: relativeTo) {
            remote, listing, callbacks in
            var options = git_fetch_options()
            git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
            options.callbacks = callbacks
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
            // A clone negotiates nothing (it has no refs), a fetch with nothing new neither.
            let fetched = fetchedRefs(of: remote, among: listing.heads)
            let bringsObjects = try !first && !lacksNone(of: listing.heads.filter { fetched.contains($0.name) })
            let kept =
                bringsObjects
                ? transfer.url.flatMap {
                    prefetchObjects(from: $0, refs: fetched, environment: transfer.credentials.environment)
                }
                : nil
            defer { kept.map(unlockFetchedPack) }
            try GitError.check(git_remote_download(remote, nil, &options), "git_remote_download")
            if first, try recordFirstFetch(name, heads: listing.heads) { return listing }
            // Refs will move (one identity for their reflogs, not a look through the whole
            // configuration per ref); a fetch with nothing new keeps its one look. fetch-pack's
            // objects are not counted in libgit2's stats.
            if bringsObjects || (git_remote_stats(remote)?.pointee.received_objects ?? 0) > 0 { pinReflogIdentity() }
            try GitError.check(
                git_remote_update_tips(remote, &callbacks, 1, GIT_REMOTE_DOWNLOAD_TAGS_ALL, "flowctl fetch"),
                "git_remote_update_tips")
            try GitError.check(git_remote_prune(remote, &callbacks), "git_remote_prune")
            return listing
        }
    }

    /// Pushes to remote `name` what `refspecs` makes of the refs the remote advertises, on one
    /// connection. Refs the server refused come back with its reason. `dryRun`: connects and
    /// works out the refspecs, and sends nothing, as `git push --dry-run`.
    public func push(
        _ name: String, transfer: Transfer, dryRun: Bool = false, refspecs: ([RemoteHead]) throws -> [String]
    ) throws -> [String: String] {
        try withConnection(name, direction: GIT_DIRECTION_PUSH, transfer: transfer) { remote, listing, callbacks in
            let specs = try refspecs(listing.heads)
            guard !specs.isEmpty, !dryRun else { return [:] }
            pinReflogIdentity()
            var options = git_push_options()
            git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
            options.callbacks = callbacks
            try GitError.check(withStrArray(specs) { git_remote_upload(remote, &$0, &options) }, "git_remote_upload")
            try recordSentRefs(
                transfer.acceptedRefs.compactMap { name in
                    transfer.proposedRefs[name].map { SentRef(name: name, target: $0) }
                }, remote: remote)
            return transfer.refusedRefs
        }
    }

    /// Connects to remote `name`, reads what it advertises, and runs `body` on that connection;
    /// libgit2's failures come back with the reason the transfer's callbacks found.
    private func withConnection<T>(
        _ name: String, direction: git_direction, transfer: Transfer, relativeTo: String? = nil,
        _ body: (OpaquePointer, RemoteListing, inout git_remote_callbacks) throws -> T
    ) throws -> T {
        // The remote's urls and fetch refspecs and the url.* rules, read in one pass.
        let entries = try configList(matching: PushRemoteSetting.pattern(remote: name))
        try requireOneURL(name, direction: direction, entries: entries)
        let remote =
            try (direction == GIT_DIRECTION_PUSH ? pushRemote(name, entries: entries) : nil) ?? lookUpRemote(name)
        defer { git_remote_free(remote) }
        let pushURL = direction == GIT_DIRECTION_PUSH ? git_remote_pushurl(remote) : nil
        if let configured = (pushURL ?? git_remote_url(remote)).map({ String(cString: $0) }) {
            // As git, which works from the top of the working tree (the git folder of a
            // bare repository): a relative URL such as ../server.git means the same from
            // any subfolder. The process's folder stays as it is: threads share it.
            let url = LocalService.resolving(configured, from: relativeTo ?? workdir ?? gitDirectory)
            if url != configured {
                let result =
                    pushURL == nil
                    ? git_remote_set_instance_url(remote, url) : git_remote_set_instance_pushurl(remote, url)
                try GitError.check(result, "git_remote_set_instance_url")
            }
            transfer.url = url
        }
        transfer.pushing = direction == GIT_DIRECTION_PUSH
        try transfer.checkLocalPath()
        try Library.loadCertificates()
        var callbacks = transfer.callbacks()
        // A repository on this machine is git itself, not a server that may stall.
        if callbacks.transport == nil, transfer.url.flatMap(LocalService.path(ofLocalURL:)) == nil {
            let config = (try? configEntries(matching: "^http\\.lowspeed(limit|time)$")) ?? [:]
            let setting = StallWatch.settings(config: config, environment: transfer.credentials.environment)
            transfer.stallWatch = StallWatch(limit: setting.limit, seconds: setting.seconds)
        }
        transfer.stallWatch?.start()
        defer { transfer.stallWatch?.stop() }
        do {
            let result = try withExtendedLifetime(transfer) { () throws -> T in
                try GitError.check(
                    git_remote_connect(remote, direction, &callbacks, nil, nil), "git_remote_connect")
                defer {
                    git_remote_disconnect(remote)
                    transfer.remoteLines.flush()
                }
                return try body(remote, try listing(of: remote), &callbacks)
            }
            transfer.succeeded()
            return result
        } catch let error as GitError {
            throw transfer.failure(error)
        }
    }

    /// Refuses a remote with several URLs for the transfer: git pushes to each of several
    /// `pushurl`s (or `url`s, without one) and fetches from the first `url`; libgit2 reaches
    /// only the last, which would skip a mirror, or fetch and prune from another repository.
    private func requireOneURL(
        _ name: String, direction: git_direction, entries: [(name: String, value: String)]
    ) throws {
        let valuesOf = { (key: String) in entries.filter { $0.name == "remote.\(name).\(key)" }.map(\.value) }
        let urls = valuesOf("url")
        let pushURLs = direction == GIT_DIRECTION_PUSH ? valuesOf("pushurl") : []
        let (key, values) = pushURLs.isEmpty ? ("url", urls) : ("pushurl", pushURLs)
        guard values.count > 1 else { return }
        throw GitError(
            code: GIT_EINVALIDSPEC.rawValue,
            message: """
                remote '\(name)' has \(values.count) \(key)s (\(values.joined(separator: ", "))): flowctl reaches one \
                repository per remote; give each its own remote ('git remote add NAME URL'), keep one here \
                ('git config --unset-all remote.\(name).\(key)', then 'git config remote.\(name).\(key) URL'), \
                and push or pull with each remote's name
                """,
            function: "requireOneURL")
    }

    /// The refs a connected remote advertises, and the branch its HEAD names.
    private func listing(of remote: OpaquePointer) throws -> RemoteListing {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try GitError.check(git_remote_ls(&heads, &count, remote), "git_remote_ls")
        let found: [RemoteHead] = (0..<count).compactMap { index in
            guard let head = heads?[index]?.pointee else { return nil }
            return RemoteHead(name: String(cString: head.name), target: ObjectID(head.oid))
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_remote_default_branch(&buffer, remote) == 0, let text = buffer.ptr else {
            git_error_clear()
            return RemoteListing(heads: found, defaultBranch: nil)
        }
        return RemoteListing(heads: found, defaultBranch: String(cString: text))
    }

    /// The best common ancestor of two commits; nil when they share no history.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var out = git_oid()
        let result = withUnsafePointer(to: one.raw) { a in
            withUnsafePointer(to: two.raw) { b in git_merge_base(&out, pointer, a, b) }
        }
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try GitError.check(result, "git_merge_base")
        return ObjectID(out)
    }
}
