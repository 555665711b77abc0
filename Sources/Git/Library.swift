import CGitLoader
import CLibGit2

/// libgit2 is initialised once per process, on first use, and never shut down (shutdown at exit
/// races with other threads' cleanup; the process ending frees everything anyway).
private let libgit2Initialized: Void = {
    // Without parsing the CA bundle: Library.loadCertificates() does before a connection.
    _ = flowctl_git_initialize()
    // libgit2 caches trees only up to 4 KiB by default; a flow's blocks/ folder is 40 bytes per
    // block, so past about a hundred blocks every path lookup read, inflated and hashed it again.
    _ = flowctl_git_set_cache_object_limit(Int32(GIT_OBJECT_TREE.rawValue), 4 << 20)
    // The cache keeps every commit and tree read until it holds 256 MiB: walking a long history,
    // memory would grow with every save. A flow's working set is far smaller, and the cache counts
    // objects' raw sizes: what they take in memory parsed is several times more.
    _ = flowctl_git_set_cache_max_size(1 << 20)
    // Packs are mapped in 1 GiB windows up to 8 GiB by default, and every page read stays in
    // memory: reading a long history, the whole pack would. Small windows, few at a time (4 MiB
    // in all: a log of 100,000 saves held 8 MiB less than with 16, in the same time).
    _ = flowctl_git_set_pack_windows(1 << 20, 4 << 20)
    // libgit2 hashes every object it reads to check it; git does not (its fsck does, and
    // `git fsck --strict` is what the tests run). A tenth of `validate --all` went there.
    _ = flowctl_git_set_strict_hash_verification(0)
    // Writing a tree, libgit2 reads every entry's object header to check that it exists: for a
    // flow of 2,000 blocks, 2,000 objects inflated to save one. Every blob flowctl puts in a tree
    // it has just written or taken from another tree; `git fsck --strict` in the tests checks.
    _ = flowctl_git_set_strict_object_creation(0)
}()

enum Library {
    /// Call before any libgit2 function. Cheap after the first call. Throws when libgit2 cannot
    /// be loaded (flowctl loads it on first use rather than at start; see CGitLoader).
    static func initialize() throws {
        if let reason = flowctl_git_load() {
            throw GitError(code: -1, message: String(cString: reason), function: "dlopen")
        }
        libgit2Initialized
    }

    /// Parses the CA bundle that `initialize()` left for later, once: call before connecting.
    static func loadCertificates() throws {
        try GitError.check(flowctl_git_load_certificates(), "git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS)")
    }

    /// What became of the CA bundle so far: whether one waits to be parsed, how many parses went
    /// to mbedTLS's own function, and the last one's result (0: every certificate parsed).
    static var certificateState: (pending: Bool, parses: Int, lastResult: Int32) {
        var (pending, parses, last): (Int32, Int32, Int32) = (0, 0, 0)
        flowctl_git_certificate_state(&pending, &parses, &last)
        return (pending != 0, Int(parses), last)
    }
}

extension Repository {
    /// Runs `body` with libgit2's object cache off, for a walk that reads each object once and
    /// keeps what it needs itself. Once full, the cache evicts from the start of its hash table,
    /// stepping over every slot emptied before: walking a long history, that scan was an eighth
    /// of the time.
    public func readingOnce<T>(_ body: () throws -> T) rethrows -> T {
        _ = flowctl_git_set_caching(0)
        defer { _ = flowctl_git_set_caching(1) }
        return try body()
    }
}
