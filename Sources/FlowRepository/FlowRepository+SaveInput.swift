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

extension FlowRepository {
    /// The save input of the working tree against the tip's tree `tipTree`, `changed` being the
    /// flow files that may have changed (see `changedFilesByStat`) and `present` the working
    /// tree's flow files.
    func saveInput(tipTree: ObjectID, changed: Set<String>, present: [String]) throws -> SaveInput {
        let working = WorkingFiles(root: root)
        let entries = try flowEntries(tipTree)
        let kept = readBlockChecks()
        var unchanged: [String: ObjectID] = [:]
        var checks: [String: BlockCheck] = [:]
        var toRead: [String] = []
        unchanged.reserveCapacity(present.count)
        checks.reserveCapacity(present.count)
        let found = entries.entries(at: present)
        for (path, entry) in zip(present, found) {
            // A file found unchanged holds the tip's blob; one that is not a plain file
            // there (or is executable) is read and written again, as a flow file must be.
            guard !changed.contains(path), let entry, entry.kind == .blob, !entry.isExecutable else {
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
        let flow = try FlowCodec.decode(read)
        for (id, block) in flow.blocks { checks[id] = BlockCheck(block) }
        let tipBlocksFound = zip(present, found).count { path, entry in entry != nil && path != FlowCodec.mainFile }
        return SaveInput(
            flow: flow, read: read, unchanged: unchanged, checks: checks, kept: kept, tipBlocksFound: tipBlocksFound)
    }
}
