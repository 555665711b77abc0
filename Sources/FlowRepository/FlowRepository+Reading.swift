import CallFlow
import Git

/// One flow as `list` shows it: its saved main block, or why that could not be read.
public struct FlowSummary: Sendable {
    public var id: String
    public var main: MainBlock?
    public var blockCount: Int
    public var problem: FlowFileError?
    public var isOpen: Bool
    /// The remote the flow is only on (no local branch yet), nil for a local flow.
    public var onlyOnRemote: String? = nil
    /// Where a local flow stands against the remote branch it tracks, nil when it tracks none.
    public var upstream: UpstreamState? = nil
}

extension FlowRepository {
    /// Every flow, by id, as saved on its branch.
    public func list() throws -> [FlowSummary] {
        let open = try openFlowID()
        let refs = try flowRefs()
        let remoteOnly = Dictionary(uniqueKeysWithValues: refs.map { ($0.id, $0.onlyOnRemote) })
        let config = try branchConfig()
        return try summaries(refs.map { ($0.id, $0.tip) }, releasingCaches: true).map { summary in
            var summary = summary
            summary.isOpen = summary.id == open
            summary.onlyOnRemote = remoteOnly[summary.id] ?? nil
            if summary.onlyOnRemote == nil { summary.upstream = try upstreamState(summary.id, config: config) }
            return summary
        }
    }

    /// How many flows or saves a long read goes through between letting go of libgit2's caches
    /// and pack mappings: seldom enough that opening the packs again costs next to nothing an
    /// item (a walk is faster for it: the delta-base cache, once full, empties itself whole),
    /// often enough that memory stays near a short read's.
    static let itemsBetweenReleases = 1_000

    /// Lets go of libgit2's caches (see `Repository.releaseCaches`) once every
    /// `itemsBetweenReleases` items: for the long reads of `log`, `blame`, `list` and `validate
    /// --all`, between two items, when nothing is held in memory unwritten.
    func releaseCaches(afterReading count: Int) throws {
        if count > 0 && count % Self.itemsBetweenReleases == 0 { try gitCall { try git.releaseCaches() } }
    }

    /// What `list` shows of each flow, read at the tips given (as `flowTips` finds them, so
    /// that no ref is looked up twice).
    func summaries(_ tips: [(id: String, tip: ObjectID)], releasingCaches: Bool = false) throws -> [FlowSummary] {
        try tips.enumerated().map { index, flow in
            let (id, tip) = flow
            if releasingCaches { try releaseCaches(afterReading: index) }
            var summary = FlowSummary(id: id, main: nil, blockCount: 0, problem: nil, isOpen: false)
            let tipTree = try tree(of: tip)
            do {
                summary.main = try FlowCodec.decodeMain(try mainBytes(inTree: tipTree))
                summary.blockCount = try blockEntries(inTree: tipTree).count
            } catch let error as FlowFileError {
                summary.problem = error
            }
            return summary
        }
    }

    /// Flow `id` as saved at its tip, or at `revision` (resolved against its branch: `~1`, `^`,
    /// an id prefix, a tag, anything git takes).
    public func savedFlow(_ id: String, revision: String? = nil) throws -> Flow {
        try flow(inTree: try tree(of: try commitID(id, revision: revision)))
    }

    /// The commit `revision` names for flow `id`; its tip when nil.
    func commitID(_ id: String, revision: String?) throws -> ObjectID {
        guard let revision else {
            guard let tip = try tip(id) else { throw FlowError.unknownFlow(id, known: try flowIDs()) }
            return tip
        }
        // `@~2`, `HEAD~2`, `~2` and `^` are relative to the flow, as `git rev-parse flows/<id>~2`
        // reads them; `@~2` and `HEAD~2` need no quoting in any shell.
        let branch = try readableBranch(id)
        var relative: String?
        if revision.hasPrefix("~") || revision.hasPrefix("^") {
            relative = revision
        } else if let rest = ["HEAD", "@"].lazy.compactMap({ revision.dropPrefix($0) }).first,
            rest.isEmpty || rest.hasPrefix("~") || rest.hasPrefix("^")
        {
            relative = rest
        }
        do {
            return try git.resolveCommit(relative.map { branch + $0 } ?? revision)
        } catch let error as GitError {
            throw try revisionError(revision, flow: id, relative: relative != nil, error)
        }
    }

