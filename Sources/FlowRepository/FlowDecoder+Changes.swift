import CallFlow
import Foundation
import Git

/// What changed between two versions of a flow, read from git: the trees' flow entries, walked
/// side by side, and the changed files decoded, each version once while it is still needed.
extension FlowDecoder {
    /// The semantic changes from tree `old` (nil: no flow yet) to `new`. Only the files that
    /// differ are read, so a save touching one block of two thousand reads that one block.
    func changes(from old: ObjectID?, to new: DiffTarget) throws -> [FlowChange] {
        let new = standingIn(for: new)
        guard case .tree(let newTree) = new else {
            let files = try gitCall { try git.diff(from: old, to: new, paths: FlowLayout.flowPathspecs) }.files.map(
                \.path)
            let blockIDs = Set(files.compactMap(FlowCodec.blockID(ofFile:)))
            guard !files.isEmpty else { return [] }
            let before = try old.map { try partialFlow(.tree($0), blocks: blockIDs) } ?? Flow(main: MainBlock(name: ""))
            return FlowDiff.changes(from: before, to: try partialFlow(new, blocks: blockIDs))
        }
        let (before, after) = (try flowEntries(old), try flowEntries(newTree))
        let changed = changedFlowFiles(before, after)
        guard changed.main || !changed.blocks.isEmpty else { return [] }
        let oldFlow = try old == nil ? Flow(main: MainBlock(name: "")) : partialFlow(before, changed.blocks, \.before)
        return FlowDiff.changes(from: oldFlow, to: try partialFlow(after, changed.blocks, \.after))
    }

    /// The semantic changes a save makes to tree `tipTree` by writing `files`, encoded from
    /// `flow` (its main block and the blocks it read), and taking out `removing`. Only those
    /// files are compared: the new tree is neither listed nor read back (the codec is
    /// canonical, so what was written decodes to `flow` again).
    func changes(from tipTree: ObjectID, writing files: [String: [UInt8]], of flow: Flow, removing: [String])
        throws -> [FlowChange]
    {
        let blocks = Set(files.keys).union(removing).compactMap { path in
            FlowCodec.blockID(ofFile: path).map { (path: path, id: $0) }
        }
        .sorted { WorkingFiles.byteOrder($0.path, $1.path) }
        let before = try flowEntries(tipTree)
        let changed = zip(blocks, before.entries(at: blocks.map(\.path))).map { block, entry in
            ChangedBlock(id: block.id, before: entry, after: nil)
        }
        guard files[FlowCodec.mainFile] != nil || !changed.isEmpty else { return [] }
        var newFlow = Flow(main: flow.main)
        for block in changed { newFlow.blocks[block.id] = flow.blocks[block.id] }
        return FlowDiff.changes(from: try partialFlow(before, changed, \.before), to: newFlow)
    }

    /// Why tree `new` has no flow changes from `old` (see `SaveInfo.unchangedFlow`).
    func unchangedFlow(from old: ObjectID, to new: ObjectID) throws -> SaveInfo.UnchangedFlow {
        guard old != new else { return .nothingChanged }
        let (before, after) = (try flowEntries(old), try flowEntries(new))
        let same = before.main?.id == after.main?.id && before.blocksFolder?.id == after.blocksFolder?.id
        return same ? .otherFilesOnly : .rewritten
    }

    /// A tree's flow entries: flow.yaml's, blocks/'s, and when blocks/ is a folder, its listing.
    struct FlowEntries {
        var main: TreeEntry?
        var blocksFolder: TreeEntry?
        var blockListing: TreeListing?

        /// The blocks/ folder's entries, in git's order.
        var blocks: [TreeEntry] { blockListing?.entries ?? [] }

        /// The entry called `name` in blocks/.
        func block(named name: String) -> TreeEntry? { blockListing?.byName[name] }

