import CLibGit2

/// How a path differs between HEAD, the index and the working tree.
public struct StatusEntry: Sendable, Equatable {
    public enum Change: Sendable { case added, modified, deleted, other }

    public var path: String
    public var change: Change
}

extension Repository {
    /// The paths under `paths` that differ between HEAD, the index and the working tree,
    /// untracked files included, as `git status` would list them.
    public func status(paths: [String]) throws -> [StatusEntry] {
        var options = git_status_options()
        try GitError.check(
            git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags =
            GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        return try withStrArray(paths) { pathspec in
            options.pathspec = pathspec
            var list: OpaquePointer?
            try GitError.check(git_status_list_new(&list, pointer, &options), "git_status_list_new")
            defer { git_status_list_free(list) }
            return (0..<git_status_list_entrycount(list)).compactMap { index in
                guard let entry = git_status_byindex(list, index)?.pointee else { return nil }
                return Self.statusEntry(entry)
            }
        }
    }

    private static func statusEntry(_ entry: git_status_entry) -> StatusEntry? {
        let delta = entry.index_to_workdir ?? entry.head_to_index
        guard let delta else { return nil }
        let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
        guard let file else { return nil }
        let flags = entry.status.rawValue
        let change: StatusEntry.Change
        if flags & (GIT_STATUS_WT_NEW.rawValue | GIT_STATUS_INDEX_NEW.rawValue) != 0 {
            change = .added
        } else if flags & (GIT_STATUS_WT_DELETED.rawValue | GIT_STATUS_INDEX_DELETED.rawValue) != 0 {
            change = .deleted
        } else if flags & (GIT_STATUS_WT_MODIFIED.rawValue | GIT_STATUS_INDEX_MODIFIED.rawValue) != 0 {
            change = .modified
        } else {
            change = .other
        }
        return StatusEntry(path: String(cString: file), change: change)
    }
}
