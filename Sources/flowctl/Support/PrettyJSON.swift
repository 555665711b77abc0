import CallFlow

/// JSON text exactly as `Output.jsonEncoder()` writes it (pretty-printed with ` : `, keys in
/// byte order, empty arrays and objects as an empty line, `/` unescaped), written directly:
/// `log --json` spent more per save in JSONEncoder than in reading the save. Values it cannot
/// be sure to write alike (numbers with a fraction or exponent, which JSONEncoder writes as
/// doubles, and keys outside printable ASCII) make `text` nil, and JSONEncoder writes them. A
/// test compares both over thousands of generated saves.
enum PrettyJSON {
    indirect enum Node {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
        case array([Node])
        case object([(key: String, value: Node)])
    }

    static func text(_ node: Node) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        return write(node, depth: 0, to: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    /// A call flow value as a node; nil for what JSONEncoder must write.
    static func node(_ value: Value) -> Node? {
        switch value {
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .number: return nil
        case .list(let items):
            var nodes: [Node] = []
            for item in items {
                guard let node = node(item) else { return nil }
                nodes.append(node)
            }
            return .array(nodes)
        case .map(let pairs):
            var entries: [(key: String, value: Node)] = []
            for (key, item) in pairs {
                guard let node = node(item) else { return nil }
                entries.append((key, node))
            }
            return .object(entries)
        }
    }

    // Written as bytes: appending to a String piece by piece cost as much as JSONEncoder.
    private static func write(_ node: Node, depth: Int, to out: inout [UInt8]) -> Bool {
        func indent(_ depth: Int) { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
        switch node {
        case .string(let text): quote(text, to: &out)
        case .int(let number): out += String(number).utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            out += "[\n".utf8
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (index, item) in items.enumerated() {
                indent(depth + 1)
                guard write(item, depth: depth + 1, to: &out) else { return false }
                out += (index == items.count - 1 ? "\n" : ",\n").utf8
            }
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let entries):
            guard entries.allSatisfy({ $0.key.utf8.allSatisfy { (0x20...0x7E).contains($0) } }) else { return false }
            out += "{\n".utf8
            if entries.isEmpty { out.append(UInt8(ascii: "\n")) }
            let sorted = entries.sorted { $0.key < $1.key }
            for (index, entry) in sorted.enumerated() {
                indent(depth + 1)
                quote(entry.key, to: &out)
                out += " : ".utf8
                guard write(entry.value, depth: depth + 1, to: &out) else { return false }
                out += (index == sorted.count - 1 ? "\n" : ",\n").utf8
            }
            indent(depth)
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static func quote(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\"".utf8
            case UInt8(ascii: "\\"): out += "\\\\".utf8
            case UInt8(ascii: "\n"): out += "\\n".utf8
            case UInt8(ascii: "\t"): out += "\\t".utf8
            case UInt8(ascii: "\r"): out += "\\r".utf8
            case 0x08: out += "\\b".utf8
            case 0x0C: out += "\\f".utf8
            case ..<0x20:
                let hex = String(byte, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension SaveJSON {
    /// This save as `Output.jsonEncoder()` writes it; nil when only JSONEncoder may write it.
    var prettyText: String? {
        var changeNodes: [PrettyJSON.Node] = []
        for change in changes {
            guard let node = change.prettyNode else { return nil }
            changeNodes.append(node)
        }
        return PrettyJSON.text(
            .object([
                ("author", .object(author.map { ($0.key, .string($0.value)) })),
                ("changes", .array(changeNodes)),
                ("commit", .string(commit)),
                ("copied_from", copied_from.map(PrettyJSON.Node.string) ?? .null),
                ("date", .string(date)),
                ("message", .string(message)),
                ("parents", .array(parents.map(PrettyJSON.Node.string))),
                ("problem", problem.map(PrettyJSON.Node.string) ?? .null),
                ("published", .array(published.map(PrettyJSON.Node.int))),
                ("summary", .string(summary)),
            ]))
    }
}

extension ChangeJSON {
    var prettyNode: PrettyJSON.Node? {
        func optional(_ value: Value?) -> PrettyJSON.Node? { value.map(PrettyJSON.node) ?? .null }
        guard let oldNode = optional(old), let newNode = optional(new) else { return nil }
        return .object([
            ("block", block.map(PrettyJSON.Node.string) ?? .null),
            ("field", field.map(PrettyJSON.Node.string) ?? .null),
            ("kind", .string(kind)),
            ("new", newNode),
            ("old", oldNode),
        ])
    }
}
