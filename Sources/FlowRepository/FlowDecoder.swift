import CallFlow
import Foundation
import Git

/// Flow files read from git trees and decoded, each blob once while it is still needed: the
/// read side's caches. A history walk reads each save's tree as the newer side of one diff and
/// the older side of the next (see `startDecodingGeneration`).
final class FlowDecoder {
    let git: Repository
    let root: URL
    /// Flow files decoded from git, by blob id (and block id), this generation's and the one
    /// before (see `startDecodingGeneration`).
    var decodedMains = TwoGenerations<ObjectID, MainBlock>()
    var decodedBlocks = TwoGenerations<DecodedKey, Block>()
    /// The entries of the trees read last (see `flowEntries`).
    var readTrees = RecentlyRead<ObjectID, TreeListing>(capacity: 8)
    /// What is read in place of the working tree while another command's change is in progress
    /// (the open flow's last save; see FlowReader+Pending); nil: the working tree itself.
    var workingTreeStandIn: DiffTarget?

    init(git: Repository, root: URL) {
        self.git = git
        self.root = root
    }

    /// The whole flow in `tree`.
    func flow(inTree tree: ObjectID) throws -> Flow {
        var files = [FlowCodec.mainFile: try mainBytes(inTree: tree)]
        for entry in try blockEntries(inTree: tree) {
            files[FlowCodec.blocksFolder + "/" + entry.name] = try gitCall { try git.blobContents(entry.id) }
        }
        return try FlowCodec.decode(files)
    }

    func mainBytes(inTree tree: ObjectID) throws -> [UInt8] {
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

    func blockEntries(inTree tree: ObjectID) throws -> [TreeEntry] {
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
}
