import CallFlow
import Foundation
import Git

/// Where a transaction stands when it is applied in one direction.
enum TransactionDirection {
    case forward, backward
}

/// The journal of the transaction under way in a worktree, `flowctl/journal.json` in its git
/// folder, and what applies a transaction: every change of the working files, the index, refs
/// and HEAD goes through `perform`, and a journal a killed writer left is finished by `recover`
/// (which opening a `FlowWriter` or a `FlowReader` runs).
final class Journal {
    let git: Repository
    let root: URL
    /// Called after a transaction's journal is written, before anything else changes: tests move
    /// the branch here to prove the compare-and-swap, or stop here to leave a journal behind. Set
    /// only by the test initializer `FlowWriter(reader:beforeBranchUpdate:)`.
    let beforeBranchUpdate: (() throws -> Void)?
    /// Called once a transaction's steps are applied, before `perform`'s `end` and the journal's
    /// removal: tests copy the repository here, as a kill at that moment leaves it.
    var afterSteps: ((Transaction) -> Void)?
    /// Told of what went wrong after a transaction was done (its journal not removed, a git lock
    /// left): the change stands, so the command succeeds, with a warning (see `FlowWriter.warn`).
    var warn: (String) -> Void = { _ in }

    init(git: Repository, root: URL, beforeBranchUpdate: (() throws -> Void)? = nil) {
        self.git = git
        self.root = root
        self.beforeBranchUpdate = beforeBranchUpdate
    }

    /// The journal of the transaction under way in this worktree.
    var journalPath: String { FlowLayout.flowctlDirectory(git) + "journal.json" }

