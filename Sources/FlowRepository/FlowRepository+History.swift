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

    /// Flow `id`'s saves, newest first, following its history into the flow it was copied from,
    /// those `filter` keeps. Only the first `limit` are read when nothing is filtered.
    public func history(
        _ id: String, from revision: String? = nil, limit: Int? = nil, filter: HistoryFilter = HistoryFilter()
    ) throws -> [SaveInfo] {
        var saves: [SaveInfo] = []
        try forEachSave(id, from: revision, limit: limit, filter: filter) { saves.append($0) }
        return saves
    }

    /// `history`, one save at a time as it is read: memory stays flat however long the history.
    public func forEachSave(
        _ id: String, from revision: String? = nil, limit: Int? = nil, filter: HistoryFilter = HistoryFilter(),
        _ body: (SaveInfo) throws -> Void
    ) throws {
        let start = try commitID(id, revision: revision)
        try git.readingOnce { try walkSaves(from: start, limit: limit, filter: filter, body) }
    }

    private func walkSaves(
        from start: ObjectID, limit: Int?, filter: HistoryFilter, _ body: (SaveInfo) throws -> Void
    ) throws {
        var shown = 0
        var filter = filter
        // Along first parents (flowctl never merges but for pull, whose first parent is the
        // flow's own line), each commit read once: as the parent of one save, then as the next.
        var next: CommitInfo? = try gitCall { try git.commit(start) }
        var read = 0
        while let commit = next {
            if let limit, shown >= limit { break }
            try releaseCaches(afterReading: read)
            read += 1
            let parent = try commit.parents.first.map { id in try gitCall { try git.commit(id) } }
            next = parent
            if let until = filter.until, commit.committer.date > until { continue }
            if let since = filter.since, commit.committer.date < since { break }  // older ones too
            startDecodingGeneration()
            var changes: [FlowChange] = []
            var problem: FlowFileError?
            do {
                changes = try self.changes(from: parent?.tree, to: .tree(commit.tree))
            } catch let error as FlowFileError {
                problem = error
            }
            let save = SaveInfo(
                commit: commit.id.description,
                parents: commit.parents.map(\.description),
                author: Person(commit.author),
                message: commit.message,
                changes: changes,
                copiedFrom: Self.copiedFrom(commit.message),
                problem: problem)
            if filter.keeps(save) {
                shown += 1
                try body(save)
            }
        }
    }

    static func copiedFrom(_ message: String) -> String? {
        // Most messages have no trailer: a search of their bytes says so without splitting them.
        var (message, trailer) = (message, copiedFromTrailer)
        let mentioned = message.withUTF8 { bytes in
            trailer.withUTF8 { needle in
                (0..<max(bytes.count - needle.count + 1, 0)).contains { start in
                    bytes[start] == needle[0]
                        && memcmp(bytes.baseAddress! + start, needle.baseAddress!, needle.count) == 0
                }
            }
        }
        guard mentioned else { return nil }
        return message.split(separator: "\n").last { $0.hasPrefix(copiedFromTrailer) }
            .map { String($0.dropFirst(copiedFromTrailer.count)).trimmingCharacters(in: .whitespaces) }
    }

    /// The semantic changes from tree `old` (nil: no flow yet) to `new`. Only the files git says
    /// differ are read, so a save touching one block of two thousand reads that one block.
    func changes(from old: ObjectID?, to new: DiffTarget, writtenFrom flow: Flow? = nil) throws -> [FlowChange] {
        guard case .tree(let newTree) = new else {
            let files = try gitCall { try git.diff(from: old, to: new, paths: Self.flowPathspecs) }.files.map(\.path)
            let blockIDs = Set(files.compactMap(FlowCodec.blockID(ofFile:)))
            guard !files.isEmpty else { return [] }
            let before = try old.map { try partialFlow(.tree($0), blocks: blockIDs) } ?? Flow(main: MainBlock(name: ""))
            return FlowDiff.changes(from: before, to: try partialFlow(new, blocks: blockIDs))
        }
        let (before, after) = (try flowEntries(old), try flowEntries(newTree))
        let files = try changedFlowFiles(before, after)
        guard !files.isEmpty else { return [] }
        let blockIDs = Set(files.compactMap(FlowCodec.blockID(ofFile:)))
        let oldFlow = try old == nil ? Flow(main: MainBlock(name: "")) : partialFlow(before, blocks: blockIDs)
        // A tree just written from `flow` decodes to `flow` again (the codec is canonical): save
        // does not read back what it has just written.
        let newFlow =
            try flow.map { written in Flow(main: written.main, blocks: blockIDs.compactMap { written.blocks[$0] }) }
            ?? partialFlow(after, blocks: blockIDs)
        return FlowDiff.changes(from: oldFlow, to: newFlow)
    }

    /// A tree's flow entries: its top entries by name (flow.yaml and blocks/), and, read when
    /// first asked for, the blocks/ folder's entries by name.
    struct FlowEntries {
        var top: [String: TreeEntry] = [:]
        var blocks: [String: TreeEntry] = [:]
    }

    /// The flow entries of `tree` (none for nil). Walking a history, each tree is the newer side
    /// of one save and the older of the next: the last few trees' entries are kept, and each
    /// tree is read once.
    func flowEntries(_ tree: ObjectID?) throws -> FlowEntries {
        guard let tree else { return FlowEntries() }
        func remembered(_ id: ObjectID, _ read: () throws -> [String: TreeEntry]) throws -> [String: TreeEntry] {
            if let known = readTrees[id] { return known }
            let entries = try read()
            readTrees.insert(entries, for: id)
            return entries
        }
        var entries = FlowEntries()
        entries.top = try remembered(tree) {
            try gitCall { try git.treeEntries(tree, named: [FlowCodec.mainFile, FlowCodec.blocksFolder]) }
        }
        if let folder = entries.top[FlowCodec.blocksFolder], folder.kind == .tree {
            entries.blocks = try remembered(folder.id) {
                Dictionary(try gitCall { try git.treeEntries(folder.id) }.map { ($0.name, $0) }) { first, _ in first }
            }
        }
        return entries
    }

    /// The flow files that differ from one tree's entries to another's, found from the entries
    /// alone: flow.yaml's, then the blocks/ folders' entries side by side, by name. A general
    /// tree diff does the same work and more (it reads the repository's configuration at every
    /// call, which was a tenth of a long `log`).
    func changedFlowFiles(_ before: FlowEntries, _ after: FlowEntries) throws -> [String] {
        var changed: [String] = []
        if before.top[FlowCodec.mainFile] != after.top[FlowCodec.mainFile] { changed.append(FlowCodec.mainFile) }
        if before.top[FlowCodec.blocksFolder] != after.top[FlowCodec.blocksFolder] {
            for name in Set(before.blocks.keys).union(after.blocks.keys).sorted()
            where before.blocks[name] != after.blocks[name] {
                changed.append(FlowCodec.blocksFolder + "/" + name)
            }
        }
        return changed
    }

    /// The main block and just the blocks `ids` (those that exist) of a tree, from its entries.
    private func partialFlow(_ entries: FlowEntries, blocks ids: Set<String>) throws -> Flow {
        guard let mainEntry = entries.top[FlowCodec.mainFile] else {
            throw FlowFileError(file: FlowCodec.mainFile, line: nil, message: "is missing")
        }
        guard mainEntry.kind == .blob else { throw Self.notRegular(FlowCodec.mainFile, mainEntry.kind) }
        let main = try decoded(mainEntry, FlowCodec.mainFile) { try FlowCodec.decodeMain($0) }
        if let folder = entries.top[FlowCodec.blocksFolder], folder.kind != .tree, !ids.isEmpty {
            throw Self.notRegular(FlowCodec.blocksFolder, folder.kind)
        }
        let blocks = try ids.compactMap { id -> Block? in
            guard let entry = entries.blocks[id + FlowCodec.blockExtension] else { return nil }
            let path = FlowCodec.blockFile(id)
            guard entry.kind == .blob else { throw Self.notRegular(path, entry.kind) }
            return try decoded(entry, path) { try FlowCodec.decodeBlock($0, id: id) }
        }
        return Flow(main: main, blocks: blocks)
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
            guard !ids.isEmpty else { return Flow(main: main) }
            // The blocks/ folder is looked up once, and each block in it by name: a lookup by
            // path per block would find the folder again each time.
            let folder = try blocksFolder(inTree: tree)
            let entries = try folder.map { folder in
                try gitCall { try git.treeEntries(folder, named: ids.map { $0 + FlowCodec.blockExtension }) }
            }
            let blocks = try ids.compactMap { id -> Block? in
                guard let entry = entries?[id + FlowCodec.blockExtension] else { return nil }
                let path = FlowCodec.blockFile(id)
                guard entry.kind == .blob else { throw Self.notRegular(path, entry.kind) }
                return try decoded(entry, path) { try FlowCodec.decodeBlock($0, id: id) }
            }
            return Flow(main: main, blocks: blocks)
        }
    }

    /// File `path` of `tree`, decoded; nil when there is no such file.
    private func decodedFile<T>(_ path: String, in tree: ObjectID, _ decode: ([UInt8]) throws -> T) throws -> T? {
        guard let entry = try flowFileEntry(path, in: tree) else { return nil }
        return try decoded(entry, path, decode)
    }

    /// The blob of `entry` (file `path`), decoded. Decoded files are kept by path and blob id, so
    /// walking a history decodes each version of a file once.
    private func decoded<T>(_ entry: TreeEntry, _ path: String, _ decode: ([UInt8]) throws -> T) throws -> T {
        let key = DecodedKey(id: entry.id, path: path)
        if let cached = (decodedFiles[key] ?? olderDecodedFiles[key]) as? T {
            decodedFiles[key] = cached
            return cached
        }
        let value = try decode(try gitCall { try git.blobContents(entry.id) })
        decodedFiles[key] = value
        return value
    }

    /// Walking a history, a save's files are decoded once as the newer side of its diff and used
    /// again as the older side of the next: keeping two generations of decoded files is enough,
    /// and keeps memory flat over any number of saves.
    func startDecodingGeneration() {
        olderDecodedFiles = decodedFiles
        decodedFiles = [:]
    }
}

