import CallFlow
import Foundation
import Git

/// A flow's saves as `log` and `blame` read them: newest first, along first parents, each
/// save's changes worked out from the flow files that differ from its parent's. Reads only.
public struct FlowHistory {
    let reader: FlowReader

    public init(_ reader: FlowReader) {
        self.reader = reader
    }

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
        let start = try reader.refs.commitID(id, revision: revision)
        try reader.git.readingOnce { try walkSaves(from: start, limit: limit, filter: filter, body) }
    }

    private func walkSaves(
        from start: ObjectID, limit: Int?, filter: HistoryFilter, _ body: (SaveInfo) throws -> Void
    ) throws {
        var shown = 0
        var filter = filter
        // Along first parents (flowctl never merges but for pull, whose first parent is the
        // flow's own line), each commit read once: as the parent of one save, then as the next.
        var next: CommitInfo? = try gitCall { try reader.git.commit(start) }
        var read = 0
        let shallow = shallowBoundary()
        while let commit = next {
            if let limit, shown >= limit { break }
            try reader.decoder.releaseCaches(afterReading: read)
            read += 1
            // In a shallow clone, history ends where the clone's does, as `git log` shows it.
            let parent =
                shallow.contains(commit.id)
                ? nil : try commit.parents.first.map { id in try gitCall { try reader.git.commit(id) } }
            next = parent
            if let until = filter.until, commit.committer.date > until { continue }
            if let since = filter.since, commit.committer.date < since { break }  // older ones too
            reader.decoder.startDecodingGeneration()
            var changes: [FlowChange] = []
            var problem: FlowFileError?
            do {
                changes = try reader.decoder.changes(from: parent?.tree, to: .tree(commit.tree))
            } catch let error as FlowFileError {
                problem = error
            }
            var save = SaveInfo(
                commit: commit.id.description,
                parents: commit.parents.map(\.description),
                author: Person(commit.author),
                message: commit.message,
                changes: changes,
                copiedFrom: Self.copiedFrom(commit.message),
                problem: problem)
            if changes.isEmpty, problem == nil, let parent {
                save.unchangedFlow = try reader.decoder.unchangedFlow(from: parent.tree, to: commit.tree)
            }
            if filter.keeps(save) {
                shown += 1
                try body(save)
            }
        }
    }

    static func copiedFrom(_ message: String) -> String? {
        // Most messages have no trailer: a search of their bytes says so without splitting them.
        var (message, trailer) = (message, FlowLayout.copiedFromTrailer)
        let mentioned = message.withUTF8 { bytes in
            trailer.withUTF8 { needle in
                (0..<max(bytes.count - needle.count + 1, 0)).contains { start in
                    bytes[start] == needle[0]
                        && memcmp(bytes.baseAddress! + start, needle.baseAddress!, needle.count) == 0
                }
            }
        }
        guard mentioned else { return nil }
        return message.split(separator: "\n").last { $0.hasPrefix(FlowLayout.copiedFromTrailer) }
            .map { String($0.dropFirst(FlowLayout.copiedFromTrailer.count)).trimmingCharacters(in: .whitespaces) }
    }

    /// The commit ids of flow `id`'s last `limit` saves, newest first, without reading what they
    /// changed: for completions, which must answer at once.
    public func recentSaveIDs(_ id: String, limit: Int) throws -> [String] {
        let start = try reader.refs.commitID(id, revision: nil)
        let walk = try gitCall { try History(repository: reader.git, start: start) }
        return walk.prefix(limit).map(\.description)
    }
}

extension FlowHistory {
    /// The commits a shallow clone has without their parents (git's `shallow` file), whose
    /// parents are not there to read: none in a full clone.
    func shallowBoundary() -> Set<ObjectID> {
        guard let text = try? String(contentsOfFile: reader.git.commonDirectory + "shallow", encoding: .utf8) else {
            return []
        }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
    }
}
