import CallFlow
import Foundation
import Git

/// Something flowctl set aside instead of losing it: a deleted flow's branch, or edits that
/// `cancel` discarded. Kept as refs under `refs/flowctl/` (never pushed by default), named by
/// the flow and the time, and pruned by age.
public struct Discard: Sendable, Equatable {
    public var flowID: String
    public var time: Date
    public var reference: String
    public var commit: String
    /// The flow's name then, when it could be read.
    public var name: String?
}

/// Discards: what flowctl sets aside instead of losing it (deleted flows, edits `cancel`
/// threw away), and bringing them back. Changes go through its writer.
public struct FlowDiscards {
    let writer: FlowWriter

    public init(_ writer: FlowWriter) {
        self.writer = writer
    }

    var git: Repository { writer.git }

    /// How long discards are kept: deleted flows for 90 days, discarded edits for 30.
    static let keepDeleted: TimeInterval = 90 * 86_400
    static let keepDiscarded: TimeInterval = 30 * 86_400

    // MARK: Deleted flows

    /// Deletes flow `id` recoverably: its branch goes, and `refs/flowctl/deleted/<id>/<time>`
    /// keeps its history (and `undelete` brings it back). Refuses the open flow.
    public func delete(_ id: String) throws -> Discard {
        try writer.withWriteLock("delete \(id)") {
            guard try writer.reader.openFlowID() != id else { throw WriteError.deletingOpenFlow(id) }
            try writer.reader.refs.requireLocal(id, for: "delete it")
            let tip = try writer.reader.refs.commitID(id, revision: nil)
            let reference = try newDiscardReference(FlowLayout.deletedPrefix, id)
            try writer.journal.perform(
                Transaction(
                    operation: "delete \(id)",
                    refs: [
                        Transaction.Ref(name: reference, before: nil, after: tip.description),
                        Transaction.Ref(name: FlowLayout.branch(id), before: tip.description, after: nil),
                    ]))
            try prune(FlowLayout.deletedPrefix, olderThan: Self.keepDeleted)
            return try discard(reference)!
        }
    }

    /// Deleted flows that can still be brought back, newest first.
    public func deletedFlows() throws -> [Discard] { try discards(FlowLayout.deletedPrefix) }

    /// Brings back the most recently deleted flow with id `id` (or whose name was `id`).
    public func undelete(_ reference: String) throws -> Discard {
        try writer.withWriteLock("undelete \(reference)") {
            let deleted = try deletedFlows()
            guard
                let found = deleted.first(where: { $0.flowID == reference })
                    ?? deleted.first(where: { $0.name?.lowercased() == reference.lowercased() })
            else { throw WriteError.notDeleted(reference, deleted: deleted.map(\.flowID)) }
            if try writer.reader.refs.tip(found.flowID) != nil { throw WriteError.idTaken(found.flowID) }
            try writer.journal.perform(
                Transaction(
                    operation: "undelete \(found.flowID)",
                    refs: [
                        Transaction.Ref(name: FlowLayout.branch(found.flowID), before: nil, after: found.commit),
                        Transaction.Ref(name: found.reference, before: found.commit, after: nil),
                    ]))
            return found
        }
    }

    // MARK: Discarded edits

    /// The reference that keeps the open flow's working files, as a commit on top of its tip,
    /// under `refs/flowctl/discarded/<id>/<time>`: part of the transaction by which `cancel`
    /// throws them away, so a failed cancel keeps nothing twice.
    func discardedEditsReference(_ id: String, tip: ObjectID, files: [(path: String, blob: ObjectID?)]) throws
        -> Transaction.Ref
    {
        let tipTree = try writer.reader.refs.tree(of: tip)
        let kept = try gitCall {
            try git.writeTree(
                base: tipTree, removing: files.map(\.path), adding: [:],
                addingBlobs: Dictionary(
                    uniqueKeysWithValues: files.compactMap { file in file.blob.map { (file.path, $0) } }))
        }
        let commit = try writer.commit(tree: kept, parents: [tip], message: "Edits of \(id) discarded by cancel")
        return Transaction.Ref(
            name: try newDiscardReference(FlowLayout.discardedPrefix, id), before: nil, after: commit.description)
    }

    func pruneDiscardedEdits() throws { try prune(FlowLayout.discardedPrefix, olderThan: Self.keepDiscarded) }

    /// The open flow's discarded edits that `cancel --undo` can bring back, newest first.
    public func discardedEdits() throws -> [Discard] {
        guard let id = try writer.reader.openFlowID() else { return [] }
        return try discards(FlowLayout.discardedPrefix).filter { $0.flowID == id }
    }

    /// Cancel --undo: puts the last discarded edits of the open flow back into its working files
    /// (unsaved again, as they were). Refuses while there are unsaved edits, which it would
    /// overwrite.
    public func undoCancel() throws -> Discard {
        try writer.withWriteLock("cancel --undo") {
            let id = try writer.reader.requireOpenFlowID()
            guard let last = try discardedEdits().first, let commit = ObjectID(hex: last.commit) else {
                throw WriteError.nothingDiscarded(flow: id)
            }
            try writer.requireNoUnsavedChanges(hint: "save or cancel them first: undo would overwrite them")
            let tip = try writer.reader.refs.openTip(id)
            let changes = try gitCall {
                try git.treeChanges(
                    from: try writer.reader.refs.tree(of: tip), to: try writer.reader.refs.tree(of: commit),
                    paths: FlowLayout.flowPathspecs)
            }
            let index = try gitCall { try git.indexEntries(changes.map(\.path)) }
            try writer.journal.perform(
                Transaction(
                    operation: "cancel --undo",
                    files: changes.map { change in
                        Transaction.File(
                            path: change.path, before: change.old?.id.description, after: change.new?.id.description,
                            indexBefore: index[change.path]?.description, indexAfter: index[change.path]?.description)
                    },
                    refs: [Transaction.Ref(name: last.reference, before: last.commit, after: nil)]))
            return last
        }
    }

    // MARK: Shared

    private func discards(_ prefix: String) throws -> [Discard] {
        try gitCall { try git.references(withPrefix: prefix) }.compactMap { try discard($0.name) }
            .sorted { $0.time > $1.time || ($0.time == $1.time && $0.reference > $1.reference) }
    }

    /// `refs/flowctl/<kind>/<id>/<seconds>[-<n>]` read back.
    private func discard(_ reference: String) throws -> Discard? {
        let parts = reference.split(separator: "/")
        guard parts.count == 5, let target = try gitCall({ try git.referenceTarget(reference) }),
            let seconds = TimeInterval(parts[4].split(separator: "-")[0])
        else { return nil }
        let name = try? writer.decoder.partialFlow(.tree(try writer.reader.refs.tree(of: target)), blocks: []).main.name
        return Discard(
            flowID: String(parts[3]), time: Date(timeIntervalSince1970: seconds), reference: reference,
            commit: target.description, name: name)
    }

    private func newDiscardReference(_ prefix: String, _ id: String) throws -> String {
        let base = prefix + id + "/" + String(Int(Date().timeIntervalSince1970))
        var reference = base
        var number = 2
        while try gitCall({ try git.referenceTarget(reference) }) != nil {
            reference = base + "-\(number)"
            number += 1
        }
        return reference
    }

    private func prune(_ prefix: String, olderThan age: TimeInterval) throws {
        let limit = Date().addingTimeInterval(-age)
        for old in try discards(prefix) where old.time < limit {
            if let commit = ObjectID(hex: old.commit) {
                try gitCall { try git.deleteReference(old.reference, expected: commit) }
            }
        }
    }
}
