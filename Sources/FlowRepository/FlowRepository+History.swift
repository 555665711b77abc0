import CallFlow
import Foundation
import Git

/// Who made a save and when.
public struct Person: Sendable, Equatable {
    public var name: String
    public var email: String
    public var date: Date
    /// Their time zone then, in minutes east of UTC.
    public var offsetMinutes: Int

    init(_ signature: Signature) {
        name = signature.name
        email = signature.email
        date = signature.date
        offsetMinutes = signature.offsetMinutes
    }
}

/// One save of a flow, as `log` shows it.
public struct SaveInfo: Sendable {
    public var commit: String
    public var parents: [String]
    public var author: Person
    public var message: String
    /// What the save changed, from the semantic diff with its parent.
    public var changes: [FlowChange]
    /// For the commit that made a duplicate: the flow it was copied from.
    public var copiedFrom: String?
    /// Why the save's flow files (or its parent's) cannot be read, when they cannot (a file broken
    /// by a plain git commit); `changes` is then empty. The history goes on past it.
    public var problem: FlowFileError?

    /// A one-line summary of what the save changed; a flow's first save is "New flow".
    public var summary: String {
        if let problem { return "unreadable: \(problem)" }
        return parents.isEmpty ? "New flow" : FlowDiff.summary(changes)
    }

    /// The message's first line.
    public var subject: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

extension FlowRepository {
    /// The trailer a duplicate's commit carries, naming the flow it copies.
    static let copiedFromTrailer = "Copied-from: "

    /// Flow `id`'s saves, newest first, following its history into the flow it was copied from.
    /// Only the first `limit` are read.
    public func history(_ id: String, from revision: String? = nil, limit: Int? = nil) throws -> [SaveInfo] {
        let start = try commitID(id, revision: revision)
        let walk = try gitCall { try History(repository: git, start: start) }
        var saves: [SaveInfo] = []
        var parent: CommitInfo?  // read as the parent of one save, it is the next save to show
        for commitID in walk {
            if let limit, saves.count >= limit { break }
            let commit = try parent.flatMap { $0.id == commitID ? $0 : nil } ?? gitCall { try git.commit(commitID) }
            parent = try commit.parents.first.map { id in try gitCall { try git.commit(id) } }
            var changes: [FlowChange] = []
            var problem: FlowFileError?
            do {
                changes = try self.changes(from: parent?.tree, to: .tree(commit.tree))
            } catch let error as FlowFileError {
                problem = error
            }
            saves.append(
                SaveInfo(
                    commit: commit.id.description,
                    parents: commit.parents.map(\.description),
                    author: Person(commit.author),
                    message: commit.message,
                    changes: changes,
                    copiedFrom: Self.copiedFrom(commit.message),
                    problem: problem))
        }
        return saves
    }

    static func copiedFrom(_ message: String) -> String? {
        message.split(separator: "\n").last { $0.hasPrefix(copiedFromTrailer) }
            .map { String($0.dropFirst(copiedFromTrailer.count)).trimmingCharacters(in: .whitespaces) }
    }

    /// The semantic changes from tree `old` (nil: no flow yet) to `new`. Only the files git says
    /// differ are read, so a save touching one block of two thousand reads that one block.
    func changes(from old: ObjectID?, to new: DiffTarget) throws -> [FlowChange] {
        let diff = try gitCall { try git.diff(from: old, to: new, paths: Self.flowPathspecs) }
        let blockIDs = Set(diff.files.compactMap { FlowCodec.blockID(ofFile: $0.path) })
        guard !diff.files.isEmpty else { return [] }
        let before = try old.map { try partialFlow(.tree($0), blocks: blockIDs) } ?? Flow(main: MainBlock(name: ""))
        let after = try partialFlow(new, blocks: blockIDs)
        return FlowDiff.changes(from: before, to: after)
    }

    /// The main block and just the blocks `ids` (those that exist) of a tree or the working tree.
    func partialFlow(_ source: DiffTarget, blocks ids: Set<String>) throws -> Flow {
        switch source {
        case .workingTree:
            let working = WorkingFiles(root: root)
            var files: [String: [UInt8]] = [:]
            for path in [FlowCodec.mainFile] + ids.map(FlowCodec.blockFile) { files[path] = try working.read(path) }
            return try FlowCodec.decode(files)
        case .tree(nil):
            return Flow(main: MainBlock(name: ""))
        case .tree(let tree?):
            guard let main = try decodedFile(FlowCodec.mainFile, in: tree, { try FlowCodec.decodeMain($0) }) else {
                throw FlowFileError(file: FlowCodec.mainFile, line: nil, message: "is missing")
            }
            let blocks = try ids.compactMap { id in
                try decodedFile(FlowCodec.blockFile(id), in: tree) { try FlowCodec.decodeBlock($0, id: id) }
            }
            return Flow(main: main, blocks: blocks)
        }
    }

    /// File `path` of `tree`, decoded; nil when there is no such file. Decoded files are kept by
    /// path and blob id, so walking a history decodes each version of a file once.
    private func decodedFile<T>(_ path: String, in tree: ObjectID, _ decode: ([UInt8]) throws -> T) throws -> T? {
        guard let entry = try flowFileEntry(path, in: tree) else { return nil }
        let key = "\(entry.id) \(path)"
        if let cached = decodedFiles[key] as? T { return cached }
        let value = try decode(try gitCall { try git.blobContents(entry.id) })
        decodedFiles[key] = value
        return value
    }
}
