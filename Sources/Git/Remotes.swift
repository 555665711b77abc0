import CLibGit2

extension Repository {
    /// The names of the repository's remotes (`origin`, ...), sorted.
    public func remoteNames() throws -> [String] {
        var names = git_strarray()
        try GitError.check(git_remote_list(&names, pointer), "git_remote_list")
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }.sorted()
    }

    /// Sets a configuration value in the repository's own configuration (`.git/config`).
    public func setConfigString(_ key: String, _ value: String) throws {
        var config: OpaquePointer?
        try GitError.check(git_repository_config(&config, pointer), "git_repository_config")
        defer { git_config_free(config) }
        try GitError.check(git_config_set_string(config, key, value), "git_config_set_string")
    }

    /// How many commits `local` has that `upstream` has not, and the other way round.
    public func aheadBehind(_ local: ObjectID, _ upstream: ObjectID) throws -> (ahead: Int, behind: Int) {
        var ahead = 0
        var behind = 0
        try withUnsafePointer(to: local.raw) { localID in
            try withUnsafePointer(to: upstream.raw) { upstreamID in
                try GitError.check(
                    git_graph_ahead_behind(&ahead, &behind, pointer, localID, upstreamID), "git_graph_ahead_behind")
            }
        }
        return (ahead, behind)
    }
}