/// What a decoded file is kept under while walking a history.
struct DecodedKey: Hashable {
    var id: ObjectID
    var path: String

    /// The blob id alone: it rarely comes under two paths, and hashing the path cost more than
    /// the rest of a look-up.
    func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Which saves `log` shows: those of one block (following its renames back) or one of its
/// fields, in a time window, by an author, with a message containing some text.
public struct HistoryFilter: Sendable {
    public var block: String?
    public var field: String?
    public var since: Date?
    public var until: Date?
    /// A part of the author's name or email, in any case.
    public var author: String?
    /// A part of the message.
    public var grep: String?

    public init(
        block: String? = nil, field: String? = nil, since: Date? = nil, until: Date? = nil, author: String? = nil,
        grep: String? = nil
    ) {
        (self.block, self.field, self.since, self.until, self.author, self.grep) = (
            block, field, since, until, author, grep
        )
    }

    /// Whether `save` is one to show; walking back, a rename of the block makes its old id the
    /// one followed from then on.
    mutating func keeps(_ save: SaveInfo) -> Bool {
        if let author {
            let who = "\(save.author.name) <\(save.author.email)>".lowercased()
            guard who.contains(author.lowercased()) else { return false }
        }
        if let grep, !save.message.contains(grep) { return false }
        guard let block else { return true }
        var touched = false
        for change in save.changes {
            switch change {
            case .blockRenamed(let from, let to) where to == block:
                touched = field == nil
                self.block = from
            case .blockAdded(let added) where added.id == block: touched = true
            case .blockRemoved(let removed) where removed.id == block: touched = true
            case .blockField(let id, let changed, _, _) where id == block && (field == nil || changed == field):
                touched = true
            case .mainField(let changed, _, _) where block == "main" && (field == nil || changed == field):
                touched = true
            default: break
            }
        }
        return touched
    }
}

extension FlowRepository {
    /// The commit ids of flow `id`'s last `limit` saves, newest first, without reading what they
    /// changed: for completions, which must answer at once.
    public func recentSaveIDs(_ id: String, limit: Int) throws -> [String] {
        let start = try commitID(id, revision: nil)
        let walk = try gitCall { try History(repository: git, start: start) }
        return walk.prefix(limit).map(\.description)
    }
}

/// The last few values read, by key, for a walk that reads each once and needs it once more
/// right after: a handful compared in a list cost less than a dictionary that grows and is
/// thrown away at every step.
struct RecentlyRead<Key: Equatable, Value> {
    private var items: [(key: Key, value: Value)] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(key: Key) -> Value? {
        items.first { $0.key == key }?.value
    }

    /// Keeps `value`, forgetting the oldest when full.
    mutating func insert(_ value: Value, for key: Key) {
        if items.count < capacity {
            items.append((key, value))
        } else {
            items[next] = (key, value)
            next = (next + 1) % capacity
        }
    }
}
