import CallFlow
import Foundation
import Git

/// Publishing, on the write side: a flow's save made its live version as an annotated tag
/// `published/<id>/v<N>`, under the writer's lock. `PublishedFlows` reads what is published.
public struct FlowPublisher {
    let writer: FlowWriter

    public init(_ writer: FlowWriter) {
        self.writer = writer
    }

    /// Publish: makes flow `id`'s last save its live version, `v<N+1>`. Refuses while the flow
    /// has unsaved edits or `validate` finds errors in it (listing them), and does nothing when
    /// the last save is live already (nil). The lock keeps two publishes here from racing; the
    /// tag is created only if absent, so none is ever replaced.
    public func publish(_ id: String, message: String?) throws -> PublishedVersion? {
        try writer.withWriteLock("publish \(id)") {
            try writer.reader.refs.requireLocal(id, for: "publish it")
            if try writer.reader.openFlowID() == id {
                try writer.requireNoUnsavedChanges(hint: "save them first: publish makes the last save live")
            }
            let errors = try FlowChecks(writer.reader).validate(id).filter { $0.severity == .error }
            guard errors.isEmpty else { throw WriteError.notPublishable(flow: id, errors: errors.map(\.description)) }
            let tip = try writer.reader.refs.commitID(id, revision: nil)
            let versions = try PublishedFlows(writer.reader).publishedVersions(id)
            if versions.last?.commit == tip.description { return nil }
            let name = try writer.reader.savedFlow(id).main.name
            return try tagVersion(
                id, number: (versions.last?.number ?? 0) + 1, on: tip,
                message: message ?? "Publish \(name) v\((versions.last?.number ?? 0) + 1)")
        }
    }

    /// Publish --rollback: makes published version `number` (default: the one before the live
    /// one) live again, as a new version on its save; the draft is not touched. Nil when that
    /// save is live already.
    public func republish(_ id: String, version number: Int?, message: String?) throws -> PublishedVersion? {
        try writer.withWriteLock("publish --rollback") {
            try writer.reader.refs.requireLocal(id, for: "publish it")
            let versions = try PublishedFlows(writer.reader).publishedVersions(id)
            guard let live = versions.last else { throw FlowError.nothingPublished(flow: id) }
            let wanted = number ?? versions.dropLast().last?.number
            guard let wanted, let old = versions.first(where: { $0.number == wanted }) else {
                throw WriteError.noSuchVersion(flow: id, version: number, known: versions.map(\.number))
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
        let tag = FlowLayout.publishedPrefix(id) + String(number)
        let tagger = try gitCall { try writer.git.identity(for: .committer, environment: writer.reader.environment) }
        do {
            try writer.git.createTag(
                tag, on: commit, tagger: tagger, message: message.hasSuffix("\n") ? message : message + "\n")
        } catch let error as GitError where error.code == .exists {
            throw WriteError.versionTaken(tag: tag)
        } catch let error as GitError {
            throw FlowError.git(error)
        }
        return PublishedVersion(
            number: number, commit: commit.description, tag: tag, publisher: Person(tagger), message: message)
    }
}
