import Foundation
import Git

/// A change another flowctl command has begun and not finished: its journal is there, and it
/// cannot be finished now (its writer is at work, or stopped, or a git lock is in the way).
public struct ChangeInProgress: Sendable, Equatable {
    /// What the user ran ("cancel", "open b").
    public var operation: String
    /// Why it cannot be finished now.
    public var reason: String
}

/// Readers never see half a change: opening one finishes a journal left behind (see `Journal`)
/// when it can; when a writer is at work it waits a moment for it; when the change still cannot
/// be finished, the reader reads the state from before it, as the journal records it: each ref
/// it moves at its old commit, HEAD on its old branch, and the open flow's files as last saved
/// (the working tree, part way between two states, is not read). Writers finish or undo it
/// first, under the lock, or say what is in the way.
extension ChangeInProgress {
    /// How long a reader waits for a writer at work to finish its change.
    static let writerWait: TimeInterval = 1

    /// Recovers what `journal` holds, or waits for its writer, or works out the state from
    /// before its change: the note of what was recovered, or the change still in progress.
    static func recoverOrWait(_ journal: Journal) -> (note: String?, pending: ChangeInProgress?) {
        let deadline = Date().addingTimeInterval(writerWait)
        while true {
            do {
                if let note = try journal.recoverIfUnlocked() { return (note, nil) }
            } catch {
                return (nil, ChangeInProgress(journal, reason: "\(error)"))
            }
            guard FileManager.default.fileExists(atPath: journal.journalPath) else { return (nil, nil) }
            guard Date() < deadline else {
                return (nil, ChangeInProgress(journal, reason: "another flowctl command is at work on it"))
            }
            usleep(10_000)
        }
    }

    private init(_ journal: Journal, reason: String) {
        let transaction = try? journal.pendingTransaction()
        self.init(operation: transaction?.operation ?? "unknown", reason: reason)
    }
}

extension FlowReader {
    /// Points this reader at the state from before the journal's change (see above).
    func readStateBefore(_ journal: Journal) throws {
        if let transaction = try? journal.pendingTransaction() {
            var pinned: [String: ObjectID?] = [:]
            for ref in transaction.refs where pinned[ref.name] == nil {
                pinned[ref.name] = ref.before.flatMap(ObjectID.init(hex:))
            }
            refs.pinned = pinned
            // No branch before and one after: HEAD was detached (or there was no HEAD yet).
            refs.pinnedHead = transaction.headBefore ?? (transaction.headAfter == nil ? nil : "")
        }
        decoder.workingTreeStandIn = .tree(nil)
        if let id = try openFlowID(), let tip = try refs.tip(id) {
            decoder.workingTreeStandIn = .tree(try refs.tree(of: tip))
        }
    }

    /// Reads the repository as it is again: a writer holding the lock has just finished or
    /// undone the change in progress.
    func readCurrentState() {
        refs.pinned = [:]
        refs.pinnedHead = nil
        decoder.workingTreeStandIn = nil
        changeInProgress = nil
    }
}
