import CallFlow
import Foundation

/// The working tree's files, below the root, as flowctl reads and writes them: regular files
/// only. A symbolic link where a flow file or `blocks/` should be is refused, never followed, so
/// flowctl never reads or writes outside the working tree.
struct WorkingFiles {
    let root: URL
    /// `root.path`, worked out once: URL works it out again at every use.
    private let rootPath: String

    init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    /// The largest flow file flowctl reads: far above any real flow file, far below what could
    /// make reading it costly.
    static let maximumFileSize = FlowCodec.maximumFileSize

    private func path(_ relative: String) -> String { rootPath + "/" + relative }

    /// Every flow file present, by path.
    func read() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in try presentPaths() {
            files[path] = try readRegularFile(path)
        }
        return files
    }

    /// The bytes of one file, nil when it does not exist.
    func read(_ path: String) throws -> [UInt8]? { try readRegularFile(path) }

    /// The bytes of the regular file at `relative`, nil when there is none; a symbolic link, a
    /// folder or a file over `limit` (a flow file's, unless told otherwise) is an error naming it.
    func readRegularFile(_ relative: String, limit: Int = maximumFileSize) throws -> [UInt8]? {
        try requireRealFolders(above: relative)
        let fd = open(path(relative), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return nil
            case ELOOP: throw FlowFileError(file: relative, line: nil, message: Self.linkRefusal)
            default: throw FlowError.fileSystem(path: relative, reason: String(cString: strerror(errno)))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FlowError.fileSystem(path: relative, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FlowFileError(file: relative, line: nil, message: "is not a regular file")
        }
        guard Int(info.st_size) <= limit else {
            throw FlowFileError(
                file: relative, line: nil, message: "is \(info.st_size) bytes; flow files may be at most \(limit) bytes"
            )
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw FlowError.fileSystem(path: relative, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            done += count
        }
        return Array(bytes.prefix(done))
    }

    /// Whether the file at `relative` has its owner's execute bit.
    func isExecutable(_ relative: String) -> Bool {
        var info = stat()
        return lstat(path(relative), &info) == 0 && info.st_mode & S_IXUSR != 0
    }

    /// The flow file paths that exist, in git's order: each `blocks/*.yaml`, then `flow.yaml` if
    /// present (`blocks/` sorts before `flow.yaml`).
    func presentPaths() throws -> [String] {
        let (hasMain, hasBlocks) = try flowPlaces()
        var paths: [String] = []
        if hasBlocks {
            // The paths are sorted as bytes before they become Strings: comparing two thousand
            // paths as Strings cost more than listing and reading their stat data.
            let prefix = Array((FlowCodec.blocksFolder + "/").utf8)
            var names = fileNames(in: FlowCodec.blocksFolder).filter {
                $0.withUnsafeBufferPointer(FlowCodec.isBlockFileName)
            }
            names.sort { a, b in a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { Self.precedes(x, $0) } } }
            paths = names.map { String(decoding: prefix + $0, as: UTF8.self) }
        }
        if hasMain { paths.append(FlowCodec.mainFile) }
        return paths
    }

    /// Git's order of paths: by their bytes.
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in precedes(x, y) } }
    }

    private static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        return order != 0 ? order < 0 : x.count < y.count
    }

    /// Whether `flow.yaml` exists and `blocks/` is a folder; fails when either is a symbolic link.
    @discardableResult
    func flowPlaces() throws -> (main: Bool, blocksFolder: Bool) {
        (try kind(of: FlowCodec.mainFile) != nil, try kind(of: FlowCodec.blocksFolder) == S_IFDIR)
    }

    /// The names in the folder at `relative`, as bytes, but `.` and `..`; none when it cannot be
    /// read. (readdir: FileManager's listing cost several times as much for a folder of thousands.)
    private func fileNames(in relative: String) -> [[UInt8]] {
        guard let folder = opendir(path(relative)) else { return [] }
        defer { closedir(folder) }
        var names: [[UInt8]] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            let isDots = name.count <= 2 && name.allSatisfy { $0 == UInt8(ascii: ".") }  // `.` and `..`
            if !isDots { names.append(name) }
        }
        return names
    }

    /// Writes each of `files` that differs; unless told otherwise, removes the block files not in
    /// `files`, so the flow files are exactly `files`. An edit: no journal (see `replace`).
    func write(_ files: [String: [UInt8]], removingOthers: Bool = true) throws {
        var changed: [String: (bytes: [UInt8], executable: Bool)] = [:]
        for (path, bytes) in files where try readRegularFile(path) != bytes {
            // Only the flow's own files, so no block id can ever name a path outside its folder.
            precondition(path == FlowCodec.mainFile || FlowCodec.blockID(ofFile: path).map(Slug.isValid) == true)
            changed[path] = (bytes, false)
        }
        let removals = removingOthers ? try presentPaths().filter { files[$0] == nil } : []
        try replace(changed, removing: removals)
    }

    /// Puts `writes` in place and removes `removals`: every new file is written in full to a
    /// temporary file beside its target first (a failure there changes nothing and leaves no
    /// temporary file), then each is renamed over its target, which no reader ever sees half
    /// written. Folders are made as needed, and a `blocks/` left empty goes.
    func replace(_ writes: [String: (bytes: [UInt8], executable: Bool)], removing removals: [String]) throws {
        var staged: [(temporary: String, target: String)] = []
        do {
            for (relative, file) in writes.sorted(by: { $0.key < $1.key }) {
                try makeFolders(above: relative)
                let temporary = Self.temporaryName(for: relative)
                try FileWriting.write(file.bytes, to: path(temporary), mode: file.executable ? 0o755 : 0o644)
                staged.append((temporary, relative))
            }
        } catch {
            for file in staged { unlink(path(file.temporary)) }
            throw error
        }
        for (index, file) in staged.enumerated() where rename(path(file.temporary), path(file.target)) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged[index...] { unlink(path(rest.temporary)) }
            throw FlowError.fileSystem(path: file.target, reason: reason)
        }
        for relative in removals {
            try requireRealFolders(above: relative)
            guard unlink(path(relative)) == 0 || errno == ENOENT else {
                throw FlowError.fileSystem(path: relative, reason: String(cString: strerror(errno)))
            }
        }
        for folder in Set((Array(writes.keys) + removals).compactMap(Self.folder)) {
            rmdir(path(folder))  // only when empty; git keeps no empty folders either
        }
    }

    /// Removes temporary files a killed writer left beside the flow files.
    func removeStaleTemporaries() {
        for folder in ["", FlowCodec.blocksFolder + "/"] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path(folder)) else { continue }
            for name in names where name.hasPrefix(".") && name.hasSuffix(Self.temporarySuffix) {
                unlink(path(folder + name))
            }
        }
    }

    static let temporarySuffix = ".flowctl-tmp"
    static let linkRefusal = "is a symbolic link; flowctl reads and writes only regular files inside the working tree"

    /// `blocks/.a.yaml.flowctl-tmp` for `blocks/a.yaml`: hidden, and never a flow file.
    static func temporaryName(for relative: String) -> String {
        let slash = relative.lastIndex(of: "/").map { relative.index(after: $0) } ?? relative.startIndex
        return relative[..<slash] + "." + relative[slash...] + temporarySuffix
    }

    private static func folder(of relative: String) -> String? {
        relative.lastIndex(of: "/").map { String(relative[..<$0]) }
    }

    /// The file type at `relative` (`S_IFREG`, `S_IFDIR`, ...), nil when nothing is there; a
    /// symbolic link is an error naming it.
    private func kind(of relative: String) throws -> mode_t? {
        var info = stat()
        guard lstat(path(relative), &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFLNK { throw FlowFileError(file: relative, line: nil, message: Self.linkRefusal) }
        return kind
    }

    /// Fails when a folder on the way to `relative` is a symbolic link (or not a folder).
    private func requireRealFolders(above relative: String) throws {
        var folder = ""
        for component in relative.split(separator: "/").dropLast() {
            folder += (folder.isEmpty ? "" : "/") + component
            if let kind = try kind(of: folder), kind != S_IFDIR {
                throw FlowFileError(file: folder, line: nil, message: "is not a folder")
            }
        }
    }

    private func makeFolders(above relative: String) throws {
        try requireRealFolders(above: relative)
        var folder = ""
        for component in relative.split(separator: "/").dropLast() {
            folder += (folder.isEmpty ? "" : "/") + component
            guard mkdir(path(folder), 0o755) == 0 || errno == EEXIST else {
                throw FlowError.fileSystem(path: folder, reason: String(cString: strerror(errno)))
            }
        }
    }
}

