import CallFlow
import Foundation
import Git

/// A change of the working files, the index, refs and HEAD that happens completely or not at all.
///
/// It is written to a journal before anything changes. Each step sets its part to the state the
/// transaction wants, whatever part of it is already there, so the same transaction can be
/// applied again after a crash (forward), or backward to undo it. Files are written to temporary
/// files first and renamed into place, so no file is ever seen half written.
struct Transaction: Codable, Equatable {
    /// One path of the working tree and the index: blob ids before and after (nil: no file).
    struct File: Codable, Equatable {
        var path: String
        var before: String?
        var after: String?
        var indexBefore: String?
        var indexAfter: String?
        var executableBefore = false
        var executableAfter = false
    }

    /// One reference moved by compare-and-swap: nil before creates it, nil after deletes it.
    struct Ref: Codable, Equatable {
        var name: String
        var before: String?
        var after: String?
    }

    /// What the user ran, for messages ("open b").
    var operation: String
    var files: [File] = []
    var refs: [Ref] = []
    var headBefore: String?
    var headAfter: String?
    /// The worktree's record of the commit its files came from (see `WorktreeBase`).
    var baseBefore: String?
    var baseAfter: String?
    /// Set once an undo has begun, so that recovery goes on undoing rather than redoing.
    var undoing = false
}

extension Transaction {
    /// The transaction as its journal holds it: JSON with the members JSONEncoder would write
    /// (sorted, nil left out), which JSONDecoder reads back. Written here: JSONEncoder cost a
    /// twentieth of a save that changes every block, two thousand files.
    var journalText: String {
        func member(_ name: String, _ value: String?) -> String? { value.map { "\"\(name)\":" + JSONText.quoted($0) } }
        func member(_ name: String, _ flag: Bool) -> String { "\"\(name)\":\(flag)" }
        func object(_ members: [String?]) -> String { "{" + members.compactMap { $0 }.joined(separator: ",") + "}" }
        let files = files.map { file in
            object([
                member("after", file.after), member("before", file.before),
                member("executableAfter", file.executableAfter), member("executableBefore", file.executableBefore),
                member("indexAfter", file.indexAfter), member("indexBefore", file.indexBefore),
                member("path", file.path),
            ])
        }
        let refs = refs.map { ref in
            object([member("after", ref.after), member("before", ref.before), member("name", ref.name)])
        }
        return object([
            member("baseAfter", baseAfter), member("baseBefore", baseBefore),
            "\"files\":[" + files.joined(separator: ",") + "]", member("headAfter", headAfter),
            member("headBefore", headBefore), member("operation", operation),
            "\"refs\":[" + refs.joined(separator: ",") + "]", member("undoing", undoing),
        ])
    }
}

/// Where a transaction stands when it is applied in one direction.
enum TransactionDirection {
    case forward, backward
}

extension FlowRepository {
    /// The journal of the transaction under way in this worktree.
    var journalPath: String { flowctlDirectory + "journal.json" }

    /// flowctl's own files inside this worktree's git folder.
    var flowctlDirectory: String { git.gitDirectory + "flowctl/" }

    /// Applies `transaction`: journal first, then files, index, refs and HEAD. On any failure it
    /// is undone (backward) and the error rethrown; if even the undo fails, the journal stays and
    /// the next command finishes the undo (see `recoverInterruptedTransaction`).
    func perform(_ transaction: Transaction) throws {
        try requireNoGitLocks(for: transaction)
        var transaction = transaction
        try writeJournal(transaction)
        var started = 0
        do {
            try beforeBranchUpdate?()
            for step in Self.steps {
                started += 1
                try apply(step, of: transaction, .forward)
            }
        } catch {
            transaction.undoing = true
            do {
                try writeJournal(transaction)
                // Undo what was done: every step before the failing one, and the failing one too
                // when it may have done part of its work (several files, several refs).
                let failed = Self.steps[started - 1]
                let undo = Self.steps.prefix(started - 1) + (failed.isAtomic ? [] : [failed])
                for step in undo.reversed() { try apply(step, of: transaction, .backward) }
                try removeJournal()
            } catch let undoError {
                throw FlowError.undoFailed(operation: transaction.operation, cause: "\(error)", undo: "\(undoError)")
            }
            throw error
        }
        try removeJournal()
    }

    /// Finishes a transaction that a killed or failed command left in its journal: forward (the
    /// user asked for it), or backward when it was being undone or can no longer go forward (a
    /// reference moved meanwhile). Returns what was done, for a note; nil when there was nothing.
    func recoverInterruptedTransaction() throws -> String? {
        guard let data = FileManager.default.contents(atPath: journalPath) else { return nil }
        guard let transaction = try? JSONDecoder().decode(Transaction.self, from: data) else {
            // A journal is renamed into place whole, so this is not ours or was damaged by hand.
            throw FlowError.damagedJournal(path: journalPath)
        }
        if !transaction.undoing {
            do {
                try apply(transaction, .forward)
                try removeJournal()
                return "finished the interrupted '\(transaction.operation)'"
            } catch {
                // Falls through to undoing it.
            }
        }
        try apply(transaction, .backward)
        try removeJournal()
        return "undid the interrupted '\(transaction.operation)'"
    }

