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

extension FlowRepository {
    /// The open flow's unsaved edits; nil when no flow is open.
    public func status() throws -> FlowStatus? {
        guard let id = try openFlowID() else { return nil }
        let tipTree = try tree(of: try openTip(id))
        let changedFiles = try self.changedFiles()
        var status = FlowStatus(flowID: id, name: nil, changedFiles: changedFiles, changes: [], problem: nil)
        status.name = try? partialFlow(.tree(tipTree), blocks: []).main.name
        guard !changedFiles.isEmpty else { return status }
        do {
            // Only the changed files are read: a flow of two thousand blocks with one edit reads one.
            status.changes = try changes(from: tipTree, to: .workingTree)
            status.name = try partialFlow(.workingTree, blocks: []).main.name
        } catch let error as FlowFileError {
            status.problem = error
        }
        return status
    }

    /// The flow files that differ between the branch tip, the index and the working tree.
    func changedFiles() throws -> [String] {
        try WorkingFiles(root: root).flowPlaces()  // a symbolic link in place of a flow file fails here
        return try gitCall { try git.status(paths: Self.flowPathspecs) }.map(\.path).sorted()
    }

    /// The flow files that may differ between tree `tipTree` (the open flow's tip; nil: none),
    /// the index and the working tree, judged on stat data alone: every file `changedFiles`
    /// lists, and also any whose stat data no longer match the index although its bytes do
    /// (touched, or racily clean). For `save`, which reads every file listed anyway: git's
    /// status reads and hashes each such file first, with six attribute look-ups and a path
    /// resolution, which was a fifth of a save that changes every block.
    /// `present`: the working tree's flow files, if the caller has listed them already.
    func changedFilesByStat(tipTree: ObjectID?, present: [String]? = nil) throws -> [String] {
        let present = try present ?? WorkingFiles(root: root).presentPaths()  // fails on a symbolic link in place
        let indexed = try gitCall { try git.indexedFiles(where: FlowCodec.isFlowFile) }
        let tip = try flowEntries(tipTree)
        var changed: [String] = []
        var (indexedAndPresent, savedAndPresent) = (0, 0)
        // The working files, the index's and the tip's are all in git's order: walked side by
        // side, with no dictionary of thousands of paths for a save of one.
        var nextIndexed = 0
        for (path, entry) in zip(present, tip.entries(at: present)) {
            while nextIndexed < indexed.count, WorkingFiles.byteOrder(indexed[nextIndexed].path, path) {
                nextIndexed += 1
            }
            let file = nextIndexed < indexed.count && indexed[nextIndexed].path == path ? indexed[nextIndexed] : nil
            if file != nil { indexedAndPresent += 1 }
            if entry != nil { savedAndPresent += 1 }
            guard let file, file.isStatClean, let entry, entry.kind == .blob, !entry.isExecutable, entry.id == file.blob
            else {
                changed.append(path)
                continue
            }
        }
        // Files in the index or the tip but not in the working tree (rare: a set is made only
        // then; a tip whose blocks/ holds something other than blocks takes this way too).
        let savedCount = (tip.main != nil ? 1 : 0) + tip.blocks.count
        if indexedAndPresent < indexed.count || savedAndPresent < savedCount {
            let isPresent = Set(present)
            var gone = Set(indexed.map(\.path).filter { !isPresent.contains($0) })
            if tip.main != nil && !isPresent.contains(FlowCodec.mainFile) {
                gone.insert(FlowCodec.mainFile)
            }
            for entry in tip.blocks {
                let path = FlowCodec.blocksFolder + "/" + entry.name
                if FlowCodec.blockID(ofName: entry.name) != nil && !isPresent.contains(path) { gone.insert(path) }
            }
            changed += gone
        }
        return changed.sorted(by: WorkingFiles.byteOrder)
    }

    /// Fails, naming the files, while the working tree has flow files that differ from the open
    /// flow's (or, with none open, any flow files at all): switching flows would lose them.
    func requireNoUnsavedChanges(hint: String) throws {
        let files = try changedFiles()
        guard files.isEmpty else {
            throw FlowError.unsavedChanges(flow: try openFlowID(), files: files, hint: hint)
        }
    }
}
