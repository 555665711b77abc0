/// One thing a three-way merge of two flows could not settle.
public struct FlowConflict: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// One field changed two different ways.
        case field
        /// A block removed on one side and changed on the other (`ours`/`theirs` nil: removed).
        case block
        /// An exit (or the start) that leads to a block the merge removed.
        case danglingExit
    }

    public var kind: Kind
    /// The block, nil for the main block.
    public var block: String?
    /// The field as files and diffs name it (`url`, `next`, `exits.1`); nil for a whole block.
    public var field: String?
    public var ours: Value?
    public var theirs: Value?
    /// A `.block` conflict of a block one side renamed (from this id) and the other removed.
    public var renamedFrom: String? = nil

    /// `block notify: url: ours https://a, theirs https://b`.
    public var description: String {
        let place = [block.map { "block \($0)" } ?? "main", field].compactMap { $0 }.joined(separator: ": ")
        switch kind {
        case .field:
            return "\(place): ours \(ours?.inlineText ?? "(none)"), theirs \(theirs?.inlineText ?? "(none)")"
        case .block:
            let changed = renamedFrom.map { "renamed from \($0)" } ?? "changed"
            return "\(place): "
                + (ours == nil ? "removed by ours, \(changed) by theirs" : "\(changed) by ours, removed by theirs")
        case .danglingExit:
            return "\(place): leads to block '\(ours?.inlineText ?? "")', which the merge removed"
        }
    }

    /// `notify.url`, `notify`, `main.seat`: how `resolve` names it.
    public var name: String {
        let owner = block ?? "main"
        return field.map { "\(owner).\($0)" } ?? owner
    }
}

/// Blocks each side renamed since the common ancestor (old id to new id), as git's rename
/// detection finds them between the ancestor's tree and that side's.
public struct BlockRenames: Sendable, Equatable {
    public var ours: [String: String]
    public var theirs: [String: String]

    public init(ours: [String: String] = [:], theirs: [String: String] = [:]) {
        self.ours = ours
        self.theirs = theirs
    }
}

