/// An edit that the flow's current shape does not allow, with the reason.
public struct EditError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// `BLOCK[:EXIT]` on the command line: an exit of a block, or `main` for the flow's start.
public struct ExitReference: Hashable, Sendable, CustomStringConvertible {
    public static let main = "main"

    public var block: String
    /// Nil for the block's `next` (or, for `main`, the start).
    public var exit: String?

    public init(block: String, exit: String? = nil) {
        self.block = block
        self.exit = exit
    }

    public init(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else {
            self.init(block: text)
            return
        }
        self.init(block: String(text[..<colon]), exit: String(text[text.index(after: colon)...]))
    }

    public var description: String { exit.map { "\(block):\($0)" } ?? block }
}

extension Flow {
    /// The configurator's rule: action blocks only once the main block has a name and a seat.
    public func checkCanHaveBlocks() throws(EditError) {
        guard !main.name.isEmpty, main.seat != nil else {
            throw EditError(
                "action blocks can be added only once the main block has a name and a seat: "
                    + "assign one with 'flowctl set-main --seat SEAT'")
        }
    }

    /// A fresh id for a block of `type`: the type itself, or `type-2`, `type-3`, ...
    public func freshBlockID(for type: String) -> String {
        Slug.unique(type) { blocks[$0] != nil || $0 == ExitReference.main }
    }

    /// Adds a block of `type` with `settings` (defaults filled in). The first block becomes the
    /// start; `after` splices it in: it takes over that exit, and its `next` leads where the exit
    /// led. Returns the new block's id.
    @discardableResult
    public mutating func addBlock(
        type: BlockType, id: String?, after: ExitReference?, settings: [Setting]
    ) throws -> String {
        try checkCanHaveBlocks()
        let id = id ?? freshBlockID(for: type.name)
        if let problem = FlowCodec.blockReferenceProblem(id) { throw EditError(problem) }
        guard id != ExitReference.main else { throw EditError("'main' names the main block; choose another id") }
        guard blocks[id] == nil else { throw EditError("a block '\(id)' exists already; choose another --id") }
        var block = Block(id: id, type: type.name)
        for spec in type.parameters where spec.onlyWhen == nil {
            block.parameters[spec.name] = spec.defaultValue
        }
        try block.apply(settings, type: type)
        let splice = after ?? (main.start == nil ? ExitReference(block: ExitReference.main) : nil)
        if let splice {
            let previous = try target(of: splice)
            if let previous {
                guard type.hasNextExit else {
                    throw EditError(
                        "\(type.name) blocks have no next exit to go on to '\(previous)'; splice it after another exit")
                }
                block.exits[Block.nextExit] = previous
            }
            blocks[id] = block
            try setTarget(of: splice, to: id)
        } else {
            blocks[id] = block
        }
        return id
    }

    /// Points an exit (or the start, for `main`) at `target`, or clears it when `target` is nil.
    public mutating func connect(_ exit: ExitReference, to target: String?) throws {
        if let target, blocks[target] == nil { throw EditError("there is no block '\(target)' to connect to") }
        try setTarget(of: exit, to: target)
    }

    /// Removes block `id`. Every exit that led to it (and the start) is cleared, or with `bridge`
    /// led on to where its `next` led.
    public mutating func removeBlock(_ id: String, bridge: Bool) throws {
        guard let removed = blocks.removeValue(forKey: id) else { throw EditError("there is no block '\(id)'") }
        let replacement = bridge ? removed.exits[Block.nextExit].flatMap { $0 == id ? nil : $0 } : nil
        if main.start == id { main.start = replacement }
        for (otherID, var other) in blocks {
            for (exit, target) in other.exits where target == id {
                other.exits[exit] = replacement
            }
            blocks[otherID] = other
        }
    }

    /// Renames block `old` to `new` and rewires every exit and the start that led to it.
    public mutating func renameBlock(_ old: String, to new: String) throws {
        guard var block = blocks.removeValue(forKey: old) else { throw EditError("there is no block '\(old)'") }
        guard Slug.isValid(new), new != ExitReference.main else {
            blocks[old] = block
            throw EditError("'\(new)' is not a block id: use 1 to 64 of a-z, 0-9 and '-' (and not 'main')")
        }
        guard blocks[new] == nil else {
            blocks[old] = block
            throw EditError("there is a block '\(new)' already")
        }
        block.id = new
        for (exit, target) in block.exits where target == old { block.exits[exit] = new }
        blocks[new] = block
        if main.start == old { main.start = new }
        for (otherID, var other) in blocks {
            for (exit, target) in other.exits where target == old { other.exits[exit] = new }
            blocks[otherID] = other
        }
    }

    /// Points every callflow block that hands calls to one of `targets` (ids or names) at `id`;
    /// returns whether any changed.
    public mutating func retargetCallflows(from targets: Set<String>, to id: String) -> Bool {
        var changed = false
        for (blockID, var block) in blocks where block.type == "callflow" {
            guard let target = block.parameters["flow"]?.string, targets.contains(target), target != id else {
                continue
            }
            block.parameters["flow"] = .string(id)
            blocks[blockID] = block
            changed = true
        }
        return changed
    }

    /// Where an exit leads now; fails for a missing block or an exit its type does not have.
    func target(of reference: ExitReference) throws -> String? {
        if reference.block == ExitReference.main {
            guard reference.exit == nil else { throw EditError("the main block has one exit, its start: use 'main'") }
            return main.start
        }
        let (block, exit) = try resolve(reference)
        return block.exits[exit]
    }

    private mutating func setTarget(of reference: ExitReference, to target: String?) throws {
        if reference.block == ExitReference.main {
            _ = try self.target(of: reference)
            main.start = target
            return
        }
        let (block, exit) = try resolve(reference)
        blocks[block.id]!.exits[exit] = target
    }

    /// An exit its block's type does not have is a bad argument (a `ValueError`, exit 64), as a
    /// value outside its rule is; a missing block is an edit the flow does not allow.
    private func resolve(_ reference: ExitReference) throws -> (Block, String) {
        guard let block = blocks[reference.block] else { throw EditError("there is no block '\(reference.block)'") }
        let exit = reference.exit ?? Block.nextExit
        guard let type = Catalog.standard.type(named: block.type) else {
            throw EditError("block '\(block.id)' has unknown type '\(block.type)'")
        }
        let exits = type.exits(of: block)
        guard exits.contains(exit) else {
            let list = exits.isEmpty ? "it has none" : "its exits are \(exits.joined(separator: ", "))"
            throw ValueError("\(block.id) (\(block.type)) has no exit '\(exit)'; \(list)")
        }
        return (block, exit)
    }
}