    /// Applies `transaction`: journal first, then files, index, refs and HEAD, then `end` (what
    /// belongs with it outside the steps) before the journal goes. On any failure it is undone
    /// (backward) and the error rethrown; if even the undo fails, the journal stays and the next
    /// command finishes the undo (see `recoverInterruptedTransaction`).
    func perform(_ transaction: Transaction, end: () throws -> Void = {}) throws {
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
            afterSteps?(transaction)
            try end()
        } catch {
            transaction.undoing = true
            do {
                try writeJournal(transaction)
                // Undo what was done: every step before the failing one, and the failing one too
                // when it may have done part of its work (several files, several refs).
                let failed = Self.steps[started - 1]
                let undo = Self.steps.prefix(started - 1) + (failed.isAtomic ? [] : [failed])
                for step in undo.reversed() { try apply(step, of: transaction, .backward) }
                if transaction.startsMerge == true { MergeRecord(git: git).clear() }
                try removeJournal()
            } catch let undoError {
                throw WriteError.undoFailed(operation: transaction.operation, cause: "\(error)", undo: "\(undoError)")
            }
            throw error
        }
        removeJournalOfDoneTransaction(transaction.operation)
    }

    /// Removes the journal of a transaction that is done. A failure there does not undo it: the
    /// command has done what was asked, says so with a warning, and the next command finds the
    /// journal, applies it again (all of it is there already) and removes it.
    private func removeJournalOfDoneTransaction(_ operation: String) {
        do {
            try removeJournal()
        } catch {
            warn(
                "'\(operation)' is done, but its journal could not be removed (\(error)); the next flowctl command removes it"
            )
        }
    }

    /// Finishes what a killed writer left: its temporary files, and its transaction (see
    /// `recoverInterruptedTransaction`). The caller holds the lock.
    @discardableResult
    func recover() throws -> String? {
        WorkingFiles(root: root).removeStaleTemporaries()
        removeStaleObjectTemporaries()
        return try recoverInterruptedTransaction()
    }

    /// Removes the temporary object files (`objects/tmp_object_git2_*`) a killed writer's libgit2
    /// left (git names its own `tmp_obj_*`). Only those a minute old: a command that writes
    /// objects without the lock (a merge driver git runs) may be writing one now.
    private func removeStaleObjectTemporaries() {
        let objects = git.commonDirectory + "objects/"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: objects) else { return }
        let now = time(nil)
        for name in names where name.hasPrefix("tmp_object_git2_") {
            var info = stat()
            if lstat(objects + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG, now - info.st_mtim.tv_sec >= 60 {
                unlink(objects + name)
            }
        }
    }

    /// `recover`, when a journal is there and no writer holds the lock now (taking it for that
    /// moment only, never waiting for it); nil when there was nothing to do or a writer is at
    /// work, which finishes it itself.
    func recoverIfUnlocked(_ lock: RepositoryLock? = nil) throws -> String? {
        guard FileManager.default.fileExists(atPath: journalPath), git.workdir != nil else { return nil }
        let lock = lock ?? RepositoryLock(gitCommonDirectory: git.commonDirectory)
        guard try lock.tryAcquire(command: "flowctl (recovering)") else { return nil }
        defer { lock.release() }
        return try recover()
    }

    /// Finishes a transaction that a killed or failed command left in its journal: forward (the
    /// user asked for it), or backward when it was being undone or can no longer go forward (a
    /// reference moved meanwhile). Returns what was done, for a note; nil when there was nothing.
    func recoverInterruptedTransaction() throws -> String? {
        guard let transaction = try pendingTransaction() else { return nil }
        // A merge's files are undone, not finished: only the pull knows the conflicts to record.
        if !transaction.undoing && transaction.startsMerge != true {
            do {
                try apply(transaction, .forward)
                try removeJournal()
                return "finished the interrupted '\(transaction.operation)'"
            } catch {
                // Falls through to undoing it.
            }
        }
        do {
            try apply(transaction, .backward)
        } catch WriteError.gitLockHeld(let lock) {
            throw WriteError.interruptedChangeBlocked(operation: transaction.operation, lock: lock)
        }
        if transaction.startsMerge == true { MergeRecord(git: git).clear() }
        try removeJournal()
        return "undid the interrupted '\(transaction.operation)'"
    }

    /// The transaction the journal holds, checked (see `JournalCheck`); nil when there is none.
    func pendingTransaction() throws -> Transaction? {
        do {
            guard let bytes = try JournalCheck.read(journalPath) else { return nil }
            return try JournalCheck.transaction(from: bytes)
        } catch {
            // A journal is renamed into place whole, so this is not ours or was damaged by hand.
            throw WriteError.damagedJournal(path: journalPath, reason: "\(error)")
        }
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

    func apply(_ step: Step, of transaction: Transaction, _ direction: TransactionDirection) throws {
        let forward = direction == .forward
        switch step {
        case .files: try applyFiles(transaction.files, direction)
        case .index: try applyIndex(transaction.files, direction)
        case .refs: try applyRefs(forward ? transaction.refs : transaction.refs.reversed(), direction)
        case .head:
            if forward { try applyHead(transaction.headAfter) } else { try undoHead(transaction) }
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
            throw WriteError.gitLockHeld(path: held)
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
            // Any file of the tree (what a pull brought): flow files' rules are not for this.
            let current = try working.readRegularFile(file.path, limit: .max)
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
            throw WriteError.branchMoved(branch: name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name)
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
        // libgit2 ignores a failure to remove the lock (an I/O error): the move is done, but the
        // lock would stop every writer, so it is named now rather than at the next command.
        let lock = git.commonDirectory + name + ".lock"
        if FileManager.default.fileExists(atPath: lock) {
            warn(
                "\(name) was moved, but its lock \(lock) was left behind; if no git process is running, remove it ('rm \(lock)')"
            )
        }
    }

    private func applyHead(_ branch: String?) throws {
        guard let branch, try gitCall({ try git.headBranch() }) != branch else { return }
        try gitCallNamingLock(.head) { try git.setHead(branch) }
    }

    /// HEAD back where it was: its branch, or the commit it was detached at (the branch it
    /// points at now may be one the undo removes).
    private func undoHead(_ transaction: Transaction) throws {
        guard transaction.headBefore == nil, let commit = transaction.detachedBefore.flatMap(ObjectID.init(hex:)) else {
            return try applyHead(transaction.headBefore)
        }
        guard try gitCall({ try git.headBranch() }) != nil else { return }
        try gitCallNamingLock(.head) { try git.detachHead(at: commit) }
    }

    // MARK: The journal

    func writeJournal(_ transaction: Transaction) throws {
        try FileWriting.atomically(Array(transaction.journalText.utf8), to: journalPath, makingFolder: true)
    }

    private func removeJournal() throws {
        guard unlink(journalPath) == 0 || errno == ENOENT else {
            throw FlowError.fileSystem(path: journalPath, reason: String(cString: strerror(errno)))
        }
    }
}
