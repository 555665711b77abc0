import CallFlow

/// One field of a flow as it is now, and the save that last set it.
public struct BlameEntry: Sendable {
    /// The block's id, nil for the main block.
    public var block: String?
    public var field: String
    public var value: Value?
    /// The save that last set the field; nil when the history does not say (a broken save).
    public var save: SaveInfo?
}

extension FlowHistory {
    /// For every field of flow `id` as saved (the main block's, then each block's type,
    /// parameters and exits), the save that last set it, following block renames back. From
    /// its tip, or from `revision` (a remote-tracking branch: the remote's last fetched save).
    public func blame(_ id: String, from revision: String? = nil) throws -> [BlameEntry] {
        let flow = try reader.savedFlow(id, revision: revision)
        var entries: [BlameEntry] = flow.main.fields.compactMap { field, value in
            value.map { BlameEntry(block: nil, field: field, value: $0, save: nil) }
        }
        for block in flow.sortedBlocks {
            entries.append(BlameEntry(block: block.id, field: "type", value: .string(block.type), save: nil))
            for name in block.orderedParameterNames {
                entries.append(BlameEntry(block: block.id, field: name, value: block.parameters[name], save: nil))
            }
            for (exit, target) in block.exits.sorted(by: { $0.key < $1.key }) {
                let field = exit == Block.nextExit ? exit : "exits.\(exit)"
                entries.append(BlameEntry(block: block.id, field: field, value: .string(target), save: nil))
            }
        }
        // Each entry's block id as the history being walked knows it (renames undone going back).
        var historicalBlock = entries.map(\.block)
        for save in try history(id, from: revision) {
            for change in save.changes {
                for index in entries.indices where entries[index].save == nil {
                    switch change {
                    case .mainField(let field, _, _)
                    where historicalBlock[index] == nil && entries[index].field == field:
                        entries[index].save = save
                    case .blockField(let block, let field, _, _)
                    where historicalBlock[index] == block && entries[index].field == field:
                        entries[index].save = save
                    case .blockAdded(let block) where historicalBlock[index] == block.id:
                        entries[index].save = save
                    default: break
                    }
                }
            }
            for case .blockRenamed(let from, let to) in save.changes {
                for index in entries.indices where historicalBlock[index] == to && entries[index].save == nil {
                    historicalBlock[index] = from
                }
            }
            if entries.allSatisfy({ $0.save != nil }) { break }
        }
        return entries
    }
}
