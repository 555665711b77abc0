import CallFlow
import Foundation
import Git

/// The write side: every change of flows, one writer at a time. Opening one finishes what a
/// killed writer left (its temporary files, its journal's transaction), so no caller can skip
/// recovery; `recoveryNote` says what it did. Each change then takes the repository lock for its
/// length (see `withWriteLock`) and applies itself as one `Transaction` through the journal.
/// Reading is its `reader`'s.
///
/// Use one instance from one thread: it owns libgit2 handles.
public final class FlowWriter {
    /// The read side over the same repository.
    public let reader: FlowReader
    /// The one-writer lock, shared by every worktree.
    let lock: RepositoryLock
    let journal: Journal
    /// What opening did to finish a killed writer's transaction, for a note; nil when nothing.
    public let recoveryNote: String?
    /// The command this writer works for (`set-main`), named to another writer kept waiting by
    /// the lock; without one, the operation under way (`edit`, `save`).
    public var commandName: String?

    /// A writer over `reader`'s repository, recovering first. `beforeBranchUpdate` is for tests
    /// only: it runs after each transaction's journal is written, before anything else changes.
    init(reader: FlowReader, beforeBranchUpdate: (() throws -> Void)? = nil) throws {
        self.reader = reader
        lock = RepositoryLock(gitCommonDirectory: reader.git.commonDirectory)
        journal = Journal(git: reader.git, root: reader.root, beforeBranchUpdate: beforeBranchUpdate)
        let recovered = try journal.recoverIfUnlocked(lock)
        recoveryNote = reader.recoveryNote ?? recovered
    }

    /// Called with a warning about a change that is done but whose clean-up failed (its journal
    /// left, a git lock left): the command still succeeds. Unset, warnings go nowhere.
    public var warn: (String) -> Void {
        get { journal.warn }
        set { journal.warn = newValue }
    }

    /// Opens the repository containing `path`, searching upwards as git does.
    public convenience init(
        discoveringFrom path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        try self.init(reader: try FlowReader(discoveringFrom: path, environment: environment))
    }

    /// Makes a repository at `path` (or reopens the one there, as `git init` does).
    public static func initialize(
        at path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FlowWriter {
        try FlowWriter(
            reader: try FlowReader(git: try gitCall { try Repository.create(at: path) }, environment: environment))
    }

    var git: Repository { reader.git }
    var root: URL { reader.root }
    var decoder: FlowDecoder { reader.decoder }

    /// How long a writer waits for another to finish before giving up: a few seconds, as edits
    /// are quick; `FLOWCTL_LOCK_TIMEOUT` (seconds) overrides it.
    var lockTimeout: Double {
        reader.environment["FLOWCTL_LOCK_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 5
    }

    /// Runs `body` as the repository's one writer: holding the lock, after removing what a killed
    /// writer left (temporary files) and finishing its interrupted transaction.
    /// `allowedInMerge`: the operation is one that settles or ends flowctl's own merge in
    /// progress (an edit, resolve, save, cancel); any other waits for the merge to end.
    func withWriteLock<T>(_ operation: String, allowedInMerge: Bool = false, _ body: () throws -> T) throws -> T {
        if reader.isBare { throw FlowError.bareRepository(path: git.gitDirectory) }
        return try lock.withLock(timeout: lockTimeout, command: "flowctl \(commandName ?? operation)") {
            try journal.recover()
            reader.readCurrentState()
            // A save now would be a one-parent commit that drops the other side, a switch would
            // carry conflicted files to another flow: git's own operation has to end first.
            if let inProgress = git.operationInProgress {
                guard inProgress == .merge, let merge = reader.mergeState() else {
                    throw FlowError.operationInProgress(inProgress)
                }
                if !allowedInMerge { throw SyncError.flowctlMergeInProgress(flow: merge.flow, operation: operation) }
            }
            return try body()
        }
    }

    /// Fails, naming the files, while the working tree has flow files that differ from the open
    /// flow's (or, with none open, any flow files at all): switching flows would lose them.
    func requireNoUnsavedChanges(hint: String) throws {
        let files = try reader.changedFiles()
        guard files.isEmpty else {
            throw WriteError.unsavedChanges(flow: try reader.openFlowID(), files: files, hint: hint)
        }
    }

    /// Makes local branches `flows/<id>` of `ids` track `remote`'s, as `git switch` does when it
    /// creates a branch from a remote-tracking one and `git push -u` does: in one write of the
    /// configuration for them all (`config` is what it has now, from `FlowRefs.branchConfig`).
    func setUpstreams(_ ids: [String], remote: String, config: [String: String]) throws {
        var sections: [ConfigSection] = []
        for id in ids {
            let merge = "refs/heads/flows/\(id)"
            switch (config["branch.flows/\(id).remote"], config["branch.flows/\(id).merge"]) {
            case (remote?, merge?): continue
            case (nil, nil):
                sections.append(
                    ConfigSection("branch", "flows/\(id)", [.init("remote", remote), .init("merge", merge)]))
            default:
                // A section half set up by hand: replaced entry by entry, as git would.
                try gitCall {
                    try git.setConfigString("branch.flows/\(id).remote", remote)
                    try git.setConfigString("branch.flows/\(id).merge", merge)
                }
            }
        }
        try gitCall { try git.appendConfig(sections) }
    }
}
