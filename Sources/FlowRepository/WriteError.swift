import CallFlow
import Git

/// What can go wrong changing flows (the write side), in words a user can act on.
public enum WriteError: Error, CustomStringConvertible {
    case nameHasNoID(String)
    case unsavedChanges(flow: String?, files: [String], hint: String)
    case branchMoved(branch: String)
    case repositoryBusy(lock: String, holder: String)
    case lockFailed(path: String, reason: String)
    case gitLockHeld(path: String)
    case undoFailed(operation: String, cause: String, undo: String)
    case damagedJournal(path: String, reason: String)
    case interruptedChangeBlocked(operation: String, lock: String)
    case worktreeBehind(flow: String, base: String, tip: String, files: [String])
    case cannotSwitch(path: String, reason: String)
    case nameTaken(String, by: String)
    case deletingOpenFlow(String)
    case badID(String)
    case notDeleted(String, deleted: [String])
    case idTaken(String)
    case nothingDiscarded(flow: String)
    case notPublishable(flow: String, errors: [String])
    case noSuchVersion(flow: String, version: Int?, known: [Int])
    case versionTaken(tag: String)

    public var description: String {
        switch self {
        case .nameHasNoID(let name):
            "the name '\(name)' has no letters or digits to make an id from (ids are a-z, 0-9 and '-')"
        case .unsavedChanges(let flow?, let files, let hint):
            "flow '\(flow)' has unsaved changes (\(files.joined(separator: ", "))); \(hint)"
        case .unsavedChanges(nil, let files, _):
            "the working tree has flow files that belong to no flow (\(files.joined(separator: ", "))); "
                + "move them away first"
        case .branchMoved(let branch):
            "\(branch) moved while saving (another save or a git command changed it); nothing was saved and "
                + "your edits are still in the working tree: look at 'git log \(branch)', then save again"
        case .repositoryBusy(let lock, let holder):
            "another flowctl is changing this repository (\(holder.isEmpty ? "see \(lock)" : holder)); "
                + "try again when it has finished (FLOWCTL_LOCK_TIMEOUT sets how many seconds to wait)"
        case .lockFailed(let path, let reason):
            "cannot take the repository lock \(path): \(reason)"
        case .gitLockHeld(let path):
            "\(path) exists: a git command is running in this repository, or one crashed and left it; "
                + "nothing was changed. If no git process is running, remove it ('rm \(path)') and try again"
        case .undoFailed(let operation, let cause, let undo):
            "'\(operation)' failed (\(cause)) and undoing it failed too (\(undo)); "
                + "the next flowctl command finishes undoing it"
        case .interruptedChangeBlocked(let operation, let lock):
            "\(lock) exists: a git command is running in this repository, or one crashed and left it, and an "
                + "interrupted '\(operation)' cannot be finished or undone until it is gone; nothing else was "
                + "changed. If no git process is running, remove it ('rm \(lock)') and run the command again: "
                + "it finishes the '\(operation)' first. Reading commands show the last saved state meanwhile"
        case .damagedJournal(let path, let reason):
            "\(path) is damaged or not flowctl's (\(reason)); nothing in it was applied. It is where an "
                + "interrupted flowctl command keeps its record: look at 'git status', then remove it"
        case .worktreeBehind(let flow, let base, let tip, let files):
            "flows/\(flow) has moved to \(tip) since this working tree's files were checked out at \(base) "
                + "(a save from another worktree, or a git command); saving now would undo that save's changes to "
                + "\(files.joined(separator: ", ")). Nothing was saved: keep your edits elsewhere, run "
                + "'flowctl cancel --yes' to bring the files up to date, then make them again"
        case .notPublishable(let flow, let errors):
            "flow '\(flow)' is not published: 'flowctl validate' finds errors in its last save:\n"
                + errors.map { "  \($0)" }.joined(separator: "\n")
        case .noSuchVersion(let flow, let version, let known):
            (version.map { "flow '\(flow)' has no published version v\($0)" }
                ?? "flow '\(flow)' has only one published version, so there is none to roll back to")
                + "; published: \(known.map { "v\($0)" }.joined(separator: ", "))"
        case .versionTaken(let tag):
            "\(tag) was published meanwhile (by another publish, or pushed); nothing was published: publish again"
        case .badID(let id):
            "'\(id)' is not a flow id: use 1 to 64 of a-z, 0-9 and '-'"
        case .deletingOpenFlow(let id):
            "flow '\(id)' is open: open another flow first ('flowctl open FLOW'), then delete it"
        case .notDeleted(let name, let deleted):
            "no deleted flow '\(name)'"
                + (deleted.isEmpty
                    ? "; none is kept" : "; deleted: \(Array(Set(deleted)).sorted().joined(separator: ", "))")
        case .idTaken(let id):
            "a flow '\(id)' exists now; rename it first, then undelete"
        case .nothingDiscarded(let flow):
            "no discarded edits of flow '\(flow)' are kept; 'flowctl cancel' keeps them from now on"
        case .nameTaken(let name, let other):
            "flow '\(other)' is already named '\(name)'; names are unique, as in the configurator: choose another"
        case .cannotSwitch(let path, let reason):
            "cannot switch the working tree: \(path) \(reason); nothing was changed"
        }
    }
}
