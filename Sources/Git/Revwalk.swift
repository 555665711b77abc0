import CLibGit2

/// The commits of a history, newest first, read lazily: taking the first twenty of a history of
/// ten thousand reads about twenty commits. Keeps its repository alive.
public final class History: Sequence, IteratorProtocol {
    private let repository: Repository
    private var upcoming: ObjectID?

    /// Walks back from `start` along first parents. flowctl never merges, so the first-parent line
    /// is the whole history. Each step reads one commit for its first parent and keeps nothing:
    /// libgit2's revwalk keeps every commit it has passed, so memory grew with the history.
    public init(repository: Repository, start: ObjectID) throws {
        self.repository = repository
        upcoming = start
    }

    /// The next commit id, or nil at the end of history (or on an error, which ends it too).
    public func next() -> ObjectID? {
        guard let current = upcoming else { return nil }
        upcoming = try? repository.firstParent(of: current)
        return current
    }
}

extension Repository {
    /// The first parent of commit `id`, nil for a root commit.
    func firstParent(of id: ObjectID) throws -> ObjectID? {
        var commit: OpaquePointer?
        try withUnsafePointer(to: id.raw) { oid in
            try GitError.check(git_commit_lookup(&commit, pointer, oid), "git_commit_lookup")
        }
        defer { git_commit_free(commit) }
        guard git_commit_parentcount(commit) > 0, let parent = git_commit_parent_id(commit, 0) else { return nil }
        return ObjectID(parent)
    }
}

extension Repository {
    /// Whether no ref under any of `prefixes` (`refs/heads`, `refs/tags`, ...) reaches commit
    /// `id`: one walk from it with every such ref's history hidden, rather than one ancestry
    /// check per ref (ten thousand of them with a flow each).
    public func isUnreachable(_ id: ObjectID, fromRefsUnder prefixes: [String]) throws -> Bool {
        var walk: OpaquePointer?
        try GitError.check(git_revwalk_new(&walk, pointer), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        try withUnsafePointer(to: id.raw) { oid in
            try GitError.check(git_revwalk_push(walk, oid), "git_revwalk_push")
        }
        for prefix in prefixes {
            try GitError.check(git_revwalk_hide_glob(walk, prefix), "git_revwalk_hide_glob")
        }
        var next = git_oid()
        return git_revwalk_next(&next, walk) == 0
    }
}
