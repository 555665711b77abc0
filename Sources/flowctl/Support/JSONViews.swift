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

/// One change: `kind` is `main`, `added`, `removed`, `changed` or `renamed`; `block` is null for
/// the main block; `field` is null for whole blocks; an added block's `new` and a removed one's
/// `old` is the whole block; an unset `old` or `new` is null.
struct ChangeJSON: Encodable {
    /// A whole block, as an added block's `new` or a removed one's `old`: its type, parameters
    /// and exits, as `show --format json` has them.
    static func content(_ block: Block) -> Value {
        .map([
            "id": .string(block.id), "type": .string(block.type), "parameters": .map(block.parameters),
            "exits": .map(block.exits.mapValues(Value.string)),
        ])
    }

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
            (kind, self.block, new) = ("added", block.id, Self.content(block))
        case .blockRemoved(let block):
            (kind, self.block, old) = ("removed", block.id, Self.content(block))
        case .blockField(let block, let field, let old, let new):
            (kind, self.block, self.field, self.old, self.new) = ("changed", block, field, old, new)
        case .blockRenamed(let from, let to):
            (kind, self.block, self.old, self.new) = ("renamed", to, .string(from), .string(to))
        }
    }
}
