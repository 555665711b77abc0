import CallFlow
import FlowRepository

/// The `--json` shapes. Field names here are a promise to scripts: add, never rename or remove.
struct FlowJSON: Encodable {
    var id: String
    var name: String
    @Nullable var `extension`: String?
    var numbers: [String]
    @Nullable var seat: String?
    @Nullable var start: String?
    var blocks: [BlockJSON]

    init(id: String, flow: Flow) {
        self.id = id
        name = flow.main.name
        self.extension = flow.main.extension
        numbers = flow.main.numbers
        seat = flow.main.seat
        start = flow.main.start
        blocks = flow.sortedBlocks.map(BlockJSON.init)
    }
}

struct BlockJSON: Encodable {
    var id: String
    var type: String
    var parameters: [String: Value]
    var exits: [String: String]

    init(_ block: Block) {
        id = block.id
        type = block.type
        parameters = block.parameters
        exits = block.exits
    }
}

/// One change: `kind` is `main`, `added`, `removed` or `changed`; `block` is null for the main
/// block; `field` is null for whole blocks added or removed; an unset `old` or `new` is null.
struct ChangeJSON: Encodable {
    var kind: String
    @Nullable var block: String?
    @Nullable var field: String?
    @Nullable var old: Value?
    @Nullable var new: Value?

    init(_ change: FlowChange) {
        switch change {
        case .mainField(let field, let old, let new):
            (kind, self.field, self.old, self.new) = ("main", field, old, new)
        case .blockAdded(let block):
            (kind, self.block) = ("added", block.id)
        case .blockRemoved(let block):
            (kind, self.block) = ("removed", block.id)
        case .blockField(let block, let field, let old, let new):
            (kind, self.block, self.field, self.old, self.new) = ("changed", block, field, old, new)
        case .blockRenamed(let from, let to):
            (kind, self.block, self.old, self.new) = ("renamed", to, .string(from), .string(to))
        }
    }
}
