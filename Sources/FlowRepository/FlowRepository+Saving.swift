import CallFlow
import Git

/// A commit flowctl made.
public struct SavedCommit: Sendable {
    public var flowID: String
    /// The full commit id.
    public var commit: String
    public var message: String
    public var changes: [FlowChange]
}

extension FlowRepository {
    /// Save Changes: commits the open flow's working files, written canonically, as one commit on
    /// its branch. Nil when there is nothing to save (no commit is made). `report` first gets what
    /// `validate` finds in the flow: a save goes ahead whatever it finds, as a draft may be
    /// incomplete. The branch moves by compare-and-swap: if it moved meanwhile, nothing is saved
    /// and the edits stay.
    public func save(message: String? = nil, report: ([Finding]) -> Void = { _ in }) throws -> SavedCommit? {
        let id = try requireOpenFlowID()
        let changed = try changedFiles()
        guard !changed.isEmpty else { return nil }
        let tip = try openTip(id)
        let workingFiles = WorkingFiles(root: root)
        let read = try workingFiles.read()
        let working = try FlowCodec.decode(read)
        report(FlowValidator.findings(in: working, id: id))
        let files = FlowCodec.encode(working)
        let tipTree = try tree(of: tip)
        let tree = try gitCall { try git.writeTree(base: tipTree, removing: Self.flowTreePaths, adding: files) }
        var saved: SavedCommit?
        if tree != tipTree {
            let changes = try self.changes(from: tipTree, to: .tree(tree))
            let text = message ?? FlowDiff.summary(changes)
            let commit = try commit(tree: tree, parents: [tip], message: text)
            try moveBranch(id, from: tip, to: commit, message: "flowctl save: \(text)")
            saved = SavedCommit(flowID: id, commit: commit.description, message: text, changes: changes)
        }
        // The working files now match the commit byte for byte (only those written otherwise are
        // rewritten), and the index matches both (only changed entries are touched).
        let rewritten = files.filter { read[$0.key] != $0.value }
        try workingFiles.write(rewritten, removingOthers: false)
        let present = Set(files.keys)
        try gitCall {
            try git.stage(
                removing: changed.filter { !present.contains($0) },
                adding: Set(changed.filter(present.contains) + rewritten.keys).sorted())
        }
        return saved
    }

    /// Save and Duplicate's second half: a new flow `<name> copy` on branch `flows/<id>-copy`
    /// (or `-copy-2`, ...) whose history is flow `id`'s plus one commit that renames it and blanks
    /// its extension and numbers. Opens the copy. Refuses while edits are unsaved.
    @discardableResult
    public func duplicate(_ id: String) throws -> SavedCommit {
        try requireNoUnsavedChanges(hint: "save them first ('flowctl save --duplicate' saves, then duplicates)")
        let tip = try commitID(id, revision: nil)
        let tipTree = try tree(of: tip)
        let original = try flow(inTree: tipTree)
        let copy = original.duplicated()
        let taken = Set(try flowIDs())
        let copyID = Slug.unique(Slug.make(from: copy.main.name) ?? "\(id)-copy") { taken.contains($0) }
        let tree = try gitCall {
            try git.writeTree(
                base: tipTree, removing: [FlowCodec.mainFile],
                adding: [FlowCodec.mainFile: Array(FlowCodec.encode(copy.main).utf8)])
        }
        let message = "Duplicate \(original.main.name) as \(copy.main.name)\n\n\(Self.copiedFromTrailer)\(id)"
        let commit = try commit(tree: tree, parents: [tip], message: message)
        try createBranchAndOpen(copyID, at: commit, message: "flowctl duplicate: \(id)")
        return SavedCommit(
            flowID: copyID, commit: commit.description, message: message,
            changes: FlowDiff.changes(from: original, to: copy))
    }

    /// Save and Create's second half: a new flow on an orphan branch whose first commit holds
    /// only `main`, and opens it. Refuses while edits are unsaved.
    @discardableResult
    public func create(_ main: MainBlock) throws -> SavedCommit {
        try requireNoUnsavedChanges(hint: "save them first ('flowctl save --create NAME' saves, then creates)")
        guard let slug = Slug.make(from: main.name) else { throw FlowError.nameHasNoID(main.name) }
        let taken = Set(try flowIDs())
        let id = Slug.unique(slug) { taken.contains($0) }
        let tree = try gitCall {
            try git.writeTree(base: nil, removing: [], adding: [FlowCodec.mainFile: Array(FlowCodec.encode(main).utf8)])
        }
        let message = "Create flow \(main.name)"
        let commit = try commit(tree: tree, parents: [], message: message)
        try createBranchAndOpen(id, at: commit, message: "flowctl create")
        let flow = Flow(main: main)
        return SavedCommit(
            flowID: id, commit: commit.description, message: message,
            changes: FlowDiff.changes(from: Flow(main: MainBlock(name: "")), to: flow))
    }

    /// Moves flow `id`'s branch from `tip` to `commit` by compare-and-swap: if anything else moved
    /// it meanwhile, nothing changes and this fails.
    func moveBranch(_ id: String, from tip: ObjectID, to commit: ObjectID, message: String) throws {
        try beforeBranchUpdate?()
        do {
            try git.updateReference(Self.branch(id), from: tip, to: commit, message: message)
        } catch let error as GitError where error.code == .modified || error.code == .locked {
            throw FlowError.branchMoved(branch: "flows/\(id)")
        } catch let error as GitError {
            throw FlowError.git(error)
        }
    }

    /// Creates branch `flows/<id>` at `commit` and opens it; if the checkout is refused, the new
    /// branch goes again, so a failed create or duplicate leaves nothing behind.
    private func createBranchAndOpen(_ id: String, at commit: ObjectID, message: String) throws {
        try gitCall { try git.createReference(Self.branch(id), at: commit, message: message) }
        do {
            try switchTo(id)
        } catch {
            try? git.deleteReference(Self.branch(id), expected: commit)
            throw error
        }
    }

    /// Writes a commit object by the user's git identity; moving a branch to it is the caller's.
    func commit(tree: ObjectID, parents: [ObjectID], message: String) throws -> ObjectID {
        try gitCall {
            let author = try git.identity(for: .author, environment: environment)
            let committer = try git.identity(for: .committer, environment: environment)
            return try git.createCommit(
                tree: tree, parents: parents, author: author, committer: committer,
                message: message.hasSuffix("\n") ? message : message + "\n")
        }
    }
}