        /// The entry of each of `paths` (flow file paths in git's order, as `presentPaths` lists
        /// them), found by walking them and blocks/ side by side. A path out of order is only
        /// not found.
        func entries(at paths: [String]) -> [TreeEntry?] {
            let blocks = self.blocks
            let prefix = FlowCodec.blocksFolder.utf8.count + 1
            var next = 0
            return paths.map { path in
                if path == FlowCodec.mainFile { return main }
                while next < blocks.count, Self.order(of: blocks[next].name, against: path, after: prefix) < 0 {
                    next += 1
                }
                guard next < blocks.count, Self.order(of: blocks[next].name, against: path, after: prefix) == 0 else {
                    return nil
                }
                return blocks[next]
            }
        }

        /// How `name` compares, by bytes, with `path` past its first `prefix` bytes.
        private static func order(of name: String, against path: String, after prefix: Int) -> Int {
            var (name, path) = (name, path)
            return name.withUTF8 { name in
                path.withUTF8 { path in
                    let rest = UnsafeBufferPointer(rebasing: path[min(prefix, path.count)...])
                    let common = min(name.count, rest.count)
                    let order = common == 0 ? 0 : Int(memcmp(name.baseAddress!, rest.baseAddress!, common))
                    return order != 0 ? order : name.count - rest.count
                }
            }
        }
    }

    /// The flow entries of `tree` (none for nil). Walking a history, each tree is the newer side
    /// of one save and the older of the next: the last few trees' listings are kept, and each
    /// tree is read once.
    func flowEntries(_ tree: ObjectID?) throws -> FlowEntries {
        guard let tree else { return FlowEntries() }
        var entries = FlowEntries()
        for entry in try listing(tree).entries {
            if entry.name == FlowCodec.mainFile {
                entries.main = entry
            } else if entry.name == FlowCodec.blocksFolder {
                entries.blocksFolder = entry
            }
        }
        if let folder = entries.blocksFolder, folder.kind == .tree { entries.blockListing = try listing(folder.id) }
        return entries
    }

    private func listing(_ tree: ObjectID) throws -> TreeListing {
        if let known = readTrees[tree] { return known }
        let listing = TreeListing(try gitCall { try git.treeEntries(tree) })
        readTrees.insert(listing, for: tree)
        return listing
    }

    /// What differs from one tree's flow entries to another's: whether flow.yaml does, and each
    /// block file that does, with its entry on either side.
    struct FlowFileChanges {
        var main = false
        var blocks: [ChangedBlock] = []
    }

    struct ChangedBlock {
        var id: String
        var before: TreeEntry?
        var after: TreeEntry?
    }

    /// The flow files that differ from one tree's entries to another's, found from the entries
    /// alone: flow.yaml's, then the blocks/ folders' entries side by side. A general tree diff
    /// does the same work and more (it reads the repository's configuration at every call,
    /// which was a tenth of a long `log`).
    func changedFlowFiles(_ before: FlowEntries, _ after: FlowEntries) -> FlowFileChanges {
        var changes = FlowFileChanges(main: before.main != after.main)
        guard before.blocksFolder != after.blocksFolder else { return changes }
        func add(_ name: String, _ old: TreeEntry?, _ new: TreeEntry?) {
            guard old != new, let id = FlowCodec.blockID(ofName: name) else { return }
            changes.blocks.append(ChangedBlock(id: id, before: old, after: new))
        }
        let (old, new) = (before.blocks, after.blocks)
        // Most saves keep the same files: the two listings then pair up in order.
        if old.count == new.count, zip(old, new).allSatisfy({ $0.name == $1.name }) {
            for (oldEntry, newEntry) in zip(old, new) { add(newEntry.name, oldEntry, newEntry) }
        } else {
            for name in Set(old.map(\.name)).union(new.map(\.name)).sorted() {
                add(name, before.block(named: name), after.block(named: name))
            }
        }
        return changes
    }

