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

extension FlowStatus {
    /// The open flow's unsaved edits as `reader` reads them; nil when no flow is open.
    public init?(_ reader: FlowReader) throws {
        guard let id = try reader.openFlowID() else { return nil }
        let tipTree = try reader.refs.tree(of: try reader.refs.openTip(id))
        let changedFiles = try reader.changedFiles()
        self.init(flowID: id, name: nil, changedFiles: changedFiles, changes: [], problem: nil)
        name = try? reader.decoder.partialFlow(.tree(tipTree), blocks: []).main.name
        guard !changedFiles.isEmpty else { return }
        do {
            // Only the changed files are read: a flow of two thousand blocks with one edit reads one.
            changes = try reader.decoder.changes(from: tipTree, to: .workingTree)
            name = try reader.decoder.partialFlow(.workingTree, blocks: []).main.name
        } catch let error as FlowFileError {
            problem = error
        }
    }
}

extension FlowReader {
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
