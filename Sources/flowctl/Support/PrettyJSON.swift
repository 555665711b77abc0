import CallFlow

/// JSON text exactly as `Output.jsonEncoder()` writes it (pretty-printed with ` : `, keys in
/// byte order, empty arrays and objects as an empty line, `/` unescaped), written directly:
/// `log --json` spent more per save in JSONEncoder than in reading the save. Values it cannot
/// be sure to write alike (numbers with a fraction or exponent, which JSONEncoder writes as
/// doubles, and keys outside printable ASCII) make `text` nil, and JSONEncoder writes them. A
/// test compares both over thousands of generated saves.
enum PrettyJSON {
    /// `value` as JSON text; nil when it holds a `.number` or a key outside printable ASCII.
    /// At `depth` 1 every line is two spaces further in, as an element of an array is.
    static func text(_ value: Value, depth: Int = 0) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        return write(value, depth: depth, base: depth, to: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    // Written as bytes: appending to a String piece by piece cost as much as JSONEncoder. The
    // blank line of an empty array or object is `base` levels in, as every line of an element.
    private static func write(_ value: Value, depth: Int, base: Int, to out: inout [UInt8]) -> Bool {
        func indent(_ depth: Int) { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
        func blankLine() {
            indent(base)
            out.append(UInt8(ascii: "\n"))
        }
        switch value {
        case .string(let text): quote(text, to: &out)
        case .int(let number): out += String(number).utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .number: return false
        case .list(let items):
            out += "[\n".utf8
            if items.isEmpty { blankLine() }
            for (index, item) in items.enumerated() {
                indent(depth + 1)
                guard write(item, depth: depth + 1, base: base, to: &out) else { return false }
                out += (index == items.count - 1 ? "\n" : ",\n").utf8
            }
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .map(let pairs):
            guard pairs.keys.allSatisfy(isPrintableASCII) else { return false }
            out += "{\n".utf8
            if pairs.isEmpty { blankLine() }
            let sorted = pairs.sorted { $0.key < $1.key }  // printable ASCII: String order is byte order
            for (index, entry) in sorted.enumerated() {
                indent(depth + 1)
                quote(entry.key, to: &out)
                out += " : ".utf8
                guard write(entry.value, depth: depth + 1, base: base, to: &out) else { return false }
                out += (index == sorted.count - 1 ? "\n" : ",\n").utf8
            }
            indent(depth)
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static func isPrintableASCII(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { $0.allSatisfy { (0x20...0x7E).contains($0) } }
    }

    /// `text` as a JSON string: the runs that need no escape are copied whole.
    private static func quote(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices
            where bytes[index] < 0x20 || bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                escape(bytes[index], to: &out)
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out += "\\\"".utf8
        case UInt8(ascii: "\\"): out += "\\\\".utf8
        case UInt8(ascii: "\n"): out += "\\n".utf8
        case UInt8(ascii: "\t"): out += "\\t".utf8
        case UInt8(ascii: "\r"): out += "\\r".utf8
        case 0x08: out += "\\b".utf8
        case 0x0C: out += "\\f".utf8
        default:
            let hex = String(byte, radix: 16)
            out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
        }
    }
}

extension SaveJSON {
    /// This save as `Output.jsonEncoder()` writes it (`depth` 1: as an element of an array);
    /// nil when only JSONEncoder may write it.
    func prettyText(depth: Int = 0) -> String? {
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
            ]), depth: depth)
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
