import CLibGit2

/// An operation git has started in a repository and not finished: its files say so
/// (`MERGE_HEAD`, `rebase-merge/`, ...), and git refuses to start another until it ends.
public enum OperationInProgress: Sendable, Equatable {
    case merge, revert, cherryPick, rebase, bisect, applyingPatches

    /// What git calls it, and the commands that finish or abort it.
    public var name: String {
        switch self {
        case .merge: "merge"
        case .revert: "revert"
        case .cherryPick: "cherry-pick"
        case .rebase: "rebase"
        case .bisect: "bisect"
        case .applyingPatches: "am"
        }
    }

    public var finish: String {
        switch self {
        case .merge: "resolve the conflicts, 'git add' the files and 'git commit'"
        case .revert: "'git revert --continue'"
        case .cherryPick: "'git cherry-pick --continue'"
        case .rebase: "'git rebase --continue'"
        case .bisect: "'git bisect reset'"
        case .applyingPatches: "'git am --continue'"
        }
    }

    public var abort: String {
        switch self {
        case .merge: "'git merge --abort'"
        case .revert: "'git revert --abort'"
        case .cherryPick: "'git cherry-pick --abort'"
        case .rebase: "'git rebase --abort'"
        case .bisect: "'git bisect reset'"
        case .applyingPatches: "'git am --abort'"
        }
    }
}

extension Repository {
    /// The operation in progress, nil when none is.
    public var operationInProgress: OperationInProgress? {
        switch git_repository_state(pointer) {
        case Int32(GIT_REPOSITORY_STATE_MERGE.rawValue): .merge
        case Int32(GIT_REPOSITORY_STATE_REVERT.rawValue), Int32(GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue): .revert
        case Int32(GIT_REPOSITORY_STATE_CHERRYPICK.rawValue), Int32(GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue):
            .cherryPick
        case Int32(GIT_REPOSITORY_STATE_REBASE.rawValue), Int32(GIT_REPOSITORY_STATE_REBASE_INTERACTIVE.rawValue),
            Int32(GIT_REPOSITORY_STATE_REBASE_MERGE.rawValue),
            Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE.rawValue):
            .rebase
        case Int32(GIT_REPOSITORY_STATE_BISECT.rawValue): .bisect
        case Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX.rawValue): .applyingPatches
        default: nil
        }
    }
}
