/// What `validate` finds in one block on its own, and the exits the flow-wide checks follow.
/// It depends only on the block's id and file (and the catalog), so a save can keep it by blob
/// id and not read an unchanged block again: `FlowValidator` puts a flow's checks together.
public struct BlockCheck: Hashable, Sendable {
    /// A finding about one field (nil: the block as a whole).
    public struct Note: Hashable, Sendable {
        public var field: String?
        public var message: String

        public init(field: String?, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// One exit of the block, by name order.
    public struct Exit: Hashable, Sendable {
        public var name: String
        public var target: String
        /// Why the block's type has no such exit; nil when it has.
        public var refusal: String?

        public init(name: String, target: String, refusal: String?) {
            self.name = name
            self.target = target
            self.refusal = refusal
        }

        /// The field a finding about the exit names: `next`, or `exits.<name>`.
        public var field: String { name == Block.nextExit ? name : "exits.\(name)" }
    }

    /// False when the type is not in the catalog: `errors` says so, and nothing else is checked.
    public var knowsType: Bool
    /// Errors in the block itself: its type, or its parameters against the type.
    public var errors: [Note]
    public var exits: [Exit]
    /// Warnings in the block itself: credentials written in clear.
    public var warnings: [Note]

    public init(knowsType: Bool, errors: [Note], exits: [Exit], warnings: [Note]) {
        self.knowsType = knowsType
        self.errors = errors
        self.exits = exits
        self.warnings = warnings
    }

    /// The checks of `block` against `catalog`.
    public init(_ block: Block, catalog: Catalog = .standard) {
        let sortedExits = block.exits.sorted { $0.key < $1.key }
        guard let type = catalog.type(named: block.type) else {
            let message =
                "unknown block type '\(block.type)'; known types: \(catalog.typeNames.joined(separator: ", "))"
            self.init(
                knowsType: false, errors: [Note(field: "type", message: message)],
                exits: sortedExits.map { Exit(name: $0.key, target: $0.value, refusal: nil) }, warnings: [])
            return
        }
        let allowed = type.exits(of: block)
        let exits = sortedExits.map { exit, target in
            Exit(
                name: exit, target: target,
                refusal: allowed.contains(exit)
                    ? nil
                    : "\(type.name) blocks have no exit '\(exit)'"
                        + (allowed.isEmpty ? "" : "; exits: \(allowed.joined(separator: ", "))"))
        }
        self.init(
            knowsType: true,
            errors: FlowValidator.problems(in: block, type: type).map { Note(field: $0.field, message: $0.message) }
                + EngineRules.errors(in: block),
            exits: exits,
            warnings: FlowValidator.clearCredentials(in: block).map { Note(field: $0.field, message: $0.message) }
                + EngineRules.warnings(in: block))
    }
}