    /// The parts of a transaction, in the order they are applied.
    enum Step: CaseIterable {
        case files, index, refs, head, base

        /// Whether the step changes everything or nothing (one file renamed into place).
        var isAtomic: Bool { self != .files && self != .refs }
    }

    static let steps = Step.allCases

    private func apply(_ transaction: Transaction, _ direction: TransactionDirection) throws {
        let steps = direction == .forward ? Self.steps : Self.steps.reversed()
        for step in steps { try apply(step, of: transaction, direction) }
    }

    private func apply(_ step: Step, of transaction: Transaction, _ direction: TransactionDirection) throws {
        let forward = direction == .forward
        switch step {
        case .files: try applyFiles(transaction.files, direction)
        case .index: try applyIndex(transaction.files, direction)
        case .refs: try applyRefs(forward ? transaction.refs : transaction.refs.reversed(), direction)
        case .head: try applyHead(forward ? transaction.headAfter : transaction.headBefore)
        // The base is a safety record, not the user's state: a save is not undone for it.
        case .base: try? writeBase(forward ? transaction.baseAfter : transaction.baseBefore)
        }
    }

    /// Fails, before anything changes, when one of git's lock files that the transaction needs is
    /// there: a git command at work, or one that crashed.
    private func requireNoGitLocks(for transaction: Transaction) throws {
        var locks: [String] = []
        if !transaction.files.isEmpty { locks.append(git.gitDirectory + "index.lock") }
        if transaction.headAfter != nil { locks.append(git.gitDirectory + "HEAD.lock") }
        locks += transaction.refs.map { git.commonDirectory + $0.name + ".lock" }
        if let held = locks.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw FlowError.gitLockHeld(path: held)
        }
    }

    // MARK: Steps

    private func applyFiles(_ files: [Transaction.File], _ direction: TransactionDirection) throws {
        let working = WorkingFiles(root: root)
        var writes: [String: (bytes: [UInt8], executable: Bool)] = [:]
        var removals: [String] = []
        for file in files {
            let wanted = direction == .forward ? file.after : file.before
            let executable = direction == .forward ? file.executableAfter : file.executableBefore
            let current = try working.readRegularFile(file.path)
            guard let wanted, let id = ObjectID(hex: wanted) else {
                if current != nil { removals.append(file.path) }
                continue
            }
            if let current, try ObjectID.blob(hashing: current) == id, working.isExecutable(file.path) == executable {
                continue
            }
            writes[file.path] = (try gitCall { try git.blobContents(id) }, executable)
        }
        try working.replace(writes, removing: removals)
    }

    private func applyIndex(_ files: [Transaction.File], _ direction: TransactionDirection) throws {
        guard !files.isEmpty else { return }
        let entries = files.map { file in
            let wanted = direction == .forward ? file.indexAfter : file.indexBefore
            let executable = direction == .forward ? file.executableAfter : file.executableBefore
            return (path: file.path, blob: wanted.flatMap(ObjectID.init(hex:)), executable: executable)
        }
        try gitCallNamingLock(.index) { try git.setIndexEntries(entries) }
    }

    private func applyRefs(_ refs: [Transaction.Ref], _ direction: TransactionDirection) throws {
        for ref in refs {
            let (expected, wanted) =
                direction == .forward ? (ref.before, ref.after) : (ref.after, ref.before)
            let from = expected.flatMap(ObjectID.init(hex:))
            // Backward, a reference this transaction never moved (someone else did) stays theirs.
            if direction == .backward, try gitCall({ try git.referenceTarget(ref.name) }) != from { continue }
            try moveReference(ref.name, from: from, to: wanted.flatMap(ObjectID.init(hex:)))
        }
    }

    /// Sets reference `name` to `wanted` (nil: deletes it) if it is at `expected`; does nothing if
    /// it is already at `wanted`; fails if it is anywhere else, as someone else moved it.
    func moveReference(_ name: String, from expected: ObjectID?, to wanted: ObjectID?) throws {
        let current = try gitCall { try git.referenceTarget(name) }
        if current == wanted { return }
        guard current == expected else {
            throw FlowError.branchMoved(branch: name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name)
        }
        try gitCallNamingLock(.reference(name)) {
            switch (expected, wanted) {
            case (nil, let wanted?): try git.createReference(name, at: wanted, message: "flowctl")
            case (let expected?, let wanted?):
                try git.updateReference(name, from: expected, to: wanted, message: "flowctl")
            case (let expected?, nil): try git.deleteReference(name, expected: expected)
            case (nil, nil): break
            }
        }
    }

    private func applyHead(_ branch: String?) throws {
        guard let branch, try gitCall({ try git.headBranch() }) != branch else { return }
        try gitCallNamingLock(.head) { try git.setHead(branch) }
    }

    // MARK: The journal

    private func writeJournal(_ transaction: Transaction) throws {
        try FileWriting.atomically(Array(transaction.journalText.utf8), to: journalPath, makingFolder: true)
    }

    private func removeJournal() throws {
        guard unlink(journalPath) == 0 || errno == ENOENT else {
            throw FlowError.fileSystem(path: journalPath, reason: String(cString: strerror(errno)))
        }
    }
}
