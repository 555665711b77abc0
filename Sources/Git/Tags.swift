import CLibGit2

/// An annotated tag, copied out of libgit2.
public struct TagInfo: Sendable {
    /// The short name, `published/support-line/v3`.
    public var name: String
    public var target: ObjectID
    public var tagger: Signature?
    public var message: String
}

extension Repository {
    /// Creates annotated tag `name` (without `refs/tags/`) on commit `target`; fails with `.exists`
    /// when a tag of that name is already there, so two writers can never both make it.
    public func createTag(_ name: String, on target: ObjectID, tagger: Signature, message: String) throws {
        var object: OpaquePointer?
        try withUnsafePointer(to: target.raw) { oid in
            try GitError.check(git_object_lookup(&object, pointer, oid, GIT_OBJECT_COMMIT), "git_object_lookup")
        }
        defer { git_object_free(object) }
        var oid = git_oid()
        try tagger.withRaw { raw in
            try GitError.check(git_tag_create(&oid, pointer, name, object, raw, message, 0), "git_tag_create")
        }
    }

    /// The annotated tags whose names start with `prefix` (without `refs/tags/`), with the commit
    /// each points at; lightweight tags are read as tags without a tagger.
    public func tags(withPrefix prefix: String) throws -> [TagInfo] {
        try references(withPrefix: "refs/tags/" + prefix).map { reference in
            let name = String(reference.name.dropFirst("refs/tags/".count))
            var tag: OpaquePointer?
            let found = withUnsafePointer(to: reference.target.raw) { git_tag_lookup(&tag, pointer, $0) }
            guard found == 0, let tag else {
                git_error_clear()
                return TagInfo(name: name, target: reference.target, tagger: nil, message: "")
            }
            defer { git_tag_free(tag) }
            return TagInfo(
                name: name, target: ObjectID(git_tag_target_id(tag)),
                tagger: git_tag_tagger(tag).map { Signature($0) },
                message: git_tag_message(tag).map { String(cString: $0) } ?? "")
        }
    }
}
