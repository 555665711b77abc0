import Foundation

/// An action block: its type from the catalog, its parameters and where each exit leads.
public struct Block: Hashable, Sendable {
    /// The single exit most block types have.
    public static let nextExit = "next"

    /// The block's id: its file name (`blocks/<id>.yaml`), never stored inside the file.
    public var id: String
    public var type: String
    public var parameters: [String: Value]
    /// Exit name -> id of the block it leads to. `next` for most types; a menu has one per digit
    /// plus `timeout`, a time-of-day block one per rule plus `default`.
    public var exits: [String: String]

    public init(id: String, type: String, parameters: [String: Value] = [:], exits: [String: String] = [:]) {
        self.id = id
        self.type = type
        self.parameters = parameters
        self.exits = exits
    }
}

extension Block {
    /// The parameter names in the order files, diffs and listings use: the catalog's order for the
    /// block's type, then any others alphabetically.
    public var orderedParameterNames: [String] { Self.ordered(parameters.keys, type: type) }

    /// `names` in the order of a `type` block's parameters: the catalog's, then the others
    /// alphabetically. Each name is ranked once, not at every comparison.
    static func ordered(_ names: some Collection<String>, type: String) -> [String] {
        guard names.count > 1 else { return Array(names) }
        let rank = parameterRanks[type] ?? [:]
        return names.map { (rank: rank[$0] ?? Int.max, name: $0) }.sorted { $0 < $1 }.map(\.name)
    }

    /// The parameter names the catalog gives a `type` block, in its order; none for a type it
    /// does not have.
    static func catalogParameterNames(of type: String) -> [String] { parameterNames[type] ?? [] }

    /// Each catalog type's parameter names, in its order, each once.
    private static let parameterNames: [String: [String]] = Dictionary(
        Catalog.standard.types.map { type in
            var seen = Set<String>()
            return (type.name, type.parameters.map(\.name).filter { seen.insert($0).inserted })
        }
    ) { first, _ in first }

    /// Each catalog type's parameters by their place in it, worked out once: every block
    /// written or compared is put in this order.
    private static let parameterRanks: [String: [String: Int]] = parameterNames.mapValues { names in
        Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }
}

/// A whole call flow: the main block and its action blocks by id.
public struct Flow: Hashable, Sendable {
    public var main: MainBlock
    public var blocks: [String: Block]

    public init(main: MainBlock, blocks: [Block] = []) {
        self.main = main
        self.blocks = Dictionary(uniqueKeysWithValues: blocks.map { ($0.id, $0) })
    }

    /// The blocks in id order, as files are listed.
    public var sortedBlocks: [Block] {
        blocks.values.sorted { BlockOrder.natural($0.id, $1.id) }
    }

    /// The blocks in the order a call meets them: from the start, each block's exits in order
    /// (next first), depth first; then the blocks no call reaches, in natural order.
    public var blocksInCallOrder: [Block] {
        var order: [Block] = []
        var seen = Set<String>()
        func visit(_ id: String?) {
            guard let id, let block = blocks[id], seen.insert(id).inserted else { return }
            order.append(block)
            let exits = block.exits.keys.sorted {
                ($0 == Block.nextExit ? 0 : 1, $0) < ($1 == Block.nextExit ? 0 : 1, $1)
            }
            for exit in exits { visit(block.exits[exit]) }
        }
        visit(main.start)
        return order + sortedBlocks.filter { !seen.contains($0.id) }
    }

    /// What Save and Duplicate makes of this flow: named "<name> copy" (the `number`th copy:
    /// "<name> copy 2", ... as names are unique), no extension and no numbers (each routes to
    /// one flow only), everything else kept.
    public func duplicated(number: Int = 1) -> Flow {
        var copy = self
        copy.main.name = Self.copyName(of: main.name, number: number)
        copy.main.extension = nil
        copy.main.numbers = []
        return copy
    }
}

extension Flow {
    /// "<name> copy" (or "<name> copy 2", ...), the original cut short with an ellipsis where
    /// that would pass the name limit, so every copy is a valid flow. A copy of a copy counts
    /// on from the original's name, as a file manager does: "Line copy" gives "Line copy 2",
    /// not "Line copy copy".
    public static func copyName(of name: String, number: Int = 1) -> String {
        let name = originalName(of: name)
        let suffix = number > 1 ? " copy \(number)" : " copy"
        guard name.count + suffix.count > MainBlockRule.maximumNameLength else { return name + suffix }
        let room = MainBlockRule.maximumNameLength - suffix.count - 1
        return name.prefix(room).trimmingCharacters(in: .whitespaces) + "\u{2026}" + suffix
    }

    /// `name` without a trailing " copy" or " copy N".
    static func originalName(of name: String) -> String {
        var rest = Substring(name)
        let digits = rest.reversed().prefix { $0.isASCII && $0.isNumber }.count
        if digits > 0, rest.dropLast(digits).hasSuffix(" copy ") { rest = rest.dropLast(digits + 1) }
        guard rest.hasSuffix(" copy"), rest.count > " copy".count else { return name }
        return String(rest.dropLast(" copy".count))
    }
}

/// Ids as people count them: `b2` before `b10`.
public enum BlockOrder {
    /// Runs of digits compare as numbers (`b2` before `b10`), the rest byte by byte; equal
    /// either way, the plain order decides (`b01` before `b1`), so the order is total.
    public static func natural(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in natural(x, y) } }
    }

    private static func natural(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var (i, j) = (0, 0)
        while i < x.count && j < y.count {
            guard isDigit(x[i]) && isDigit(y[j]) else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
                continue
            }
            // Two numbers: leading zeros aside, the longer is larger, else the first differing digit.
            var (endX, endY) = (i, j)
            while endX < x.count && isDigit(x[endX]) { endX += 1 }
            while endY < y.count && isDigit(y[endY]) { endY += 1 }
            var (startX, startY) = (i, j)
            while startX < endX - 1 && x[startX] == UInt8(ascii: "0") { startX += 1 }
            while startY < endY - 1 && y[startY] == UInt8(ascii: "0") { startY += 1 }
            if endX - startX != endY - startY { return endX - startX < endY - startY }
            for (digitX, digitY) in zip(x[startX..<endX], y[startY..<endY]) where digitX != digitY {
                return digitX < digitY
            }
            (i, j) = (endX, endY)
        }
        if (i < x.count) != (j < y.count) { return j < y.count }
        return x.lexicographicallyPrecedes(y)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
