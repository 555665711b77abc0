import CLibGit2
import Glibc

extension Repository {
    /// The names of the repository's remotes (`origin`, ...), sorted.
    /// Read as `git_remote_list` reads them (a `remote.NAME.url` or `.pushurl` entry), without
    /// its regular expression (see `configEntries`).
    public func remoteNames() throws -> [String] {
        let names = try configEntries(matching: "^remote\\..*\\.(push)?url$").keys.map { key in
            String(key.dropFirst("remote.".count).dropLast(key.hasSuffix(".pushurl") ? 8 : 4))
        }
        return Set(names).sorted()
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
    /// Every configuration entry whose name matches `pattern` (an extended regular expression,
    /// as `git config --get-regexp` takes), from one pass: for reading many keys at once.
    /// Matched here with POSIX `regexec`, not libgit2's glob iterator: libgit2 1.5's PCRE2 match
    /// leaks its match data on every name that does not match, about 4 KiB each, so one look
    /// over the 20,000 upstream entries of 10,000 flows held 80 MiB more.
    public func configEntries(matching pattern: String) throws -> [String: String] {
        // In the order git reads them: the last value of a key wins, as for git config --get.
        Dictionary(try configList(matching: pattern), uniquingKeysWith: { _, last in last })
    }

    /// `configEntries`, every value of a multi-valued key kept, in the order git reads them.
    func configList(matching pattern: String) throws -> [(name: String, value: String)] {
        var expression = regex_t()
        guard regcomp(&expression, pattern, REG_EXTENDED | REG_NOSUB) == 0 else {
            throw GitError(code: -1, message: "invalid pattern '\(pattern)'", function: "regcomp")
        }
        defer { regfree(&expression) }
        var config: OpaquePointer?
        // The repository's own configuration, not a snapshot: its iterator copies the entries
        // anyway, and a snapshot would copy them once more (every upstream of a push --all).
        try GitError.check(git_repository_config(&config, pointer), "git_repository_config")
        defer { git_config_free(config) }
        var iterator: OpaquePointer?
        try GitError.check(git_config_iterator_new(&iterator, config), "git_config_iterator_new")
        defer { git_config_iterator_free(iterator) }
        var entries: [(name: String, value: String)] = []
        var entry: UnsafeMutablePointer<git_config_entry>?
        while git_config_next(&entry, iterator) == 0, let entry {
            guard regexec(&expression, entry.pointee.name, 0, nil, 0) == 0 else { continue }
            entries.append((String(cString: entry.pointee.name), String(cString: entry.pointee.value)))
        }
        git_error_clear()
        return entries
    }
}
