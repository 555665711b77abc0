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

extension Repository {
    /// Every configuration entry whose name matches `pattern` (a regular expression, as
    /// `git config --get-regexp` takes), from one snapshot: for reading many keys at once.
    public func configEntries(matching pattern: String) throws -> [String: String] {
        var config: OpaquePointer?
        try GitError.check(git_repository_config_snapshot(&config, pointer), "git_repository_config_snapshot")
        defer { git_config_free(config) }
        var iterator: OpaquePointer?
        try GitError.check(git_config_iterator_glob_new(&iterator, config, pattern), "git_config_iterator_glob_new")
        defer { git_config_iterator_free(iterator) }
        var entries: [String: String] = [:]
        var entry: UnsafeMutablePointer<git_config_entry>?
        while git_config_next(&entry, iterator) == 0, let entry {
            entries[String(cString: entry.pointee.name)] = String(cString: entry.pointee.value)
        }
        git_error_clear()
        return entries
    }
}
