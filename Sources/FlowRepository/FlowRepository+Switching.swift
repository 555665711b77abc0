import CallFlow
import Git

extension FlowRepository {
    /// Opens flow `id`: checks its files out and points HEAD at its branch. Refuses, changing
    /// nothing, while the open flow has unsaved edits.
    public func open(_ id: String) throws {
        try requireNoUnsavedChanges(hint: "save them ('flowctl save') or discard them ('flowctl cancel') first")
        try switchTo(id)
    }

    /// Checks out flow `id` and points HEAD at it, as `git switch` does: a safe checkout, so a file
    /// that would be overwritten stops it before anything changes.
    func switchTo(_ id: String) throws {
        let target = try tree(of: try commitID(id, revision: nil))
        try gitCall {
            try git.checkout(tree: target, paths: [], discardingChanges: false)
            try git.setHead(Self.branch(id))
        }
    }

    /// Cancel: throws away the open flow's unsaved edits by resetting its files (and only those)
    /// to the branch tip, block files added since included. Returns false when there was nothing
    /// to discard. Asking the user first is the caller's job.
    @discardableResult
    public func cancel() throws -> Bool {
        let id = try requireOpenFlowID()
        guard !(try changedFiles()).isEmpty else { return false }
        let saved = try tree(of: try openTip(id))
        try gitCall {
            try git.checkout(tree: saved, paths: Self.flowPathspecs, discardingChanges: true)
        }
        return true
    }

    /// Writes `flow` as the open flow's working files, canonically; an edit, not a save.
    public func writeWorkingFlow(_ flow: Flow) throws {
        _ = try requireOpenFlowID()
        try WorkingFiles(root: root).write(FlowCodec.encode(flow))
    }
}
