import CLibGit2

/// A path a three-way tree merge could not settle, as git leaves it: the index's stages (1 the
/// common ancestor's, 2 ours, 3 theirs; nil where that side has no file) and what git writes in
/// the working tree (the file with conflict markers; the surviving side's file when one side
/// removed it).
public struct MergeConflict: Sendable, Equatable {
    public var path: String
    public var base: TreeChange.Side?
    public var ours: TreeChange.Side?
    public var theirs: TreeChange.Side?
    /// The working file git writes; nil when there is none (both sides removed it).
    public var workingFile: [UInt8]?
}

/// The outcome of `mergeTrees`: the merged tree (each conflicting path as ours has it), and
/// the conflicts.
public struct TreeMerge: Sendable {
    public var tree: ObjectID
    public var conflicts: [MergeConflict]
}

extension Repository {
    /// Merges trees `ours` and `theirs` against `base` (nil: the empty tree) as git's merge
    /// does, renames followed, except that each path `replacing` claims is taken out of all
    /// three and `adding` is put into the result instead. Nothing touches the repository's own
    /// index or working tree. Conflict markers are labelled `oursLabel` and `theirsLabel`.
    public func mergeTrees(
        base: ObjectID?, ours: ObjectID, theirs: ObjectID, replacing: (String) -> Bool,
        adding: [String: ObjectID], labels: (ours: String, theirs: String)
    ) throws -> TreeMerge {
        var options = git_merge_options()
        try GitError.check(
            git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "git_merge_options_init")
        var merged: OpaquePointer?
        try withOptionalMergeTree(base) { baseTree in
            try withTree(ours) { oursTree in
                try withTree(theirs) { theirsTree in
                    try GitError.check(
                        git_merge_trees(&merged, pointer, baseTree, oursTree, theirsTree, &options), "git_merge_trees")
                }
            }
        }
        defer { git_index_free(merged) }
        var clean: [(path: String, side: TreeChange.Side)] = []
        var stages: [String: [Int: TreeChange.Side]] = [:]
        for position in 0..<git_index_entrycount(merged) {
            guard let entry = git_index_get_byindex(merged, position)?.pointee, let raw = entry.path else { continue }
            let path = String(cString: raw)
            if replacing(path) { continue }
            let side = TreeChange.Side(
                id: ObjectID(entry.id), kind: TreeEntry.Kind(mode: entry.mode),
                isExecutable: entry.mode == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue)
            let stage = Int((entry.flags >> 12) & 0x3)
            if stage == 0 { clean.append((path, side)) } else { stages[path, default: [:]][stage] = side }
        }
        var conflicts: [MergeConflict] = []
        for (path, sides) in stages.sorted(by: { $0.key < $1.key }) {
            var conflict = MergeConflict(path: path, base: sides[1], ours: sides[2], theirs: sides[3])
            conflict.workingFile = try workingFile(of: conflict, labels: labels)
            conflicts.append(conflict)
            if let ours = sides[2] { clean.append((path, ours)) }
        }
        for (path, id) in adding {
            clean.append((path, TreeChange.Side(id: id, kind: .blob, isExecutable: false)))
        }
        return TreeMerge(tree: try writeTree(clean), conflicts: conflicts)
    }

