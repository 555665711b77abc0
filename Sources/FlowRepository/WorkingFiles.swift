import CallFlow
import Foundation

/// The flow's files in the working tree: `flow.yaml` and `blocks/*.yaml` below the root.
struct WorkingFiles {
    let root: URL

    private var fileManager: FileManager { FileManager.default }

    private func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Every flow file present, by path.
    func read() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in try presentPaths() {
            files[path] = try Array(Data(contentsOf: url(path)))
        }
        return files
    }

    /// The bytes of one file, nil when it does not exist.
    func read(_ path: String) throws -> [UInt8]? {
        guard fileManager.fileExists(atPath: url(path).path) else { return nil }
        return try Array(Data(contentsOf: url(path)))
    }

    /// The flow file paths that exist: `flow.yaml` if present and each `blocks/*.yaml`.
    func presentPaths() throws -> [String] {
        var paths: [String] = []
        if fileManager.fileExists(atPath: url(FlowCodec.mainFile).path) { paths.append(FlowCodec.mainFile) }
        let blocks = url(FlowCodec.blocksFolder)
        if let names = try? fileManager.contentsOfDirectory(atPath: blocks.path) {
            paths += names.map { FlowCodec.blocksFolder + "/" + $0 }.filter { FlowCodec.blockID(ofFile: $0) != nil }
        }
        return paths.sorted()
    }

    /// Writes each of `files` that differs (through a temporary file and a rename, so no reader
    /// sees half a file); unless told otherwise, removes the block files not in `files`, so the
    /// flow files are exactly `files`.
    func write(_ files: [String: [UInt8]], removingOthers: Bool = true) throws {
        if removingOthers {
            for path in try presentPaths() where files[path] == nil {
                try fileManager.removeItem(at: url(path))
            }
        }
        for (path, bytes) in files {
            // Only the flow's own files, so no block id can ever name a path outside its folder.
            precondition(path == FlowCodec.mainFile || FlowCodec.blockID(ofFile: path).map(Slug.isValid) == true)
            let target = url(path)
            if let current = try? Data(contentsOf: target), Array(current) == bytes { continue }
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: target, options: .atomic)
        }
    }
}
