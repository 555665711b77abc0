import CLibGit2
import Glibc

/// A branch or tag a remote has, as it advertises it.
public struct RemoteHead: Sendable {
    public var name: String
    public var target: ObjectID
}

extension Repository {
    public func addRemote(_ name: String, url: String) throws {
        var remote: OpaquePointer?
        try GitError.check(git_remote_create(&remote, pointer, name, url), "git_remote_create")
        git_remote_free(remote)
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
        var remote: OpaquePointer?
        try GitError.check(git_remote_lookup(&remote, pointer, name), "git_remote_lookup")
        defer { git_remote_free(remote) }
        return try body(remote!)
    }

    /// Fetches from remote `name` with its configured refspecs (or `refspecs`), updating the
    /// remote-tracking branches and tags, pruning tracking branches the remote deleted.
    public func fetch(_ name: String, refspecs: [String]? = nil, transfer: Transfer) throws {
        try withRemote(name) { remote in
            transfer.url = String(cString: git_remote_url(remote))
            var options = git_fetch_options()
            git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
            options.callbacks = transfer.callbacks()
            options.prune = GIT_FETCH_PRUNE
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
            let result = withStrings(refspecs ?? []) { specs in
                withExtendedLifetime(transfer) {
                    git_remote_fetch(remote, refspecs == nil ? nil : specs, &options, "flowctl fetch")
                }
            }
            do { try GitError.check(result, "git_remote_fetch") } catch let error as GitError {
                throw transfer.failure(error)
            }
            transfer.succeeded()
        }
    }

    /// What remote `name` has now: its branches and tags, asked over the network, and the branch
    /// its HEAD names (its default branch), when it says.
    public func remoteHeads(_ name: String, transfer: Transfer) throws -> (heads: [RemoteHead], defaultBranch: String?)
    {
        try withRemote(name) { remote in
            transfer.url = String(cString: git_remote_url(remote))
            var callbacks = transfer.callbacks()
            let connected = withExtendedLifetime(transfer) {
                git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil)
            }
            do { try GitError.check(connected, "git_remote_connect") } catch let error as GitError {
                throw transfer.failure(error)
            }
            defer { git_remote_disconnect(remote) }
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
                return (found, nil)
            }
            return (found, String(cString: text))
        }
    }

    /// Pushes `refspecs` to remote `name`. Refs the server refused come back with its reason;
    /// a ref that is not a fast-forward is refused before anything is sent.
    public func push(_ name: String, refspecs: [String], transfer: Transfer) throws -> [String: String] {
        try withRemote(name) { remote in
            transfer.url = String(cString: git_remote_pushurl(remote) ?? git_remote_url(remote))
            var options = git_push_options()
            git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
            options.callbacks = transfer.callbacks()
            let result = withStrings(refspecs) { specs in
                withExtendedLifetime(transfer) { git_remote_push(remote, specs, &options) }
            }
            do { try GitError.check(result, "git_remote_push") } catch let error as GitError {
                throw transfer.failure(error)
            }
            transfer.succeeded()
            return transfer.refusedRefs
        }
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

/// Runs `body` with `strings` as a `git_strarray` that lives for the call.
func withStrings<T>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    var pointers = copies
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return withUnsafePointer(to: &array) { body($0) }
    }
}
