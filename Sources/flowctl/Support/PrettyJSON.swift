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
        var out = ""
        return write(node, indent: "", to: &out) ? out : nil
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

    private static func write(_ node: Node, indent: String, to out: inout String) -> Bool {
        switch node {
        case .string(let text): quote(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else {
                out += "[\n\n\(indent)]"
                return true
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += indent + "  "
                guard write(item, indent: indent + "  ", to: &out) else { return false }
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let entries):
            guard !entries.isEmpty else {
                out += "{\n\n\(indent)}"
                return true
            }
            guard entries.allSatisfy({ $0.key.utf8.allSatisfy { (0x20...0x7E).contains($0) } }) else { return false }
            out += "{\n"
            let sorted = entries.sorted { $0.key < $1.key }
            for (index, entry) in sorted.enumerated() {
                out += indent + "  "
                quote(entry.key, to: &out)
                out += " : "
                guard write(entry.value, indent: indent + "  ", to: &out) else { return false }
                out += index == sorted.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
        return true
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
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
