import Yams

/// Writes the one canonical YAML text of a document: keys in the order given, two-space indents,
/// block lists, strings plain only where YAML reads them back as the same string, LF and a final
/// newline. The same values always give the same bytes.
enum CanonicalYAML {
    static func document(_ pairs: [(key: String, value: Value)]) -> String {
        var lines: [String] = []
        appendMapping(pairs, indent: "", to: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func appendMapping(_ pairs: [(key: String, value: Value)], indent: String, to lines: inout [String])
    {
        for (key, value) in pairs {
            let head = indent + scalar(key) + ":"
            switch value {
            case .list(let items) where !items.isEmpty:
                lines.append(head)
                appendList(items, indent: indent + "  ", to: &lines)
            case .map(let map) where !map.isEmpty:
                lines.append(head)
                appendMapping(sorted(map), indent: indent + "  ", to: &lines)
            default:
                lines.append(head + " " + inline(value))
            }
        }
    }

    private static func appendList(_ items: [Value], indent: String, to lines: inout [String]) {
        for item in items {
            switch item {
            case .map(let map) where !map.isEmpty:
                // The first pair shares the dash's line; the rest line up under it.
                var nested: [String] = []
                appendMapping(sorted(map), indent: indent + "  ", to: &nested)
                nested[0] = indent + "- " + nested[0].dropFirst(indent.count + 2)
                lines += nested
            case .list(let inner) where !inner.isEmpty:
                lines.append(indent + "-")
                appendList(inner, indent: indent + "  ", to: &lines)
            default:
                lines.append(indent + "- " + inline(item))
            }
        }
    }

    private static func sorted(_ map: [String: Value]) -> [(key: String, value: Value)] {
        map.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    private static func inline(_ value: Value) -> String {
        switch value {
        case .string(let text): scalar(text)
        case .int(let number): String(number)
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .list: "[]"
        case .map: "{}"
        }
    }

    /// `text` plain when that is unambiguous, else double-quoted.
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    private static let plainFirst = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+(")
    private static let plainInner = plainFirst.union(" -:@?=&%,)")

    private static let letterWords: Set = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

    /// The ASCII bytes of `plainFirst` and `plainInner`, as tables: most scalars are ASCII, and
    /// looking bytes up is far quicker than hashing Characters (a large save spent a third of
    /// its time here, most of it in Foundation's substring search).
    private static let plainFirstBytes = asciiTable(plainFirst)
    private static let plainInnerBytes = asciiTable(plainInner)

    private static func asciiTable(_ characters: Set<Character>) -> [Bool] {
        (0..<128).map { characters.contains(Character(Unicode.Scalar(UInt8($0)))) }
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if let ascii = isPlainSafeASCII(text) {
            guard ascii else { return false }
        } else {
            guard plainFirst.contains(first) || (first.isLetter && !first.isASCII) else { return false }
            guard text.allSatisfy({ plainInner.contains($0) || ($0.isLetter && !$0.isASCII) }) else { return false }
            guard last != " ", last != ":", !text.contains(": "), !text.contains(" #") else { return false }
        }
        // Words read as another type stay strings by quoting: by flowctl (true, null, 101, 1e3),
        // and, so that other YAML tools read the files as flowctl does, by YAML 1.1 (yes, 01234,
        // 0x1F, 2026-01-01). Starting with a letter, only booleans and null are such words, and
        // skipping the resolver's regular expressions for the rest keeps large flows quick.
        // (Longer text cannot lower-case to one of those words: each letter is at most 4 bytes.)
        if first.isLetter { return text.utf8.count > 20 || !letterWords.contains(text.lowercased()) }
        guard Scalar.value(plain: text) == .string(text) else { return false }
        return Resolver.default.resolveTag(of: .scalar(.init(text, SimpleYAML.tag(.implicit)))) == .str
    }

    /// The checks on characters for an ASCII `text`, on its bytes; nil when it is not ASCII.
    private static func isPlainSafeASCII(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            var previous: UInt8 = 0
            for (index, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                let allowed = index == 0 ? plainFirstBytes[Int(byte)] : plainInnerBytes[Int(byte)]
                // ": " and " #" end or start something else in YAML.
                if !allowed || (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " "))
                    || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#"))
                {
                    return false
                }
                previous = byte
            }
            return previous != UInt8(ascii: " ") && previous != UInt8(ascii: ":")
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            case "\u{FEFF}", "\u{FFFE}", "\u{FFFF}":
                // Not printable in YAML (or a byte-order mark a reader may drop): escaped.
                out += "\\u" + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