/// Writing whole files safely.
enum FileWriting {
    /// Writes `bytes` to a new file at `path` (replacing one there) and flushes it to disk.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FlowError.fileSystem(path: path, reason: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                failure = errno
                break
            }
            done += count
        }
        // No fsync: the guarantees are against a killed process and a full disk, which the page
        // cache survives and write reports; a power cut is the file system's to survive.
        if close(fd) != 0, failure == 0 { failure = errno }
        _ = fchmodIfNeeded(path, mode)
        guard failure == 0 else {
            unlink(path)
            throw FlowError.fileSystem(path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// Writes `bytes` to `path` through a temporary file and a rename: readers see the old file
    /// or the new one, never part of either.
    static func atomically(_ bytes: [UInt8], to path: String, makingFolder: Bool = false) throws {
        if makingFolder {
            let folder = (path as NSString).deletingLastPathComponent
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                throw FlowError.fileSystem(path: folder, reason: String(cString: strerror(errno)))
            }
        }
        let temporary = path + ".tmp"
        try write(bytes, to: temporary)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FlowError.fileSystem(path: path, reason: reason)
        }
    }

    /// The umask may have taken the execute bit a file needs.
    private static func fchmodIfNeeded(_ path: String, _ mode: mode_t) -> Int32 {
        mode & 0o111 == 0 ? 0 : chmod(path, mode)
    }
}
