import CallFlow
import FlowRepository

/// The `--json` shapes. Field names here are a promise to scripts: add, never rename or remove.
struct FlowJSON: Encodable {
    var id: String
    var name: String
    var `extension`: String?
    var numbers: [String]
    var seat: String?
    var start: String?
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

    func encode(to encoder: Encoder) throws {
        // Unset fields are null rather than missing, so every flow has the same keys.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(self.extension, forKey: .extension)
        try container.encode(numbers, forKey: .numbers)
        try container.encode(seat, forKey: .seat)
        try container.encode(start, forKey: .start)
        try container.encode(blocks, forKey: .blocks)
    }

    private enum CodingKeys: String, CodingKey { case id, name, `extension`, numbers, seat, start, blocks }
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

/// One change: `kind` is `main`, `added`, `removed` or `changed`; `block` is absent for the main
/// block; `field` is absent for whole blocks added or removed.
struct ChangeJSON: Encodable {
    var kind: String
    var block: String?
    var field: String?
    var old: Value?
    var new: Value?

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
        }
    }

    func encode(to encoder: Encoder) throws {
        // Absent old/new mean "none": written as null so every change has the same keys.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(block, forKey: .block)
        try container.encode(field, forKey: .field)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
    }

    private enum CodingKeys: String, CodingKey { case kind, block, field, old, new }
}