extension FlowMerge {
    /// Merges two versions of a flow against their common ancestor, block by block and field by
    /// field, following renames: a block one side renamed is merged with the other side's
    /// version of it under its new id (exits to it the other side left alone follow it), as git
    /// merges a renamed file with an edit. A block both sides renamed, differently, is not
    /// followed. A block one side renamed and the other removed is a conflict, as git's
    /// rename/delete is (the merged flow keeps the renamed block, as git keeps the renamed
    /// file). The merged flow holds ours where there is any other conflict. An exit left leading to
    /// a removed block is no conflict (a merge clean block by block is clean, as git's is file
    /// by file): `danglingExits` finds them, for the caller to warn of.
    public static func merge(base: Flow?, ours: Flow, theirs: Flow, renames: BlockRenames = BlockRenames())
        -> (flow: Flow, conflicts: [FlowConflict])
    {
        let clashing = Set(renames.ours.keys).intersection(renames.theirs.keys).filter {
            renames.ours[$0] != renames.theirs[$0]
        }
        // Renamed on one side, gone under both names on the other: git's rename/delete. Not
        // followed (exits to it merge as the files' texts do); a conflict at the new id.
        func renamedAway(_ renames: [String: String], removedIn other: Flow) -> [String: String] {
            renames.filter {
                !clashing.contains($0.key) && other.blocks[$0.key] == nil && other.blocks[$0.value] == nil
            }
        }
        let away = renamedAway(renames.ours, removedIn: theirs).merging(renamedAway(renames.theirs, removedIn: ours)) {
            first, _ in first
        }
        let oursRenames = renames.ours.filter { !clashing.contains($0.key) && away[$0.key] == nil }
        let theirsRenames = renames.theirs.filter { !clashing.contains($0.key) && away[$0.key] == nil }
        return mergeFollowed(
            base: base.map { renaming(oursRenames.merging(theirsRenames) { first, _ in first }, in: $0) },
            ours: renaming(theirsRenames, in: ours, since: base),
            theirs: renaming(oursRenames, in: theirs, since: base),
            renamedAway: Dictionary(away.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first }))
    }

    /// `flow` with each block of `renames` that it has (and whose new id it lacks) moved to its
    /// new id, and the exits and start that led to it following it. Given the common ancestor
    /// `base`, only those exits and that start that `flow` left as `base` has them follow: one
    /// this side made to the old id stays at it, as git's merge leaves it (the file that holds it
    /// changed on this side only, or the driver merges it knowing no renames), for
    /// `danglingExits` to name.
    static func renaming(_ renames: [String: String], in flow: Flow, since base: Flow? = nil) -> Flow {
        let moving = renames.filter { flow.blocks[$0.key] != nil && flow.blocks[$0.value] == nil }
        guard !moving.isEmpty else { return flow }
        var renamed = flow
        for (old, new) in moving {
            renamed.blocks[old] = nil
            var block = flow.blocks[old]!
            block.id = new
            renamed.blocks[new] = block
        }
        func follows(_ value: String, was old: String?) -> Bool { base == nil || old == value }
        if let start = renamed.main.start, let new = moving[start], follows(start, was: base?.main.start) {
            renamed.main.start = new
        }
        let newToOld = Dictionary(moving.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        for (id, block) in renamed.blocks {
            let before = base?.blocks[newToOld[id] ?? id]?.exits ?? [:]
            renamed.blocks[id]?.exits = Dictionary(
                uniqueKeysWithValues: block.exits.map { exit, target in
                    guard let new = moving[target], follows(target, was: before[exit]) else { return (exit, target) }
                    return (exit, new)
                })
        }
        return renamed
    }

    static func mergeFollowed(base: Flow?, ours: Flow, theirs: Flow, renamedAway: [String: String] = [:])
        -> (flow: Flow, conflicts: [FlowConflict])
    {
        var conflicts: [FlowConflict] = []
        var merged = ours
        let (mainFields, mainConflicts) = mergeFields(
            base: base.map { fields($0.main) }, ours: fields(ours.main), theirs: fields(theirs.main))
        merged.main = mainBlock(mainFields)
        conflicts += mainConflicts.map {
            FlowConflict(kind: .field, block: nil, field: $0.field, ours: $0.ours, theirs: $0.theirs)
        }
        let ids = Set(ours.blocks.keys).union(theirs.blocks.keys).union(base?.blocks.keys ?? [:].keys)
        for id in ids.sorted(by: BlockOrder.natural) {
            let (original, mine, other) = (base?.blocks[id], ours.blocks[id], theirs.blocks[id])
            if let old = renamedAway[id] {
                // Git's rename/delete: the rename is a change the removal would silently undo,
                // so the renamed block stays (as git leaves the renamed file) until resolved.
                merged.blocks[id] = mine ?? other
                var conflict = FlowConflict(
                    kind: .block, block: id, field: nil, ours: mine.map { _ in .string("changed") },
                    theirs: other.map { _ in .string("changed") })
                conflict.renamedFrom = old
                conflicts.append(conflict)
                continue
            }
            if mine == other || other == original { continue }
            if mine == original {
                merged.blocks[id] = other
                continue
            }
            guard let mine, let other else {
                // Removed on one side, changed on the other: ours stays until resolved.
                conflicts.append(
                    FlowConflict(
                        kind: .block, block: id, field: nil, ours: mine.map { _ in .string("changed") },
                        theirs: other.map { _ in .string("changed") }))
                continue
            }
            let (blockFields, blockConflicts) = mergeFields(
                base: original.map(fields), ours: fields(mine), theirs: fields(other))
            merged.blocks[id] = block(id: id, blockFields)
            conflicts += blockConflicts.map {
                FlowConflict(kind: .field, block: id, field: displayName($0.field), ours: $0.ours, theirs: $0.theirs)
            }
        }
        return (merged, conflicts)
    }

    /// Exits and the start that lead to no block: after a merge, what `validate` rejects.
    public static func danglingExits(in flow: Flow) -> [FlowConflict] {
        var found: [FlowConflict] = []
        if let start = flow.main.start, flow.blocks[start] == nil {
            found.append(FlowConflict(kind: .danglingExit, block: nil, field: "start", ours: .string(start)))
        }
        for block in flow.sortedBlocks {
            for (exit, target) in block.exits.sorted(by: { $0.key < $1.key }) where flow.blocks[target] == nil {
                found.append(
                    FlowConflict(
                        kind: .danglingExit, block: block.id, field: displayName("exits." + exit),
                        ours: .string(target)))
            }
        }
        return found
    }

    /// `exits.next` is written `next` at the top of a block file, and named so.
    static func displayName(_ field: String) -> String { field == "exits.next" ? "next" : field }

    /// The field name `fields(_:)` uses for a displayed one.
    public static func fieldKey(_ displayed: String) -> String { displayed == "next" ? "exits.next" : displayed }

    static func mergeFields(base: [String: Value]?, ours: [String: Value], theirs: [String: Value])
        -> (fields: [String: Value], conflicts: [Conflict])
    {
        var merged = ours
        var conflicts: [Conflict] = []
        for field in Set(ours.keys).union(theirs.keys).union(base?.keys ?? [:].keys).sorted() {
            let (original, mine, other) = (base?[field], ours[field], theirs[field])
            if mine == other || other == original { continue }
            if mine == original {
                merged[field] = other
                continue
            }
            conflicts.append(Conflict(field: field, ours: mine, theirs: other))
        }
        return (merged, conflicts)
    }

    /// A field's value in a block (or the main block, `block` nil), by the name `FlowConflict`
    /// gives it; nil when absent.
    public static func value(of field: String, block: String?, in flow: Flow) -> Value? {
        if let block {
            return flow.blocks[block].flatMap { fields($0)[fieldKey(field)] }
        }
        return fields(flow.main)[field]
    }

    /// `flow` with one field set (nil: removed), as `resolve` settles a conflict.
    public static func setting(_ field: String, block: String?, to value: Value?, in flow: Flow) -> Flow {
        var flow = flow
        if let block {
            guard let current = flow.blocks[block] else { return flow }
            var blockFields = fields(current)
            blockFields[fieldKey(field)] = value
            flow.blocks[block] = self.block(id: block, blockFields)
        } else {
            var mainFields = fields(flow.main)
            mainFields[field] = value
            flow.main = mainBlock(mainFields)
        }
        return flow
    }
}
