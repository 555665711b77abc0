import CLibGit2

/// libgit2 is initialised once per process, on first use, and never shut down (shutdown at exit
/// races with other threads' cleanup; the process ending frees everything anyway).
private let libgit2Initialized: Void = {
    _ = git_libgit2_init()
}()

enum Library {
    /// Call before any libgit2 function. Cheap after the first call.
    static func initialize() {
        libgit2Initialized
    }
}
