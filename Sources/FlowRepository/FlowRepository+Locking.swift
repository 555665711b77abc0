import Foundation
import Git

/// A git lock file that a failing call may have run into, for the message.
enum GitLockFile {
    case index, head
    case reference(String)
}

extension FlowRepository {
    /// How long a writer waits for another to finish before giving up: a few seconds, as edits
    /// are quick; `FLOWCTL_LOCK_TIMEOUT` (seconds) overrides it.
    var lockTimeout: Double {
        environment["FLOWCTL_LOCK_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 5
    }

    /// Runs `body` as the repository's one writer: holding the lock, after removing what a killed
    /// writer left (temporary files) and finishing its interrupted transaction.
    /// `allowedInMerge`: the operation is one that settles or ends flowctl's own merge in
    /// progress (an edit, resolve, save, cancel); any other waits for the merge to end.
    func withWriteLock<T>(_ operation: String, allowedInMerge: Bool = false, _ body: () throws -> T) throws -> T {
        if isBare { throw FlowError.bareRepository(path: git.gitDirectory) }
        return try lock.withLock(timeout: lockTimeout, command: "flowctl \(operation)") {
            try repairAfterCrash()
            // A save now would be a one-parent commit that drops the other side, a switch would
            // carry conflicted files to another flow: git's own operation has to end first.
            if let inProgress = git.operationInProgress {
                guard inProgress == .merge, let merge = mergeState() else {
                    throw FlowError.operationInProgress(inProgress)
                }
                if !allowedInMerge { throw FlowError.flowctlMergeInProgress(flow: merge.flow, operation: operation) }
            }
            return try body()
        }
    }

    /// For any command, reading ones included: when a killed writer left a transaction half done
    /// and no writer holds the lock now, finishes it (taking the lock for that moment only), so no
    /// command ever shows a half-switched flow. Returns what it did, for a note.
    public func recoverIfInterrupted() throws -> String? {
        guard FileManager.default.fileExists(atPath: journalPath) else { return nil }
        guard git.workdir != nil, try lock.tryAcquire(command: "flowctl (recovering)") else { return nil }
        defer { lock.release() }
        return try repairAfterCrash()
    }

    @discardableResult
    private func repairAfterCrash() throws -> String? {
        WorkingFiles(root: root).removeStaleTemporaries()
        return try recoverInterruptedTransaction()
    }

    /// Runs a git-layer call that may meet one of git's own lock files; a lock that is there is
    /// named, with how to tell whether it is stale and remove it.
    func gitCallNamingLock<T>(_ file: GitLockFile, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError {
            let lockPath: String
            switch file {
            case .index: lockPath = git.gitDirectory + "index.lock"
            case .head: lockPath = git.gitDirectory + "HEAD.lock"
            case .reference(let name): lockPath = git.commonDirectory + name + ".lock"
            }
            if FileManager.default.fileExists(atPath: lockPath) { throw FlowError.gitLockHeld(path: lockPath) }
            throw FlowError.git(error)
        }
    }
}

extension FlowRepository {
    /// git's operation in progress (a merge, rebase, cherry-pick, revert, bisect or am), as
    /// `status` shows it: what it is, and how to finish or abort it. Writing commands refuse while
    /// one is.
    public var operationInProgress: (name: String, message: String)? {
        git.operationInProgress.map { ($0.name, FlowError.operationInProgress($0).description) }
    }
}
