import CLibGit2

/// What a diff compares against: a tree (nil for the empty tree) or the working tree.
public enum DiffTarget: Sendable {
    case tree(ObjectID?)
    case workingTree
}

/// A file a diff touches.
public struct DiffFile: Sendable, Equatable {
    public enum Change: Sendable { case added, deleted, modified, other }

    public var path: String
    public var change: Change
}

/// A libgit2 diff between two trees, or a tree and the working tree. Keeps its repository alive.
public final class Diff {
    private let pointer: OpaquePointer
    private let repository: Repository

    fileprivate init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_diff_free(pointer) }

    /// The files that differ, in path order.
    public var files: [DiffFile] {
        (0..<git_diff_num_deltas(pointer)).compactMap { index in
            guard let delta = git_diff_get_delta(pointer, index)?.pointee else { return nil }
            let path = delta.new_file.path ?? delta.old_file.path
            let change: DiffFile.Change =
                switch delta.status {
                case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: .added
                case GIT_DELTA_DELETED: .deleted
                case GIT_DELTA_MODIFIED: .modified
                default: .other
                }
            return path.map { DiffFile(path: String(cString: $0), change: change) }
        }
    }

    /// libgit2's deltas, valid while this diff lives.
    var deltas: [git_diff_delta] {
        (0..<git_diff_num_deltas(pointer)).compactMap { git_diff_get_delta(pointer, $0)?.pointee }
    }

    /// The unified patch, as `git diff` prints it, renamed files as renames (git's `-M`).
    public func patch() throws -> String {
        try findRenames()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try GitError.check(git_diff_to_buf(&buffer, pointer, GIT_DIFF_FORMAT_PATCH), "git_diff_to_buf")
        return Self.string(buffer)
    }

    /// Files changed with insertions and deletions, as `git diff --stat` prints them.
    public func stat(width: Int = 80) throws -> String {
        try findRenames()
        var stats: OpaquePointer?
        try GitError.check(git_diff_get_stats(&stats, pointer), "git_diff_get_stats")
        defer { git_diff_stats_free(stats) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try GitError.check(
            git_diff_stats_to_buf(&buffer, stats, GIT_DIFF_STATS_FULL, width), "git_diff_stats_to_buf")
        return Self.string(buffer)
    }

    /// Pairs deleted and added files of similar content as renames, as `git diff -M` does.
    func findRenames() throws {
        var options = git_diff_find_options()
        try GitError.check(
            git_diff_find_options_init(&options, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        options.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_FOR_UNTRACKED.rawValue
        try GitError.check(git_diff_find_similar(pointer, &options), "git_diff_find_similar")
    }

    private static func string(_ buffer: git_buf) -> String {
        guard let pointer = buffer.ptr, buffer.size > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: buffer.size), as: UTF8.self)
    }
}

extension Repository {
    /// The diff from tree `old` (nil: empty) to `new`, limited to `paths` (git pathspecs). Against
    /// the working tree, untracked files under `paths` count as added, as flowctl's edits do.
    public func diff(from old: ObjectID?, to new: DiffTarget, paths: [String]) throws -> Diff {
        var options = git_diff_options()
        try GitError.check(
            git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        if case .workingTree = new {
            options.flags =
                GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
                | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue
        }
        var diff: OpaquePointer?
        try withOptionalTree(old) { oldTree in
            try withStrArray(paths) { pathspec in
                options.pathspec = pathspec
                switch new {
                case .workingTree:
                    try GitError.check(
                        git_diff_tree_to_workdir_with_index(&diff, pointer, oldTree, &options),
                        "git_diff_tree_to_workdir_with_index")
                case .tree(let newID):
                    try withOptionalTree(newID) { newTree in
                        try GitError.check(
                            git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, &options), "git_diff_tree_to_tree")
                    }
                }
            }
        }
        return Diff(diff!, repository: self)
    }

    /// Whether `commit` is `ancestor` or has it in its history.
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
        if ancestor == commit { return true }
        var result: Int32 = 0
        withUnsafePointer(to: commit.raw) { commitOID in
            withUnsafePointer(to: ancestor.raw) { ancestorOID in
                result = git_graph_descendant_of(pointer, commitOID, ancestorOID)
            }
        }
        try GitError.check(result, "git_graph_descendant_of")
        return result == 1
    }

    private func withOptionalTree<T>(_ id: ObjectID?, _ body: (OpaquePointer?) throws -> T) throws -> T {
        guard let id else { return try body(nil) }
        return try withTree(id) { try body($0) }
    }
}
