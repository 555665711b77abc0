/// One difference between two versions of a flow, at the level a reviewer thinks in: a main
/// block field, a whole block added or removed, or one field of a block (a parameter, its type,
/// or an exit, named `next` or `exits.<name>`).
public enum FlowChange: Hashable, Sendable {
    case mainField(field: String, old: Value?, new: Value?)
    case blockAdded(Block)
    case blockRemoved(Block)
    case blockField(block: String, field: String, old: Value?, new: Value?)
}

/// The semantic difference between two flows: stable and ordered (main block fields in file
/// order, then blocks by id; within a block, type, parameters in catalog order, then exits).
public enum FlowDiff {
    public static func changes(from old: Flow, to new: Flow) -> [FlowChange] {
        var changes: [FlowChange] = []
        for ((field, before), (_, after)) in zip(old.main.fields, new.main.fields) where before != after {
            changes.append(.mainField(field: field, old: before, new: after))
        }
        let ids = Set(old.blocks.keys).union(new.blocks.keys).sorted()
        for id in ids {
            switch (old.blocks[id], new.blocks[id]) {
            case (nil, let added?): changes.append(.blockAdded(added))
            case (let removed?, nil): changes.append(.blockRemoved(removed))
            case (let before?, let after?): changes += fieldChanges(from: before, to: after)
            case (nil, nil): break
            }
        }
        return changes
    }

    private static func fieldChanges(from old: Block, to new: Block) -> [FlowChange] {
        var changes: [FlowChange] = []
        func compare(_ field: String, _ before: Value?, _ after: Value?) {
            if before != after { changes.append(.blockField(block: old.id, field: field, old: before, new: after)) }
        }
        compare("type", .string(old.type), .string(new.type))
        var union = new
        union.parameters.merge(old.parameters) { kept, _ in kept }
        for name in union.orderedParameterNames {
            compare(name, old.parameters[name], new.parameters[name])
        }
        for exit in Set(old.exits.keys).union(new.exits.keys).sorted(by: exitOrder) {
            let field = exit == Block.nextExit ? exit : "exits.\(exit)"
            compare(field, old.exits[exit].map(Value.string), new.exits[exit].map(Value.string))
        }
        return changes
    }

    /// `next` first, then the other exits by name.
    private static func exitOrder(_ a: String, _ b: String) -> Bool {
        if (a == Block.nextExit) != (b == Block.nextExit) { return a == Block.nextExit }
        return a < b
    }
}
