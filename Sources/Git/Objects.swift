import CLibGit2

/// One entry of a tree, copied out of libgit2.
public struct TreeEntry: Sendable, Equatable {
    /// A regular file (`blob`), a folder, a symbolic link, or anything else (a submodule).
    public enum Kind: Sendable { case blob, tree, link, other }

    public var name: String
    public var id: ObjectID
    public var kind: Kind
    /// Whether a regular file is executable (mode 100755).
    public var isExecutable = false
}

/// A commit's fields, copied out of libgit2 so that no C object outlives the call.
public struct CommitInfo: Sendable {
    public var id: ObjectID
    public var tree: ObjectID
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    public var message: String

    /// The message's first line, as `git log --oneline` shows it.
    public var summary: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

extension Repository {
    public func blobContents(_ id: ObjectID) throws -> [UInt8] {
        var blob: OpaquePointer?
        try withUnsafePointer(to: id.raw) { oid in
            try GitError.check(git_blob_lookup(&blob, pointer, oid), "git_blob_lookup")
        }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var commit: OpaquePointer?
        try withUnsafePointer(to: id.raw) { oid in
            try GitError.check(git_commit_lookup(&commit, pointer, oid), "git_commit_lookup")
        }
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) }
        return CommitInfo(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit)),
            parents: parents,
            author: Signature(git_commit_author(commit)),
            committer: Signature(git_commit_committer(commit)),
            message: String(cString: git_commit_message(commit)))
    }

    /// The entries of tree `id`, in git's order.
    public func treeEntries(_ id: ObjectID) throws -> [TreeEntry] {
        try withTree(id) { tree in
            (0..<git_tree_entrycount(tree)).map { index in
                Self.entry(git_tree_entry_byindex(tree, index))
            }
        }
    }

    /// The entry at `path` (`blocks/notify.yaml`) below tree `id`, nil when there is none.
    public func treeEntry(_ id: ObjectID, path: String) throws -> TreeEntry? {
        try withTree(id) { tree in
            var entry: OpaquePointer?
            let result = git_tree_entry_bypath(&entry, tree, path)
            if result == GIT_ENOTFOUND.rawValue {
                git_error_clear()
                return nil
            }
            try GitError.check(result, "git_tree_entry_bypath")
            defer { git_tree_entry_free(entry) }
            return Self.entry(entry)
        }
    }

    /// The entries of tree `id` called `names` (those it has), each found by binary search: for a
    /// few names in a large tree, cheaper than reading every entry.
    public func treeEntries(_ id: ObjectID, named names: some Sequence<String>) throws -> [String: TreeEntry] {
        try withTree(id) { tree in
            var found: [String: TreeEntry] = [:]
            for name in names {
                if let raw = git_tree_entry_byname(tree, name) { found[name] = Self.entry(raw) }
            }
            return found
        }
    }

    func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var tree: OpaquePointer?
        try withUnsafePointer(to: id.raw) { oid in
            try GitError.check(git_tree_lookup(&tree, pointer, oid), "git_tree_lookup")
        }
        defer { git_tree_free(tree) }
        return try body(tree!)
    }

    private static func entry(_ raw: OpaquePointer?) -> TreeEntry {
        let mode = git_tree_entry_filemode(raw)
        return TreeEntry(
            name: String(cString: git_tree_entry_name(raw)), id: ObjectID(git_tree_entry_id(raw)),
            kind: TreeEntry.Kind(mode: mode.rawValue), isExecutable: mode == GIT_FILEMODE_BLOB_EXECUTABLE)
    }

    public func createBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try GitError.check(
                git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count),
                "git_blob_create_from_buffer")
        }
        return ObjectID(oid)
    }

    /// Writes a commit object without moving any reference; move one with `createReference` or
    /// `updateReference`, which compare and swap.
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String
    ) throws -> ObjectID {
        try withTree(tree) { treePointer in
            var parentCommits: [OpaquePointer?] = []
            defer { parentCommits.forEach { git_commit_free($0) } }
            for parent in parents {
                var commit: OpaquePointer?
                try withUnsafePointer(to: parent.raw) { oid in
                    try GitError.check(git_commit_lookup(&commit, pointer, oid), "git_commit_lookup")
                }
                parentCommits.append(commit)
            }
            var oid = git_oid()
            try author.withRaw { authorRaw in
                try committer.withRaw { committerRaw in
                    try parentCommits.withUnsafeMutableBufferPointer { parentsBuffer in
                        try GitError.check(
                            git_commit_create(
                                &oid, pointer, nil, authorRaw, committerRaw, nil, message, treePointer,
                                parents.count, parentsBuffer.baseAddress),
                            "git_commit_create")
                    }
                }
            }
            return ObjectID(oid)
        }
    }
}

extension TreeEntry.Kind {
    init(mode: UInt32) {
        switch mode {
        case GIT_FILEMODE_BLOB.rawValue, GIT_FILEMODE_BLOB_EXECUTABLE.rawValue: self = .blob
        case GIT_FILEMODE_TREE.rawValue: self = .tree
        case GIT_FILEMODE_LINK.rawValue: self = .link
        default: self = .other
        }
    }
}

extension ObjectID {
    /// The id git gives `bytes` as a blob, without writing anything.
    public static func blob(hashing bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try GitError.check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "git_odb_hash")
        }
        return ObjectID(oid)
    }
}
