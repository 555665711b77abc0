import CallFlow
import Git

/// The open flow's unsaved edits: the files that differ from its branch tip, and what those
/// differences mean, block by block and field by field.
public struct FlowStatus: Sendable {
    public var flowID: String
    public var name: String?
    /// Flow files that differ from the saved ones, as `git status` sees them.
    public var changedFiles: [String]
    /// The edits in terms of the flow; empty when only formatting differs.
    public var changes: [FlowChange]
    /// Why the working files cannot be read, when they cannot; `changes` is then empty.
    public var problem: FlowFileError?

    public var hasUnsavedChanges: Bool { !changedFiles.isEmpty }
}

extension FlowReader {
    /// The open flow's unsaved edits; nil when no flow is open.
    public func status() throws -> FlowStatus? {
        guard let id = try openFlowID() else { return nil }
        let tipTree = try refs.tree(of: try refs.openTip(id))
        let changedFiles = try self.changedFiles()
        var status = FlowStatus(flowID: id, name: nil, changedFiles: changedFiles, changes: [], problem: nil)
        status.name = try? decoder.partialFlow(.tree(tipTree), blocks: []).main.name
        guard !changedFiles.isEmpty else { return status }
        do {
            // Only the changed files are read: a flow of two thousand blocks with one edit reads one.
            status.changes = try decoder.changes(from: tipTree, to: .workingTree)
            status.name = try decoder.partialFlow(.workingTree, blocks: []).main.name
        } catch let error as FlowFileError {
            status.problem = error
        }
        return status
    }

    /// The flow files that differ between the branch tip, the index and the working tree.
    /// None while another command's change is in progress: the files are part way between two
    /// states, and the state from before it is read (see FlowReader+Pending).
    func changedFiles() throws -> [String] {
        if changeInProgress != nil { return [] }
        try WorkingFiles(root: root).flowPlaces()  // a symbolic link in place of a flow file fails here
        return try gitCall { try git.status(paths: FlowLayout.flowPathspecs) }.map(\.path).sorted()
    }

    /// git's operation in progress (a merge, rebase, cherry-pick, revert, bisect or am), as
    /// `status` shows it: what it is, and how to finish or abort it. Writing commands refuse while
    /// one is.
    public var operationInProgress: (name: String, message: String)? {
        git.operationInProgress.map { ($0.name, FlowError.operationInProgress($0).description) }
    }
}
