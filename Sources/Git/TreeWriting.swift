import CLibGit2

extension Repository {
    /// Writes a new tree: `base` (or nothing) with every path in `removing` taken out (a folder
    /// takes everything below it), every file in `adding` put in, and every blob of `addingBlobs`
    /// put in by id, and every entry of `addingSides` with its own mode (executable, link).
    /// Folders left empty go, as git keeps none. Nothing touches the repository's own index or
    /// working tree.
    public func writeTree(
        base: ObjectID?, removing: [String], adding files: [String: [UInt8]],
        addingBlobs blobs: [String: ObjectID] = [:], addingSides sides: [String: TreeChange.Side] = [:]
    ) throws -> ObjectID {
        try writeTreeAndBlobs(base: base, removing: removing, adding: files, addingBlobs: blobs, addingSides: sides)
            .tree
    }

    /// `writeTree`, with the blob id of each file of `files` (so that a caller need not hash
    /// them again).
    public func writeTreeAndBlobs(
        base: ObjectID?, removing: [String], adding files: [String: [UInt8]],
        addingBlobs blobs: [String: ObjectID] = [:], addingSides sides: [String: TreeChange.Side] = [:]
    ) throws -> (tree: ObjectID, blobs: [String: ObjectID]) {
        var entries = blobs.mapValues { Entry(id: $0, mode: GIT_FILEMODE_BLOB) }
        for (path, side) in sides { entries[path] = Entry(id: side.id, mode: side.mode) }
        var written: [String: ObjectID] = [:]
        var odb: OpaquePointer?
        try GitError.check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        for (path, bytes) in files {
            var id = try ObjectID.blob(hashing: bytes)
            // Blobs already there are not written again: writing one refreshes its file's time,
            // which for a flow of two thousand blocks costs seconds. Without a refresh: on a
            // miss, libgit2 would list the pack folder again, as its own write would once more
            // (see `writeLooseBlob`). (A pack another process has just written can at worst
            // make this a loose copy of an object it holds, which git allows.)
            let known = withUnsafePointer(to: id.raw) {
                git_odb_exists_ext(odb, $0, GIT_ODB_LOOKUP_NO_REFRESH.rawValue)
            }
            if known == 0 { id = try writeLooseBlob(bytes) }
            entries[path] = Entry(id: id, mode: GIT_FILEMODE_BLOB)
            written[path] = id
        }
        return (try writeTree(base: base, removing: removing, entries: entries) ?? emptyTree(), written)
    }

    /// One level of `writeTree`: each folder named in `entries` or `removing` is written first,
    /// from its base, then this level by a tree builder over `base`'s entries (a tree builder
    /// costs a few microseconds an entry; an index built to write one tree cost ten times that).
    /// Nil when the tree would be empty.
    private func writeTree(base: ObjectID?, removing: [String], entries: [String: Entry]) throws -> ObjectID? {
        var files: [String: Entry] = [:]
        var below: [String: (entries: [String: Entry], removing: [String])] = [:]
        var removedHere: [String] = []
        for (path, id) in entries {
            if let (folder, rest) = Self.split(path) {
                below[folder, default: ([:], [])].entries[rest] = id
            } else {
                files[path] = id
            }
        }
        for path in removing {
            if let (folder, rest) = Self.split(path) {
                below[folder, default: ([:], [])].removing.append(rest)
            } else {
                removedHere.append(path)
            }
        }
        return try withTreeBuilder(base) { builder in
            for name in removedHere where git_treebuilder_get(builder, name) != nil {
                try GitError.check(git_treebuilder_remove(builder, name), "git_treebuilder_remove")
            }
            for (folder, change) in below.sorted(by: { $0.key < $1.key }) {
                let existing = git_treebuilder_get(builder, folder).flatMap { entry in
                    git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE ? ObjectID(git_tree_entry_id(entry)) : nil
                }
                if let id = try writeTree(base: existing, removing: change.removing, entries: change.entries) {
                    try insert(id, named: folder, mode: GIT_FILEMODE_TREE, into: builder)
                } else if git_treebuilder_get(builder, folder) != nil {
                    try GitError.check(git_treebuilder_remove(builder, folder), "git_treebuilder_remove")
                }
            }
            for (name, entry) in files { try insert(entry.id, named: name, mode: entry.mode, into: builder) }
            guard git_treebuilder_entrycount(builder) > 0 else { return nil }
            var oid = git_oid()
            try GitError.check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
            return ObjectID(oid)
        }
    }

    private func withTreeBuilder<T>(_ base: ObjectID?, _ body: (OpaquePointer) throws -> T) throws -> T {
        func build(_ tree: OpaquePointer?) throws -> T {
            var builder: OpaquePointer?
            try GitError.check(git_treebuilder_new(&builder, pointer, tree), "git_treebuilder_new")
            defer { git_treebuilder_free(builder) }
            return try body(builder!)
        }
        guard let base else { return try build(nil) }
        return try withTree(base) { try build($0) }
    }

    private func insert(_ id: ObjectID, named name: String, mode: git_filemode_t, into builder: OpaquePointer) throws {
        try withUnsafePointer(to: id.raw) { oid in
            try GitError.check(git_treebuilder_insert(nil, builder, name, oid, mode), "git_treebuilder_insert")
        }
    }

    /// A file to put in a tree: its object and mode.
    private struct Entry {
        var id: ObjectID
        var mode: git_filemode_t
    }

    /// The empty tree, written.
    private func emptyTree() throws -> ObjectID {
        try withTreeBuilder(nil) { builder in
            var oid = git_oid()
            try GitError.check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
            return ObjectID(oid)
        }
    }

    /// `blocks/a.yaml` -> (`blocks`, `a.yaml`); nil for a name without a folder.
    private static func split(_ path: String) -> (folder: String, rest: String)? {
        guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
    }
}
