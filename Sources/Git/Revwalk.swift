import CLibGit2

/// The commits of a history, newest first, read lazily: taking the first twenty of a history of
/// ten thousand reads about twenty commits. Keeps its repository alive.
public final class History: Sequence, IteratorProtocol {
    private let pointer: OpaquePointer
    private let repository: Repository

    /// Walks back from `start` along first parents. flowctl never merges, so the first-parent line
    /// is the whole history; and unlike a topological sort, which must read every commit before
    /// giving the first, this walk is lazy.
    public init(repository: Repository, start: ObjectID) throws {
        var walk: OpaquePointer?
        try GitError.check(git_revwalk_new(&walk, repository.pointer), "git_revwalk_new")
        pointer = walk!
        self.repository = repository
        try GitError.check(git_revwalk_sorting(pointer, GIT_SORT_NONE.rawValue), "git_revwalk_sorting")
        try GitError.check(git_revwalk_simplify_first_parent(pointer), "git_revwalk_simplify_first_parent")
        try withUnsafePointer(to: start.raw) { oid in
            try GitError.check(git_revwalk_push(pointer, oid), "git_revwalk_push")
        }
    }

    deinit { git_revwalk_free(pointer) }

    /// The next commit id, or nil at the end of history (or on an error, which ends it too).
    public func next() -> ObjectID? {
        var oid = git_oid()
        let result = git_revwalk_next(&oid, pointer)
        guard result == 0 else {
            git_error_clear()
            return nil
        }
        return ObjectID(oid)
    }
}
