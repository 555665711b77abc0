import CallFlow
import Git

/// What can go wrong with flows, in words a user can act on.
public enum FlowError: Error, CustomStringConvertible {
    case notARepository(path: String)
    case bareRepository(path: String)
    case noFlowOpen
    case unknownFlow(String, known: [String])
    case ambiguousFlow(String, ids: [String])
    case nameHasNoID(String)
    case unsavedChanges(flow: String?, files: [String], hint: String)
    case branchMoved(branch: String)
    case missingBranch(flow: String)
    case badRevision(String, flow: String, reason: String)
    case git(GitError)
    case repositoryBusy(lock: String, holder: String)
    case lockFailed(path: String, reason: String)
    case gitLockHeld(path: String)
    case undoFailed(operation: String, cause: String, undo: String)
    case damagedJournal(path: String)
    case fileSystem(path: String, reason: String)
    case worktreeBehind(flow: String, base: String, tip: String, files: [String])
    case cannotSwitch(path: String, reason: String)
    case nameTaken(String, by: String)
    case deletingOpenFlow(String)
    case badID(String)
    case notDeleted(String, deleted: [String])
    case idTaken(String)
    case nothingDiscarded(flow: String)
    case notPublishable(flow: String, errors: [String])
    case nothingPublished(flow: String)
    case noSuchVersion(flow: String, version: Int?, known: [Int])
    case versionTaken(tag: String)
    case operationInProgress(OperationInProgress)
    case onlyOnRemote(flow: String, remote: String, operation: String)
    case noRemote
    case unknownRemote(String, known: [String])
    case remoteExists(String)
    case flowctlMergeInProgress(flow: String, operation: String)
    case unresolvedConflicts(flow: String, conflicts: [String])
    case noMerge
    case noSuchConflict(String, known: [String])
    case transfer(String)

    public var description: String {
        switch self {
        case .notARepository(let path):
            "not inside a git repository (looked in \(path) and its parents); run 'flowctl init' to make one"
        case .bareRepository(let path):
            "\(path) is a bare repository: flows are read here (list, show FLOW, log FLOW, diff FLOW REV REV, "
                + "validate), and edited in a clone with a working tree"
        case .noFlowOpen:
            "no flow is open; create one with 'flowctl create NAME' or open one with 'flowctl open FLOW'"
        case .unknownFlow(let name, let known):
            "no flow '\(name)'"
                + (known.isEmpty ? "; there are no flows yet" : "; flows: \(known.joined(separator: ", "))")
        case .ambiguousFlow(let name, let ids):
            "'\(name)' names several flows (\(ids.joined(separator: ", "))); use the id"
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
        case .missingBranch(let flow):
            "the open flow '\(flow)' has no commit on its branch"
        case .badRevision(let revision, let flow, let reason):
            "unknown revision '\(revision)' of flow '\(flow)': \(reason)"
        case .git(let error):
            error.description
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
        case .damagedJournal(let path):
            "\(path) is damaged (an interrupted flowctl command's record); look at 'git status', then remove it"
        case .fileSystem(let path, let reason):
            "\(path): \(reason)"
        case .worktreeBehind(let flow, let base, let tip, let files):
            "flows/\(flow) has moved to \(tip) since this working tree's files were checked out at \(base) "
                + "(a save from another worktree, or a git command); saving now would undo that save's changes to "
                + "\(files.joined(separator: ", ")). Nothing was saved: keep your edits elsewhere, run "
                + "'flowctl cancel --yes' to bring the files up to date, then make them again"
        case .notPublishable(let flow, let errors):
            "flow '\(flow)' is not published: 'flowctl validate' finds errors in its last save:\n"
                + errors.map { "  \($0)" }.joined(separator: "\n")
        case .nothingPublished(let flow):
            "flow '\(flow)' has no published version yet; publish one with 'flowctl publish \(flow)'"
        case .noSuchVersion(let flow, let version, let known):
            (version.map { "flow '\(flow)' has no published version v\($0)" }
                ?? "flow '\(flow)' has only one published version, so there is none to roll back to")
                + "; published: \(known.map { "v\($0)" }.joined(separator: ", "))"
        case .onlyOnRemote(let flow, let remote, let operation):
            "flow '\(flow)' is only on remote '\(remote)': open it first ('flowctl open \(flow)' makes its local branch), "
                + "then \(operation)"
        case .noRemote:
            "this repository has no remote: add one with 'flowctl remote add origin URL' (or clone with 'flowctl clone URL')"
        case .unknownRemote(let name, let known):
            "no remote '\(name)'"
                + (known.isEmpty ? "; this repository has none" : "; remotes: \(known.joined(separator: ", "))")
        case .remoteExists(let name):
            "remote '\(name)' exists already"
        case .flowctlMergeInProgress(let flow, let operation):
            "a merge into flow \(flow) is in progress: settle its conflicts ('flowctl status' lists them, "
                + "'flowctl resolve' or edits settle them) and 'flowctl save', or abort it with 'flowctl cancel', "
                + "before \(operation)"
        case .unresolvedConflicts(let flow, let conflicts):
            "flow \(flow) has \(conflicts.count) unresolved merge conflict\(conflicts.count == 1 ? "" : "s"); "
                + "settle each with 'flowctl resolve NAME --ours|--theirs' or an edit, then save:\n  "
                + conflicts.joined(separator: "\n  ")
        case .noMerge:
            "no merge is in progress: conflicts come from 'flowctl pull'"
        case .noSuchConflict(let name, let known):
            "no conflict '\(name)'" + (known.isEmpty ? "" : "; conflicts: \(known.joined(separator: ", "))")
        case .transfer(let reason):
            reason
        case .operationInProgress(let operation):
            "a git \(operation.name) is in progress in this repository: finish it (\(operation.finish)) or abort it "
                + "(\(operation.abort)) before changing flows with flowctl"
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
