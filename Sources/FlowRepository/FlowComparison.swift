import CallFlow
import Git

/// The new side of a comparison: a flow as saved at a revision (its tip when nil), or the open
/// flow as edited in the working tree.
public enum FlowVersion: Sendable, Equatable {
    case saved(flow: String, revision: String?)
    case working
}

/// The differences between two versions of flows: the semantic changes, and the files' patch.
public final class FlowComparison {
    public let changes: [FlowChange]
    /// Why one side's flow files cannot be read, when they cannot; `changes` is then empty, and
    /// `files`, `patch` and `stat` still say what differs.
    public let problem: FlowFileError?
    /// The commit ids compared: the old side's, and the new side's (nil for the working tree).
    public let oldCommit: String
    public let newCommit: String?
    private let diff: Diff

    init(changes: [FlowChange], problem: FlowFileError?, diff: Diff, oldCommit: String, newCommit: String?) {
        self.changes = changes
        self.problem = problem
        self.diff = diff
        self.oldCommit = oldCommit
        self.newCommit = newCommit
    }

    /// The flow files that differ.
    public var files: [String] { diff.files.map(\.path) }

    /// The unified patch of the flow's files, as `git diff` prints it.
    public func patch() throws -> String { try gitCall { try diff.patch() } }

    /// Files changed with insertions and deletions, as `git diff --stat` prints them.
    public func stat() throws -> String { try gitCall { try diff.stat() } }
}

extension FlowComparison {
    /// What changed from flow `oldFlow` as saved at `oldRevision` (its tip when nil) to `new`,
    /// as `reader` reads them.
    public convenience init(
        _ reader: FlowReader, from oldFlow: String, revision oldRevision: String?, to new: FlowVersion
    ) throws {
        let oldCommit = try reader.refs.commitID(oldFlow, revision: oldRevision)
        let oldTree = try reader.refs.tree(of: oldCommit)
        let target: DiffTarget
        var newCommit: ObjectID?
        switch new {
        case .working:
            _ = try reader.requireOpenFlowID()
            target = .workingTree
        case .saved(let flow, let revision):
            newCommit = try reader.refs.commitID(flow, revision: revision)
            target = .tree(try reader.refs.tree(of: newCommit!))
        }
        let diff = try gitCall { try reader.git.diff(from: oldTree, to: target, paths: FlowLayout.flowPathspecs) }
        var changes: [FlowChange] = []
        var problem: FlowFileError?
        do {
            changes = try reader.decoder.changes(from: oldTree, to: target)
        } catch let error as FlowFileError {
            problem = error
        }
        self.init(
            changes: changes, problem: problem, diff: diff, oldCommit: oldCommit.description,
            newCommit: newCommit?.description)
    }
}