    /// The main block and the `changed` blocks (those on this `side`) of a tree, from its entries.
    private func partialFlow(
        _ entries: FlowEntries, _ changed: [ChangedBlock], _ side: KeyPath<ChangedBlock, TreeEntry?>
    ) throws -> Flow {
        guard let mainEntry = entries.main else {
            throw FlowFileError(file: FlowCodec.mainFile, line: nil, message: "is missing")
        }
        guard mainEntry.kind == .blob else { throw Self.notRegular(FlowCodec.mainFile, mainEntry.kind) }
        let main = try decodedMain(mainEntry)
        if let folder = entries.blocksFolder, folder.kind != .tree, !changed.isEmpty {
            throw Self.notRegular(FlowCodec.blocksFolder, folder.kind)
        }
        var flow = Flow(main: main)
        for block in changed {
            guard let entry = block[keyPath: side] else { continue }
            guard entry.kind == .blob else { throw Self.notRegular(FlowCodec.blockFile(block.id), entry.kind) }
            flow.blocks[block.id] = try decodedBlock(entry, id: block.id)
        }
        return flow
    }

    /// `target`, or what stands in for the working tree (see `workingTreeStandIn`).
    private func standingIn(for target: DiffTarget) -> DiffTarget {
        if case .workingTree = target, let workingTreeStandIn { return workingTreeStandIn }
        return target
    }

    /// The main block and just the blocks `ids` (those that exist) of a tree or the working tree.
    func partialFlow(_ source: DiffTarget, blocks ids: Set<String>) throws -> Flow {
        switch standingIn(for: source) {
        case .workingTree:
            let working = WorkingFiles(root: root)
            var files: [String: [UInt8]] = [:]
            for path in [FlowCodec.mainFile] + ids.map(FlowCodec.blockFile) { files[path] = try working.read(path) }
            return try FlowCodec.decode(files)
        case .tree(nil):
            return Flow(main: MainBlock(name: ""))
        case .tree(let tree?):
            guard let mainEntry = try flowFileEntry(FlowCodec.mainFile, in: tree) else {
                throw FlowFileError(file: FlowCodec.mainFile, line: nil, message: "is missing")
            }
            let main = try decodedMain(mainEntry)
            guard !ids.isEmpty else { return Flow(main: main) }
            // The blocks/ folder is looked up once, and each block in it by name: a lookup by
            // path per block would find the folder again each time.
            let folder = try blocksFolder(inTree: tree)
            let entries = try folder.map { folder in
                try gitCall { try git.treeEntries(folder, named: ids.map { $0 + FlowCodec.blockExtension }) }
            }
            let blocks = try ids.compactMap { id -> Block? in
                guard let entry = entries?[id + FlowCodec.blockExtension] else { return nil }
                guard entry.kind == .blob else { throw Self.notRegular(FlowCodec.blockFile(id), entry.kind) }
                return try decodedBlock(entry, id: id)
            }
            return Flow(main: main, blocks: blocks)
        }
    }

    /// The main block in blob `entry`, decoded once for as long as it is kept (see
    /// `startDecodingGeneration`).
    private func decodedMain(_ entry: TreeEntry) throws -> MainBlock {
        if let known = decodedMains[entry.id] { return known }
        let main = try FlowCodec.decodeMain(try gitCall { try git.blobContents(entry.id) })
        decodedMains[entry.id] = main
        return main
    }

    /// Block `id` in blob `entry`, decoded once for as long as it is kept.
    private func decodedBlock(_ entry: TreeEntry, id: String) throws -> Block {
        let key = DecodedKey(id: entry.id, name: id)
        if let known = decodedBlocks[key] { return known }
        let block = try FlowCodec.decodeBlock(try gitCall { try git.blobContents(entry.id) }, id: id)
        decodedBlocks[key] = block
        return block
    }

    /// Walking a history, a save's files are decoded once as the newer side of its diff and used
    /// again as the older side of the next: keeping two generations of decoded files is enough,
    /// and keeps memory flat over any number of saves.
    func startDecodingGeneration() {
        decodedMains.startGeneration()
        decodedBlocks.startGeneration()
    }
}
