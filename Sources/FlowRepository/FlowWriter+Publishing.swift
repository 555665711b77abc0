import CallFlow
import Foundation
import Git

extension FlowWriter {
    /// Publish: makes flow `id`'s last save its live version, `v<N+1>`. Refuses while the flow
    /// has unsaved edits or `validate` finds errors in it (listing them), and does nothing when
    /// the last save is live already (nil). The lock keeps two publishes here from racing; the
    /// tag is created only if absent, so none is ever replaced.
    public func publish(_ id: String, message: String?) throws -> PublishedVersion? {
        try withWriteLock("publish \(id)") {
            try reader.refs.requireLocal(id, for: "publish it")
            if try reader.openFlowID() == id {
                try requireNoUnsavedChanges(hint: "save them first: publish makes the last save live")
            }
            let errors = try FlowChecks(reader).validate(id).filter { $0.severity == .error }
            guard errors.isEmpty else { throw WriteError.notPublishable(flow: id, errors: errors.map(\.description)) }
            let tip = try reader.refs.commitID(id, revision: nil)
            let versions = try PublishedFlows(reader).publishedVersions(id)
            if versions.last?.commit == tip.description { return nil }
            let name = try reader.savedFlow(id).main.name
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
            try reader.refs.requireLocal(id, for: "publish it")
            let versions = try PublishedFlows(reader).publishedVersions(id)
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
        let tagger = try gitCall { try git.identity(for: .committer, environment: reader.environment) }
        do {
            try git.createTag(
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