    /// What git leaves in the working tree for a conflict: both sides' files merged by lines with
    /// conflict markers, or the one side's file that remains.
    private func workingFile(of conflict: MergeConflict, labels: (ours: String, theirs: String)) throws -> [UInt8]? {
        guard let ours = conflict.ours, let theirs = conflict.theirs else {
            return try (conflict.ours ?? conflict.theirs).map { try blobContents($0.id) }
        }
        var options = git_merge_file_options()
        try GitError.check(
            git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)),
            "git_merge_file_options_init")
        var result = git_merge_file_result()
        defer { git_merge_file_result_free(&result) }
        func input(_ side: TreeChange.Side?) throws -> ([UInt8], UInt32) {
            guard let side else { return ([], 0) }
            return (try blobContents(side.id), side.isExecutable ? 0o100755 : 0o100644)
        }
        let (baseBytes, baseMode) = try input(conflict.base)
        let (oursBytes, oursMode) = try input(ours)
        let (theirsBytes, theirsMode) = try input(theirs)
        try baseBytes.withUnsafeBufferPointer { baseBuffer in
            try oursBytes.withUnsafeBufferPointer { oursBuffer in
                try theirsBytes.withUnsafeBufferPointer { theirsBuffer in
                    try labels.ours.withCString { oursLabel in
                        try labels.theirs.withCString { theirsLabel in
                            options.our_label = oursLabel
                            options.their_label = theirsLabel
                            func file(_ buffer: UnsafeBufferPointer<UInt8>, _ mode: UInt32) -> git_merge_file_input {
                                var input = git_merge_file_input()
                                input.version = UInt32(GIT_MERGE_FILE_INPUT_VERSION)
                                input.ptr = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                                input.size = buffer.count
                                input.mode = mode
                                return input
                            }
                            var baseInput = file(baseBuffer, baseMode)
                            var oursInput = file(oursBuffer, oursMode)
                            var theirsInput = file(theirsBuffer, theirsMode)
                            try GitError.check(
                                git_merge_file(&result, &baseInput, &oursInput, &theirsInput, &options),
                                "git_merge_file")
                        }
                    }
                }
            }
        }
        guard let pointer = result.ptr else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: result.len).bindMemory(to: UInt8.self))
    }

    /// A tree of `entries` (paths to files), written through an in-memory index.
    private func writeTree(_ entries: [(path: String, side: TreeChange.Side)]) throws -> ObjectID {
        var index: OpaquePointer?
        try GitError.check(git_index_new(&index), "git_index_new")
        defer { git_index_free(index) }
        for (path, side) in entries {
            var entry = git_index_entry()
            entry.id = side.id.raw
            entry.mode = side.mode.rawValue
            try path.withCString { raw in
                entry.path = raw
                try GitError.check(git_index_add(index, &entry), "git_index_add")
            }
        }
        var tree = git_oid()
        try GitError.check(git_index_write_tree_to(&tree, index, pointer), "git_index_write_tree_to")
        return ObjectID(tree)
    }

    /// Sets the conflict stages of each of `conflicts` in the repository's index, in place of
    /// its stage-0 entry, as git's merge leaves them; writes the index.
    public func setIndexConflicts(_ conflicts: [MergeConflict]) throws {
        try withIndex { index in
            for conflict in conflicts {
                func entry(_ side: TreeChange.Side?) -> git_index_entry? {
                    guard let side else { return nil }
                    var entry = git_index_entry()
                    entry.id = side.id.raw
                    entry.mode = side.isExecutable ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
                    return entry
                }
                try conflict.path.withCString { raw in
                    var sides = [entry(conflict.base), entry(conflict.ours), entry(conflict.theirs)]
                    for position in sides.indices { sides[position]?.path = raw }
                    if git_index_get_bypath(index, raw, 0) != nil {
                        try GitError.check(git_index_remove(index, raw, 0), "git_index_remove")
                    }
                    try withOptionalPointer(sides[0]) { base in
                        try withOptionalPointer(sides[1]) { ours in
                            try withOptionalPointer(sides[2]) { theirs in
                                try GitError.check(
                                    git_index_conflict_add(index, base, ours, theirs), "git_index_conflict_add")
                            }
                        }
                    }
                }
            }
            try GitError.check(git_index_write(index), "git_index_write")
        }
    }

    /// Paths of the repository's index that have conflict stages.
    public func indexConflictPaths() throws -> [String] { try indexConflictStages().keys.sorted() }

    /// Each path of the repository's index that has conflict stages, and which it has (1 the
    /// common ancestor's, 2 ours, 3 theirs): a side missing is a side that removed it.
    public func indexConflictStages() throws -> [String: Set<Int>] {
        try withIndex { index in
            var stages: [String: Set<Int>] = [:]
            for position in 0..<git_index_entrycount(index) {
                guard let entry = git_index_get_byindex(index, position)?.pointee, let raw = entry.path else {
                    continue
                }
                let stage = Int((entry.flags >> 12) & 0x3)
                if stage != 0 { stages[String(cString: raw), default: []].insert(stage) }
            }
            return stages
        }
    }

    /// Each file renamed from tree `old` to tree `new` under `paths`, as `git diff -M` finds
    /// renames (half its content alike): old path to new path.
    public func renames(from old: ObjectID?, to new: ObjectID, paths: [String]) throws -> [String: String] {
        let diff = try self.diff(from: old, to: .tree(new), paths: paths)
        try diff.findRenames()
        var found: [String: String] = [:]
        for delta in diff.deltas where delta.status == GIT_DELTA_RENAMED {
            if let from = delta.old_file.path, let to = delta.new_file.path {
                found[String(cString: from)] = String(cString: to)
            }
        }
        return found
    }

    private func withOptionalMergeTree<T>(_ id: ObjectID?, _ body: (OpaquePointer?) throws -> T) throws -> T {
        guard let id else { return try body(nil) }
        return try withTree(id) { try body($0) }
    }
}

private func withOptionalPointer<T>(
    _ value: git_index_entry?, _ body: (UnsafePointer<git_index_entry>?) throws -> T
) throws -> T {
    guard var value else { return try body(nil) }
    return try withUnsafePointer(to: &value) { try body($0) }
}
