import CLibGit2
import Glibc

/// An open git repository. Owns its `git_repository` handle; use it from one thread at a time.
public final class Repository {
    let pointer: OpaquePointer
    /// Whether git's environment named the object database (a hook's quarantine), which
    /// libgit2 would not open again by itself.
    let objectsFromEnvironment: Bool
    /// An object database of the repository's loose objects alone, made when first needed (see
    /// `writeLooseBlob`).
    var looseObjects: OpaquePointer?
    /// Whether the reflog's identity was looked up and given to libgit2 (see `pinReflogIdentity`).
    var reflogIdentityPinned = false

    private init(_ pointer: OpaquePointer, objectsFromEnvironment: Bool = false) {
        self.pointer = pointer
        self.objectsFromEnvironment = objectsFromEnvironment
    }

    deinit {
        git_odb_free(looseObjects)
        git_repository_free(pointer)
    }

    /// Opens the repository containing `path`, searching parent folders as `git` does.
    public convenience init(discoveringFrom path: String) throws {
        try Library.initialize()
        var raw: OpaquePointer?
        try GitError.check(git_repository_open_ext(&raw, path, 0, nil), "git_repository_open_ext")
        self.init(raw!)
    }

    /// Opens the repository git's environment names (`GIT_DIR`, and the `GIT_OBJECT_DIRECTORY`
    /// and `GIT_ALTERNATE_OBJECT_DIRECTORIES` through which a hook sees objects being pushed),
    /// as a program git runs must.
    public static func openFromGitEnvironment() throws -> Repository {
        try Library.initialize()
        var raw: OpaquePointer?
        try GitError.check(
            git_repository_open_ext(&raw, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil), "git_repository_open_ext")
        return Repository(raw!, objectsFromEnvironment: true)
    }

    /// Lets go of everything libgit2 keeps for the repository; it opens again what the next call
    /// needs. Its pack indexes' mappings and the packs' delta-base caches go with it: up to 16
    /// MiB each, which libgit2 1.5 gives a program no way to bound, so a walk through a long
    /// history that calls this now and then holds what it read since, not what it read in all.
    /// Does nothing when git's environment named the object database (a hook's quarantine),
    /// which libgit2 would open again without it. Handles from the repository stay valid: each
    /// holds its own reference. Call it between reads: libgit2 reads its index, configuration
    /// and references from disk again, so anything it held unwritten would be lost.
    public func releaseCaches() throws {
        guard !objectsFromEnvironment else { return }
        try GitError.check(git_repository__cleanup(pointer), "git_repository__cleanup")
    }

    /// Creates a repository with a working tree at `path` (or reopens the one already there, as
    /// `git init` does).
    public static func create(at path: String) throws -> Repository {
        try Library.initialize()
        var raw: OpaquePointer?
        try GitError.check(git_repository_init(&raw, path, 0), "git_repository_init")
        return Repository(raw!)
    }

    /// The working tree's folder, with a trailing slash; nil for a bare repository.
    public var workdir: String? {
        git_repository_workdir(pointer).map { String(cString: $0) }
    }

    /// The `.git` folder, with a trailing slash.
    public var gitDirectory: String {
        String(cString: git_repository_path(pointer))
    }

    /// The folder shared by every worktree of the repository (refs, objects), with a trailing
    /// slash; the same as `gitDirectory` without linked worktrees.
    public var commonDirectory: String {
        String(cString: git_repository_commondir(pointer))
    }

    /// A configuration value as git resolves it (repository, global, system), nil when unset.
    public func configString(_ key: String) throws -> String? {
        // The live configuration into a buffer: a snapshot would copy every entry for one key.
        var config: OpaquePointer?
        try GitError.check(git_repository_config(&config, pointer), "git_repository_config")
        defer { git_config_free(config) }
        var value = git_buf()
        defer { git_buf_dispose(&value) }
        let result = git_config_get_string_buf(&value, config, key)
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try GitError.check(result, "git_config_get_string_buf")
        return value.ptr.map { String(cString: $0) }
    }
}

/// Calls `body` with C strings for `strings` packed as a `git_strarray`, valid only inside `body`.
func withStrArray<T>(_ strings: [String], _ body: (inout git_strarray) throws -> T) rethrows -> T {
    try withCStrings(strings) { pointers in
        var array = git_strarray(strings: pointers, count: strings.count)
        return try body(&array)
    }
}

/// Calls `body` with C copies of `strings` followed by a null pointer (the shape of `argv`),
/// valid only inside `body`. (The other layers that call C, flowctl's `Spawn` and
/// WebhookDelivery, keep their own: they share no module below them.)
func withCStrings<T>(
    _ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws -> T
) rethrows -> T {
    var pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return try pointers.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
}
