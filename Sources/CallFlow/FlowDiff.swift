/// One difference between two versions of a flow, at the level a reviewer thinks in: a main
/// block field, a whole block added or removed, or one field of a block (a parameter, its type,
/// or an exit, named `next` or `exits.<name>`).
public enum FlowChange: Hashable, Sendable {
    case mainField(field: String, old: Value?, new: Value?)
    case blockAdded(Block)
    case blockRemoved(Block)
    case blockField(block: String, field: String, old: Value?, new: Value?)
    /// A block with a new id and the same type and mostly the same fields (any further field
    /// changes follow as `blockField` changes under its new id).
    case blockRenamed(from: String, to: String)
}

/// The semantic difference between two flows: stable and ordered (main block fields in file
/// order, then blocks by id; within a block, type, parameters in catalog order, then exits).
public enum FlowDiff {
    public static func changes(from old: Flow, to new: Flow) -> [FlowChange] {
        var changes: [FlowChange] = []
        if old.main != new.main {
            for ((field, before), (_, after)) in zip(old.main.fields, new.main.fields) where before != after {
                changes.append(.mainField(field: field, old: before, new: after))
            }
        }
        // Most diffs keep every block id: there is then no rename to look for.
        let sameIDs = old.blocks.count == new.blocks.count && old.blocks.keys.allSatisfy { new.blocks[$0] != nil }
        let renames = sameIDs ? [:] : renamedBlocks(from: old, to: new)
        let renamedFrom = Set(renames.values)
        let ids =
            sameIDs
            ? old.blocks.keys.sorted(by: BlockOrder.natural)
            : Set(old.blocks.keys).union(new.blocks.keys).sorted(by: BlockOrder.natural)
        for id in ids {
            switch (old.blocks[id], new.blocks[id]) {
            case (nil, let added?):
                if let from = renames[id], var before = old.blocks[from] {
                    changes.append(.blockRenamed(from: from, to: id))
                    before.id = id
                    changes += fieldChanges(from: before, to: added)
                } else {
                    changes.append(.blockAdded(added))
                }
            case (let removed?, nil):
                if !renamedFrom.contains(id) { changes.append(.blockRemoved(removed)) }
            case (let before?, let after?): changes += fieldChanges(from: before, to: after)
            case (nil, nil): break
            }
        }
        return changes
    }

    /// Blocks that went under one id and came back under another, by new id: each removed block
    /// paired with the added block of the same type most like it, when at least half of their
    /// fields (parameters and exits) agree, as git pairs renamed files by content.
    static func renamedBlocks(from old: Flow, to new: Flow) -> [String: String] {
        let removed = old.blocks.values.filter { new.blocks[$0.id] == nil }.sorted { $0.id < $1.id }
        var added = new.blocks.values.filter { old.blocks[$0.id] == nil }
        var renames: [String: String] = [:]
        for gone in removed {
            let scored = added.filter { $0.type == gone.type }.map { ($0, similarity(gone, $0)) }
            guard let (best, score) = scored.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.id > $1.0.id) }),
                score >= 0.5
            else { continue }
            renames[best.id] = gone.id
            added.removeAll { $0.id == best.id }
        }
        return renames
    }

    /// The share of fields two blocks agree on; an exit to itself counts as the same exit.
    private static func similarity(_ a: Block, _ b: Block) -> Double {
        let names = Set(a.parameters.keys).union(b.parameters.keys)
        let exits = Set(a.exits.keys).union(b.exits.keys)
        let total = names.count + exits.count
        guard total > 0 else { return 1 }
        let same =
            names.filter { a.parameters[$0] == b.parameters[$0] }.count
            + exits.filter { a.exits[$0].map { $0 == a.id ? b.id : $0 } == b.exits[$0] }.count
        return Double(same) / Double(total)
    }

    private static func fieldChanges(from old: Block, to new: Block) -> [FlowChange] {
        var changes: [FlowChange] = []
        func compare(_ field: String, _ before: Value?, _ after: Value?) {
            if before != after { changes.append(.blockField(block: old.id, field: field, old: before, new: after)) }
        }
        if old.type != new.type { compare("type", .string(old.type), .string(new.type)) }
        // The catalog's parameters in its order, each looked up once a side; then, if either
        // block has others, those by name (the order `Block.ordered` gives).
        let known = Block.catalogParameterNames(of: new.type)
        var (knownBefore, knownAfter) = (0, 0)
        for name in known {
            let (before, after) = (old.parameters[name], new.parameters[name])
            if before != nil { knownBefore += 1 }
            if after != nil { knownAfter += 1 }
            compare(name, before, after)
        }
        if knownBefore < old.parameters.count || knownAfter < new.parameters.count {
            for name in Set(old.parameters.keys).union(new.parameters.keys).subtracting(known).sorted() {
                compare(name, old.parameters[name], new.parameters[name])
            }
        }
        if old.exits != new.exits {
            for exit in Set(old.exits.keys).union(new.exits.keys).sorted(by: exitOrder) {
                let field = exit == Block.nextExit ? exit : "exits.\(exit)"
                compare(field, old.exits[exit].map(Value.string), new.exits[exit].map(Value.string))
            }
        }
        return changes
    }

    /// `next` first, then the other exits by name.
    private static func exitOrder(_ a: String, _ b: String) -> Bool {
        if (a == Block.nextExit) != (b == Block.nextExit) { return a == Block.nextExit }
        return a < b
    }
}
