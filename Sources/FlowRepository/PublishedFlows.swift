import CallFlow
import Foundation
import Git

/// One published version of a flow: the annotated tag `published/<id>/v<N>` on a save.
public struct PublishedVersion: Sendable, Equatable {
    public var number: Int
    public var commit: String
    public var tag: String
    public var publisher: Person?
    public var message: String
}

/// What the phone system runs for a flow: its live version (the highest published number), and
/// how many saves the draft (the branch tip) is ahead of it.
public struct LiveState: Sendable, Equatable {
    public var live: PublishedVersion?
    public var savesBehind: Int
}

/// What is published of flows, read from their tags without a lock: each flow's versions, and
/// which is live. A value over the reader, as `FlowHistory` is.
public struct PublishedFlows {
    let reader: FlowReader

    public init(_ reader: FlowReader) {
        self.reader = reader
    }

    /// Flow `id`'s published versions, oldest first.
    public func publishedVersions(_ id: String) throws -> [PublishedVersion] {
        try allPublishedVersions(prefix: FlowLayout.publishedPrefix(id))[id] ?? []
    }

    /// Every flow's published versions, oldest first, by flow id: the tags read once.
    private func allPublishedVersions(prefix: String = "published/") throws -> [String: [PublishedVersion]] {
        var versions: [String: [PublishedVersion]] = [:]
        for tag in try gitCall({ try reader.git.tags(withPrefix: prefix) }) {
            let parts = tag.name.split(separator: "/")
            guard parts.count == 3, parts[2].hasPrefix("v"), let number = Int(parts[2].dropFirst()), number > 0 else {
                continue
            }
            versions[String(parts[1]), default: []].append(
                PublishedVersion(
                    number: number, commit: tag.target.description, tag: tag.name,
                    publisher: tag.tagger.map(Person.init), message: tag.message))
        }
        return versions.mapValues { $0.sorted { $0.number < $1.number } }
    }

    /// The live state of each of `ids`, the published tags read once for all of them.
    public func liveStates(_ ids: [String]) throws -> [String: LiveState] {
        let versions = try allPublishedVersions()
        return try Dictionary(
            uniqueKeysWithValues: ids.map { id in (id, try liveState(id, versions: versions[id] ?? [])) })
    }

    /// The live version of flow `id` and how far its draft has moved on from it.
    public func liveState(_ id: String) throws -> LiveState {
        try liveState(id, versions: try publishedVersions(id))
    }

    private func liveState(_ id: String, versions: [PublishedVersion]) throws -> LiveState {
        guard let live = versions.last, let tip = try reader.refs.tip(id) else {
            return LiveState(live: nil, savesBehind: 0)
        }
        var behind = 0
        for commit in try gitCall({ try History(repository: reader.git, start: tip) }) {
            if commit.description == live.commit { break }
            behind += 1
        }
        return LiveState(live: live, savesBehind: behind)
    }
}
