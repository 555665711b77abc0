import CallFlow

/// JSON text exactly as `Output.jsonEncoder()` writes it (pretty-printed with ` : `, keys in
/// byte order, empty arrays and objects as an empty line, `/` unescaped), written directly:
/// `log --json` spent more per save in JSONEncoder than in reading the save. Values it cannot
/// be sure to write alike (numbers with a fraction or exponent, which JSONEncoder writes as
/// doubles, and keys outside printable ASCII) make `text` nil, and JSONEncoder writes them. A
/// test compares both over thousands of generated saves.
enum PrettyJSON {
    /// `value` as JSON text; nil when it holds a `.number` or a key outside printable ASCII.
    static func text(_ value: Value) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        return write(value, depth: 0, to: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    // Written as bytes: appending to a String piece by piece cost as much as JSONEncoder.
    private static func write(_ value: Value, depth: Int, to out: inout [UInt8]) -> Bool {
        func indent(_ depth: Int) { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
        switch value {
        case .string(let text): quote(text, to: &out)
        case .int(let number): out += String(number).utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .number: return false
        case .list(let items):
            out += "[\n".utf8
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (index, item) in items.enumerated() {
                indent(depth + 1)
                guard write(item, depth: depth + 1, to: &out) else { return false }
                out += (index == items.count - 1 ? "\n" : ",\n").utf8
            }
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .map(let pairs):
            guard pairs.keys.allSatisfy({ $0.utf8.allSatisfy { (0x20...0x7E).contains($0) } }) else { return false }
            out += "{\n".utf8
            if pairs.isEmpty { out.append(UInt8(ascii: "\n")) }
            let sorted = pairs.sorted { $0.key < $1.key }
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
        PrettyJSON.text(
            .map([
                "author": .map(author.mapValues(Value.string)),
                "changes": .list(changes.map(\.value)),
                "commit": .string(commit),
                "copied_from": nullable(copied_from),
                "date": .string(date),
                "message": .string(message),
                "parents": .list(parents.map(Value.string)),
                "problem": nullable(problem),
                "published": .list(published.map(Value.int)),
                "summary": .string(summary),
            ]))
    }
}

extension ChangeJSON {
    /// The change as the value JSONEncoder encodes.
    var value: Value {
        .map([
            "block": nullable(block), "field": nullable(field), "kind": .string(kind), "new": new ?? .null,
            "old": old ?? .null,
        ])
    }
}

/// A @Nullable text as JSONEncoder writes it: the string, or null.
private func nullable(_ text: String?) -> Value { text.map(Value.string) ?? .null }
