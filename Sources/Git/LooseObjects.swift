import CLibGit2

extension Repository {
    /// Writes `bytes` as a loose blob, for a blob the caller has just looked for and not found.
    /// libgit2's own write looks for it again first, and on a miss lists the pack folder once
    /// more: seven system calls a blob, about a fifth of those of a save that changes every
    /// block. Written through an object database of loose objects alone, the blob is looked for
    /// there only. Where git's environment names the object database (a hook's quarantine), the
    /// repository's own write is used.
    func writeLooseBlob(_ bytes: [UInt8]) throws -> ObjectID {
        guard !objectsFromEnvironment else { return try createBlob(bytes) }
        let odb = try looseObjectDatabase()
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try GitError.check(
                git_odb_write(&oid, odb, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "git_odb_write")
        }
        return ObjectID(oid)
    }

    /// The loose objects' database, as libgit2 sets up the repository's own: default compression,
    /// and fsync when `core.fsyncObjectFiles` asks for it.
    private func looseObjectDatabase() throws -> OpaquePointer {
        if let looseObjects { return looseObjects }
        var folder = git_buf()
        try GitError.check(
            git_repository_item_path(&folder, pointer, GIT_REPOSITORY_ITEM_OBJECTS), "git_repository_item_path")
        defer { git_buf_dispose(&folder) }
        var odb: OpaquePointer?
        // Freed here unless it is set up whole: then the repository keeps it (freed in its deinit).
        defer { if looseObjects != odb { git_odb_free(odb) } }
        try GitError.check(git_odb_new(&odb), "git_odb_new")
        var backend: UnsafeMutablePointer<git_odb_backend>?
        let fsync: Int32 = try fsyncsObjects() ? 1 : 0
        try GitError.check(git_odb_backend_loose(&backend, folder.ptr, -1, fsync, 0, 0), "git_odb_backend_loose")
        let added = git_odb_add_backend(odb, backend, 1)
        if added < 0 { backend?.pointee.free(backend) }  // the database owns it only once added
        try GitError.check(added, "git_odb_add_backend")
        looseObjects = odb
        return odb!
    }

    private func fsyncsObjects() throws -> Bool {
        var config: OpaquePointer?
        try GitError.check(git_repository_config_snapshot(&config, pointer), "git_repository_config_snapshot")
        defer { git_config_free(config) }
        var value: Int32 = 0
        let result = git_config_get_bool(&value, config, "core.fsyncObjectFiles")
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return false
        }
        try GitError.check(result, "git_config_get_bool")
        return value != 0
    }
}
