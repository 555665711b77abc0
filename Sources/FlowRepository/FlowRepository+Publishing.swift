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

extension FlowRepository {
    static func publishedPrefix(_ id: String) -> String { "published/\(id)/v" }

    /// Flow `id`'s published versions, oldest first.
    public func publishedVersions(_ id: String) throws -> [PublishedVersion] {
        try allPublishedVersions(prefix: Self.publishedPrefix(id))[id] ?? []
    }

    /// Every flow's published versions, oldest first, by flow id: the tags read once.
    private func allPublishedVersions(prefix: String = "published/") throws -> [String: [PublishedVersion]] {
        var versions: [String: [PublishedVersion]] = [:]
        for tag in try gitCall({ try git.tags(withPrefix: prefix) }) {
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
        guard let live = versions.last, let tip = try tip(id) else {
            return LiveState(live: nil, savesBehind: 0)
        }
        var behind = 0
        for commit in try gitCall({ try History(repository: git, start: tip) }) {
            if commit.description == live.commit { break }
            behind += 1
        }
        return LiveState(live: live, savesBehind: behind)
    }

    /// Publish: makes flow `id`'s last save its live version, `v<N+1>`. Refuses while the flow
    /// has unsaved edits or `validate` finds errors in it (listing them), and does nothing when
    /// the last save is live already (nil). The lock keeps two publishes here from racing; the
    /// tag is created only if absent, so none is ever replaced.
    public func publish(_ id: String, message: String?) throws -> PublishedVersion? {
        try withWriteLock("publish \(id)") {
            try requireLocal(id, for: "publish it")
            if try openFlowID() == id {
                try requireNoUnsavedChanges(hint: "save them first: publish makes the last save live")
            }
            let errors = try validate(id).filter { $0.severity == .error }
            guard errors.isEmpty else { throw FlowError.notPublishable(flow: id, errors: errors.map(\.description)) }
            let tip = try commitID(id, revision: nil)
            let versions = try publishedVersions(id)
            if versions.last?.commit == tip.description { return nil }
            let name = try savedFlow(id).main.name
            return try tagVersion(
                id, number: (versions.last?.number ?? 0) + 1, on: tip,
                message: message ?? "Publish \(name) v\((versions.last?.number ?? 0) + 1)")
        }
    }

    /// Publish --rollback: makes published version `number` (default: the one before the live
    /// one) live again, as a new version on its save; the draft is not touched. Nil when that
    /// save is live already.
    public func republish(_ id: String, version number: Int?, message: String?) throws -> PublishedVersion? {
        try withWriteLock("publish --rollback") {
            try requireLocal(id, for: "publish it")
            let versions = try publishedVersions(id)
            guard let live = versions.last else { throw FlowError.nothingPublished(flow: id) }
            let wanted = number ?? versions.dropLast().last?.number
            guard let wanted, let old = versions.first(where: { $0.number == wanted }) else {
                throw FlowError.noSuchVersion(flow: id, version: number, known: versions.map(\.number))
            }
            guard let commit = ObjectID(hex: old.commit) else { throw FlowError.nothingPublished(flow: id) }
            if old.commit == live.commit { return nil }
            return try tagVersion(
                id, number: live.number + 1, on: commit,
                message: message ?? "Roll the live version back to v\(old.number)")
        }
    }

    private func tagVersion(_ id: String, number: Int, on commit: ObjectID, message: String) throws -> PublishedVersion
    {
        let tag = Self.publishedPrefix(id) + String(number)
        let tagger = try gitCall { try git.identity(for: .committer, environment: environment) }
        do {
            try git.createTag(
                tag, on: commit, tagger: tagger, message: message.hasSuffix("\n") ? message : message + "\n")
        } catch let error as GitError where error.code == .exists {
            throw FlowError.versionTaken(tag: tag)
        } catch let error as GitError {
            throw FlowError.git(error)
        }
        return PublishedVersion(
            number: number, commit: commit.description, tag: tag, publisher: Person(tagger), message: message)
    }
}