    /// Why `revision` names no save of flow `id`, in the flow's words rather than libgit2's.
    private func revisionError(_ revision: String, flow id: String, relative: Bool, _ error: GitError) throws
        -> FlowError
    {
        guard relative else {
            return .badRevision(
                revision, flow: id,
                reason:
                    "no save, commit or tag is called that (give @~N, a commit id prefix, a tag, anything git takes)")
        }
        guard let tip = try tip(id) else { return .unknownFlow(id, known: try flowIDs()) }
        let saves = try gitCall { Array(try History(repository: git, start: tip)).count }
        return .badRevision(
            revision, flow: id,
            reason: "flow '\(id)' has only \(saves) save\(saves == 1 ? "" : "s"), so @~\(saves - 1) is its first")
    }

    /// The open flow as it is in the working tree, unsaved edits included.
    public func workingFlow() throws -> Flow {
        _ = try requireOpenFlowID()
        return try FlowCodec.decode(try WorkingFiles(root: root).read())
    }

    func flow(inTree tree: ObjectID) throws -> Flow {
        var files = [FlowCodec.mainFile: try mainBytes(inTree: tree)]
        for entry in try blockEntries(inTree: tree) {
            files[FlowCodec.blocksFolder + "/" + entry.name] = try gitCall { try git.blobContents(entry.id) }
        }
        return try FlowCodec.decode(files)
    }

    private func mainBytes(inTree tree: ObjectID) throws -> [UInt8] {
        guard let entry = try flowFileEntry(FlowCodec.mainFile, in: tree) else {
            throw FlowFileError(file: FlowCodec.mainFile, line: nil, message: "is missing")
        }
        return try gitCall { try git.blobContents(entry.id) }
    }

    /// The tree of `tree`'s blocks/ folder, nil when there is none; a blocks/ that is not a
    /// folder is an error.
    func blocksFolder(inTree tree: ObjectID) throws -> ObjectID? {
        guard let folder = try gitCall({ try git.treeEntry(tree, path: FlowCodec.blocksFolder) }) else { return nil }
        guard folder.kind == .tree else { throw Self.notRegular(FlowCodec.blocksFolder, folder.kind) }
        return folder.id
    }

    private func blockEntries(inTree tree: ObjectID) throws -> [TreeEntry] {
        guard let folder = try blocksFolder(inTree: tree) else { return [] }
        return try gitCall { try git.treeEntries(folder) }.filter { entry in
            let path = FlowCodec.blocksFolder + "/" + entry.name
            guard FlowCodec.blockID(ofFile: path) != nil else { return false }
            guard entry.kind == .blob else { throw Self.notRegular(path, entry.kind) }
            return true
        }
    }

    /// The entry of flow file `path` in `tree`, nil when there is none; a symbolic link or a
    /// folder there is an error, as flowctl reads only regular files.
    func flowFileEntry(_ path: String, in tree: ObjectID) throws -> TreeEntry? {
        guard let entry = try gitCall({ try git.treeEntry(tree, path: path) }) else { return nil }
        guard entry.kind == .blob else { throw Self.notRegular(path, entry.kind) }
        return entry
    }

    static func notRegular(_ path: String, _ kind: TreeEntry.Kind) -> FlowFileError {
        FlowFileError(
            file: path, line: nil,
            message: kind == .link ? "is a symbolic link; flowctl reads only regular files" : "is not a regular file")
    }
}

extension String {
    /// The rest of the string after `prefix`, nil when it does not start with it.
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
