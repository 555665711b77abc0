import CLibGit2
import Glibc

/// One file that differs between two trees: what it was and what it becomes (nil: absent).
public struct TreeChange: Sendable, Equatable {
    public struct Side: Sendable, Equatable {
        public var id: ObjectID
        public var kind: TreeEntry.Kind
        public var isExecutable: Bool

        /// The mode a tree or an index gives it.
        var mode: git_filemode_t {
            switch kind {
            case .link: GIT_FILEMODE_LINK
            case .other: GIT_FILEMODE_COMMIT
            case .tree: GIT_FILEMODE_TREE
            case .blob: isExecutable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB
            }
        }
    }

    public var path: String
    public var old: Side?
    public var new: Side?
}

extension Repository {
    /// Every file that differs from tree `old` to tree `new` (nil: the empty tree), with both
    /// sides' blob ids, limited to `paths` (git pathspecs; empty means every file).
    public func treeChanges(from old: ObjectID?, to new: ObjectID?, paths: [String] = []) throws -> [TreeChange] {
        let diff = try self.diff(from: old, to: .tree(new), paths: paths)
        return diff.deltas.map { delta in
            func side(_ file: git_diff_file) -> TreeChange.Side? {
                guard file.flags & GIT_DIFF_FLAG_EXISTS.rawValue != 0 else { return nil }
                return TreeChange.Side(
                    id: ObjectID(file.id), kind: TreeEntry.Kind(mode: UInt32(file.mode)),
                    isExecutable: UInt32(file.mode) == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue)
            }
            let path = delta.new_file.path ?? delta.old_file.path
            return TreeChange(
                path: path.map { String(cString: $0) } ?? "", old: side(delta.old_file), new: side(delta.new_file))
        }
    }

    /// The blob id the index holds for each of `paths` (stage 0); a path it lacks is left out.
    public func indexEntries(_ paths: [String]) throws -> [String: ObjectID] {
        try withIndex { index in
            var found: [String: ObjectID] = [:]
            for path in paths {
                if let entry = git_index_get_bypath(index, path, 0) { found[path] = ObjectID(entry.pointee.id) }
            }
            return found
        }
    }

    /// The stage-0 index entry of each of `paths` that has one, with its mode, as `git commit`
    /// takes it into a tree.
    public func indexSides(_ paths: [String]) throws -> [String: TreeChange.Side] {
        try withIndex { index in
            var found: [String: TreeChange.Side] = [:]
            for path in paths {
                guard let entry = git_index_get_bypath(index, path, 0)?.pointee else { continue }
                found[path] = TreeChange.Side(
                    id: ObjectID(entry.id), kind: TreeEntry.Kind(mode: entry.mode),
                    isExecutable: entry.mode == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue)
            }
            return found
        }
    }

    /// Sets the index entry of each path to a blob (nil: removes it) and writes the index. An
    /// entry whose working file holds that very blob takes the file's stat data, so `git status`
    /// sees it clean without reading it; any other entry gets none, so git compares contents.
    /// (git_index_add_bypath would read each file twice more and write its blob again.) A path in
    /// conflict (stages 1 to 3, as a merge leaves it) is resolved by it, as `git add` resolves one.
    public func setIndexEntries(_ entries: [(path: String, blob: ObjectID?, executable: Bool)]) throws {
        try withIndex { index in
            for (path, blob, executable) in entries {
                if (1...3).contains(where: { git_index_get_bypath(index, path, $0) != nil }) {
                    try GitError.check(git_index_conflict_remove(index, path), "git_index_conflict_remove")
                }
                guard let blob else {
                    if git_index_get_bypath(index, path, 0) != nil {
                        try GitError.check(git_index_remove(index, path, 0), "git_index_remove")
                    }
                    continue
                }
                var entry = git_index_entry()
                // Stat first, then read: a file changed in between has a newer time than the one
                // recorded, so git reads it again instead of taking the entry's blob for it.
                if let stat = workingFileStat(path), try workingFileHolds(blob, path: path) {
                    entry.ctime = git_index_time(
                        seconds: Int32(truncatingIfNeeded: stat.st_ctim.tv_sec),
                        nanoseconds: UInt32(truncatingIfNeeded: stat.st_ctim.tv_nsec))
                    entry.mtime = git_index_time(
                        seconds: Int32(truncatingIfNeeded: stat.st_mtim.tv_sec),
                        nanoseconds: UInt32(truncatingIfNeeded: stat.st_mtim.tv_nsec))
                    entry.dev = UInt32(truncatingIfNeeded: stat.st_dev)
                    entry.ino = UInt32(truncatingIfNeeded: stat.st_ino)
                    entry.uid = stat.st_uid
                    entry.gid = stat.st_gid
                    entry.file_size = UInt32(truncatingIfNeeded: stat.st_size)
                }
                entry.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
                entry.id = blob.raw
                try path.withCString { cPath in
                    entry.path = cPath
                    try GitError.check(git_index_add(index, &entry), "git_index_add")
                }
            }
            try GitError.check(git_index_write(index), "git_index_write")
        }
    }

    /// The stat data of the working tree's regular file at `path`, nil when there is none.
    private func workingFileStat(_ path: String) -> stat? {
        guard let workdir else { return nil }
        var info = stat()
        guard lstat(workdir + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return info
    }

    /// Whether the working tree's file at `path` is a regular file whose content is blob `id`.
    private func workingFileHolds(_ id: ObjectID, path: String) throws -> Bool {
        guard let workdir else { return false }
        var oid = git_oid()
        let result = git_odb_hashfile(&oid, workdir + path, GIT_OBJECT_BLOB)
        if result < 0 {
            git_error_clear()
            return false
        }
        return ObjectID(oid) == id
    }

    func withIndex<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        try GitError.check(git_index_read(index, 0), "git_index_read")
        return try body(index!)
    }
}
