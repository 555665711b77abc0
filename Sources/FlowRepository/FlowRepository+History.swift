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
