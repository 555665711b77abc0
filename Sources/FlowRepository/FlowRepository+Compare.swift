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

extension FlowRepository {
    /// What changed from flow `oldFlow` as saved at `oldRevision` (its tip when nil) to `new`.
    public func compare(from oldFlow: String, revision oldRevision: String?, to new: FlowVersion) throws
        -> FlowComparison
    {
        let oldCommit = try commitID(oldFlow, revision: oldRevision)
        let oldTree = try tree(of: oldCommit)
        let target: DiffTarget
        var newCommit: ObjectID?
        switch new {
        case .working:
            _ = try requireOpenFlowID()
            target = .workingTree
        case .saved(let flow, let revision):
            newCommit = try commitID(flow, revision: revision)
            target = .tree(try tree(of: newCommit!))
        }
        let diff = try gitCall { try git.diff(from: oldTree, to: target, paths: Self.flowPathspecs) }
        var changes: [FlowChange] = []
        var problem: FlowFileError?
        do {
            changes = try self.changes(from: oldTree, to: target)
        } catch let error as FlowFileError {
            problem = error
        }
        return FlowComparison(
            changes: changes, problem: problem, diff: diff, oldCommit: oldCommit.description,
            newCommit: newCommit?.description)
    }

    /// Rollback: a new commit on the open flow whose flow files are those saved at `revision`
    /// (history kept, nothing rewritten; other files in the tree stay as they are), checked out.
    /// Refuses while edits are unsaved, and for a revision outside the flow's history. Nil when
    /// the flow is already as it was then. A file that cannot be read at the tip does not stop it,
    /// so a rollback repairs a broken save.
    public func rollback(to revision: String, message: String? = nil) throws -> SavedCommit? {
        try withWriteLock("rollback \(revision)") {
            let id = try requireOpenFlowID()
            try requireNoUnsavedChanges(hint: "save them ('flowctl save') or discard them ('flowctl cancel') first")
            let tip = try openTip(id)
            let target = try commitID(id, revision: revision)
            guard try gitCall({ try git.isAncestor(target, of: tip) }) else {
                throw FlowError.badRevision(revision, flow: id, reason: "\(target.short) is not in the flow's history")
            }
            let targetCommit = try gitCall { try git.commit(target) }
            let tipTree = try tree(of: tip)
            let flowFiles = try gitCall {
                try git.treeChanges(from: nil, to: targetCommit.tree, paths: Self.flowPathspecs)
            }
            let tree = try gitCall {
                try git.writeTree(
                    base: tipTree, removing: Self.flowTreePaths, adding: [:],
                    addingBlobs: Dictionary(
                        uniqueKeysWithValues: flowFiles.compactMap { change in
                            change.new.map { (change.path, $0.id) }
                        }))
            }
            guard tree != tipTree else { return nil }
            let text = message ?? "Roll back to \(target.short): \(targetCommit.summary)"
            let changes = (try? self.changes(from: tipTree, to: .tree(tree))) ?? []
            let commit = try commit(tree: tree, parents: [tip], message: text)
            let branch = Transaction.Ref(name: Self.branch(id), before: tip.description, after: commit.description)
            try perform(try switchTransaction("rollback \(revision)", to: id, at: commit, refs: [branch]))
            return SavedCommit(flowID: id, commit: commit.description, message: text, changes: changes)
        }
    }
}
