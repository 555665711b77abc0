import CLibGit2
import Glibc

/// A file the index holds (stage 0): its path, its blob, and whether the working tree's file
/// still has the stat data the index recorded for it.
public struct IndexedFile: Sendable, Equatable {
    public var path: String
    public var blob: ObjectID
    /// Whether git takes the working file to hold `blob` without reading it: a regular,
    /// non-executable file whose size, times, inode and owner are the ones recorded, last changed
    /// before the index was written (not racily clean), and not marked assume-unchanged,
    /// skip-worktree or intent-to-add.
    public var isStatClean: Bool
}

extension Repository {
    /// The index's stage-0 entries whose paths (as bytes) `include` accepts, in the index's
    /// order (by path), each judged against the working tree as git's status judges a file
    /// before it reads it. Nothing is read but the index.
    public func indexedFiles(where include: (UnsafeBufferPointer<UInt8>) -> Bool) throws -> [IndexedFile] {
        guard let workdir else { return [] }
        var indexStat = stat()
        let indexWritten = lstat(gitDirectory + "index", &indexStat) == 0 ? indexStat.st_mtim : nil
        // Each file's stat data is read relative to the working tree's folder: no path to build.
        let folder = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        return try withIndex { index in
            var files: [IndexedFile] = []
            files.reserveCapacity(git_index_entrycount(index))
            for position in 0..<git_index_entrycount(index) {
                guard let entry = git_index_get_byindex(index, position)?.pointee,
                    Int32(entry.flags) & GIT_INDEX_ENTRY_STAGEMASK == 0
                else { continue }
                let bytes = UnsafeRawPointer(entry.path).assumingMemoryBound(to: UInt8.self)
                let path = UnsafeBufferPointer(start: bytes, count: strlen(entry.path))
                guard include(path) else { continue }
                var info = stat()
                let clean =
                    folder >= 0 && fstatat(folder, entry.path, &info, AT_SYMLINK_NOFOLLOW) == 0
                    && indexWritten.map { Self.matches(entry, info, $0) } == true
                files.append(
                    IndexedFile(
                        path: String(decoding: path, as: UTF8.self), blob: ObjectID(entry.id), isStatClean: clean))
            }
            return files
        }
    }

    /// Whether `info` is what `entry` recorded, as libgit2's status compares them (times to the
    /// nanosecond, inode, owner, size, mode), for an index written at `indexWritten`.
    private static func matches(_ entry: git_index_entry, _ info: stat, _ indexWritten: timespec) -> Bool {
        func same(_ time: git_index_time, _ stamp: timespec) -> Bool {
            time.seconds == Int32(truncatingIfNeeded: stamp.tv_sec)
                && time.nanoseconds == UInt32(truncatingIfNeeded: stamp.tv_nsec)
        }
        // Racily clean: changed in the instant the index was written, or later. git reads such a
        // file whatever its stat data say.
        let racy =
            (info.st_mtim.tv_sec, info.st_mtim.tv_nsec) >= (indexWritten.tv_sec, indexWritten.tv_nsec)
        let marked =
            UInt32(entry.flags) & GIT_INDEX_ENTRY_VALID.rawValue != 0
            || UInt32(entry.flags_extended) & GIT_INDEX_ENTRY_EXTENDED_FLAGS.rawValue != 0
        return !racy && !marked && info.st_mode & S_IFMT == S_IFREG && info.st_mode & 0o111 == 0
            && entry.mode == GIT_FILEMODE_BLOB.rawValue
            && entry.file_size == UInt32(truncatingIfNeeded: info.st_size)
            && same(entry.mtime, info.st_mtim) && same(entry.ctime, info.st_ctim)
            && entry.ino == UInt32(truncatingIfNeeded: info.st_ino) && entry.uid == info.st_uid
            && entry.gid == info.st_gid
    }
}
