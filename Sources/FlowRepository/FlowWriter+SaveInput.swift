import CallFlow
import Git

/// What a save works from: the working files it had to read, decoded, and the blobs and checks
/// of the block files found unchanged (see `changedFilesByStat`), which it does not read at all
/// when the last save's checks are kept (see `BlockCheckCache`).
struct SaveInput {
    /// flow.yaml and the block files read, decoded: the changed ones, and unchanged ones whose
    /// check was not kept.
    var flow: Flow
    /// The bytes of the files read, by path.
    var read: [String: [UInt8]]
    /// The last save's blob of each file found unchanged, by path: kept as it is.
    var unchanged: [String: ObjectID]
    /// Every block's check, by block id.
    var checks: [String: BlockCheck]
    /// The last save's kept checks, which `checks` took what it could from.
    var kept: BlockCheckCache
    /// How many of the tip's `blocks/` entries are at a working file's path.
    var tipBlocksFound: Int

    /// What `validate` finds in the whole flow.
    func findings(id: String) -> [Finding] { FlowValidator.findings(main: flow.main, checks: checks, id: id) }

    /// The checks to keep for the next save: every block's, by its blob in the saved tree
    /// (`written`: the blobs of the files the save wrote).
    func cache(written: [String: ObjectID]) -> BlockCheckCache {
        var cache = BlockCheckCache()
        cache.checks.reserveCapacity(checks.count)
        // A file found unchanged whose check was kept keeps it, and its line, as they were.
        for (path, blob) in unchanged { _ = cache.keep(DecodedKey(id: blob, name: path), from: kept) }
        // The others were read, decoded and checked afresh.
        for id in flow.blocks.keys {
            let path = FlowCodec.blockFile(id)
            guard let check = checks[id], let blob = unchanged[path] ?? written[path] else { continue }
            cache.checks[DecodedKey(id: blob, name: path)] = check
        }
        return cache
    }
}

extension FlowWriter {
    /// The save input of the working tree against the tip's tree `tipTree`, `changed` being the
    /// flow files that may have changed (see `changedFilesByStat`) and `present` the working
    /// tree's flow files.
    func saveInput(tipTree: ObjectID, changed: Set<String>, present: [String]) throws -> SaveInput {
        let working = WorkingFiles(root: root)
        let entries = try decoder.flowEntries(tipTree)
        let kept = BlockCheckCache(of: git)
        var unchanged: [String: ObjectID] = [:]
        var checks: [String: BlockCheck] = [:]
        var toRead: [String] = []
        // Files listed as changed by their stat data alone, and the tip's blob for each.
        var touched: [String: ObjectID] = [:]
        unchanged.reserveCapacity(present.count)
        checks.reserveCapacity(present.count)
        let found = entries.entries(at: present)
        for (path, entry) in zip(present, found) {
            // A file found unchanged holds the tip's blob; one that is not a plain file
            // there (or is executable) is read and written again, as a flow file must be.
            guard !changed.contains(path), let entry, entry.kind == .blob, !entry.isExecutable else {
                if let entry, entry.kind == .blob, !entry.isExecutable { touched[path] = entry.id }
                toRead.append(path)
                continue
            }
            unchanged[path] = entry.id
            if path != FlowCodec.mainFile, let check = kept.checks[DecodedKey(id: entry.id, name: path)],
                let id = FlowCodec.blockID(ofFile: path)
            {
                checks[id] = check
            } else {
                toRead.append(path)
            }
        }
        var read: [String: [UInt8]] = [:]
        for path in toRead { read[path] = try working.readRegularFile(path) }
        // A file whose stat data changed but whose bytes are still the tip's blob (touched, or
        // written in the same clock tick as the index) is unchanged: it keeps its blob, as `git
        // add` leaves it, whatever its formatting.
        for (path, blob) in touched where try read[path].map(ObjectID.blob(hashing:)) == blob { unchanged[path] = blob }
        let flow = try FlowCodec.decode(read)
        for (id, block) in flow.blocks { checks[id] = BlockCheck(block) }
        let tipBlocksFound = zip(present, found).count { path, entry in entry != nil && path != FlowCodec.mainFile }
        return SaveInput(
            flow: flow, read: read, unchanged: unchanged, checks: checks, kept: kept, tipBlocksFound: tipBlocksFound)
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
        let tip = try decoder.flowEntries(tipTree)
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
}
