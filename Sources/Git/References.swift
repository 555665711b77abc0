import CLibGit2

extension Repository {
    /// The full name of the branch HEAD points at (`refs/heads/...`), even when that branch has no
    /// commit yet; nil when HEAD is detached.
    public func headBranch() throws -> String? {
        var head: OpaquePointer?
        try GitError.check(git_reference_lookup(&head, pointer, "HEAD"), "git_reference_lookup")
        defer { git_reference_free(head) }
        guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC else { return nil }
        return String(cString: git_reference_symbolic_target(head))
    }

    /// Points HEAD at `branch` (a full reference name) without touching the working tree.
    public func setHead(_ branch: String) throws {
        try GitError.check(git_repository_set_head(pointer, branch), "git_repository_set_head")
    }

    /// Detaches HEAD at `commit` without touching the working tree.
    public func detachHead(at commit: ObjectID) throws {
        var id = commit.raw
        try GitError.check(git_repository_set_head_detached(pointer, &id), "git_repository_set_head_detached")
    }

    /// The commit a reference points at, nil when there is no such reference.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, name)
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try GitError.check(result, "git_reference_name_to_id")
        return ObjectID(oid)
    }

    /// Every direct reference whose name starts with `prefix`, sorted by name. Only those are
    /// read (a glob), so listing one flow's tags does not walk every flow's refs.
    public func references(withPrefix prefix: String) throws -> [(name: String, target: ObjectID)] {
        var iterator: OpaquePointer?
        try GitError.check(
            git_reference_iterator_glob_new(&iterator, pointer, prefix + "*"), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var found: [(name: String, target: ObjectID)] = []
        while true {
            var reference: OpaquePointer?
            let result = git_reference_next(&reference, iterator)
            if result == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try GitError.check(result, "git_reference_next")
            defer { git_reference_free(reference) }
            let name = String(cString: git_reference_name(reference))
            guard name.hasPrefix(prefix), let target = git_reference_target(reference) else { continue }
            found.append((name, ObjectID(target)))
        }
        return found.sorted { $0.name < $1.name }
    }

    /// Creates reference `name` at `target`; fails with `.exists` when it is already there, so two
    /// writers can never both create it.
    public func createReference(_ name: String, at target: ObjectID, message: String) throws {
        pinReflogIdentity()
        var reference: OpaquePointer?
        defer { git_reference_free(reference) }
        try withUnsafePointer(to: target.raw) { oid in
            try GitError.check(
                git_reference_create(&reference, pointer, name, oid, 0, message), "git_reference_create")
        }
    }

    /// Moves reference `name` from `expected` to `target` as one compare-and-swap: when another
    /// writer moved it meanwhile, nothing changes and this fails with `.modified`.
    public func updateReference(_ name: String, from expected: ObjectID, to target: ObjectID, message: String)
        throws
    {
        pinReflogIdentity()
        var reference: OpaquePointer?
        defer { git_reference_free(reference) }
        try withUnsafePointer(to: target.raw) { new in
            try withUnsafePointer(to: expected.raw) { old in
                try GitError.check(
                    git_reference_create_matching(&reference, pointer, name, new, 1, old, message),
                    "git_reference_create_matching")
            }
        }
    }

    /// Deletes reference `name`, if it still points at `expected`.
    public func deleteReference(_ name: String, expected: ObjectID) throws {
        guard try referenceTarget(name) == expected else { return }
        var reference: OpaquePointer?
        try GitError.check(git_reference_lookup(&reference, pointer, name), "git_reference_lookup")
        defer { git_reference_free(reference) }
        try GitError.check(git_reference_delete(reference), "git_reference_delete")
    }

    /// Resolves anything `git rev-parse` takes (`main~2`, an id prefix, a tag) to a commit.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try GitError.check(git_revparse_single(&object, pointer, revision), "git_revparse_single")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try GitError.check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }
}
