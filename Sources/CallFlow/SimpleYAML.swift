import Yams

/// A quick reader for the YAML flowctl writes: a mapping of keys to plain or double-quoted
/// scalars, and keys holding one nested level of such a mapping or list, two spaces in. It gives
/// exactly the nodes Yams would give (strings, styles, lines), or nil for anything else, which
/// Yams then reads: a comment, a blank line, a single quote, a flow collection, a multi-line
/// scalar, a tab, a character a plain scalar may not hold, deeper nesting. Decoding every block
/// through Yams was half the time of `diff`, `log` and `validate` on large flows; a test reads
/// thousands of generated files both ways and compares the nodes.
enum SimpleYAML {
    /// Each node gets a tag of its own, as Yams gives (a tag is a class whose name resolving
    /// changes), made from one resolver and constructor: Yams' `.default` constructor is built
    /// anew, dictionaries and all, at every use.
    private static let resolver = Resolver.basic
    // Constructor is not marked Sendable, but Yams never changes one after making it.
    nonisolated(unsafe) private static let constructor = Constructor.default
    static func tag(_ name: Tag.Name) -> Tag { Tag(name, resolver, constructor) }
    /// Yams' duplicate-key check resolves every key's tag, and a key is always a string here.
    private static var keyTag: Tag { tag(.str) }

    /// What a simple file holds, before it becomes Yams' nodes: a block file can be decoded from
    /// this directly (see `FlowCodec.decodeBlock`), without a node and tag object per scalar.
    indirect enum Item {
        case plain(String, line: Int, column: Int)
        case quoted(String, line: Int, column: Int)
        case list([Item], line: Int, column: Int)
        case map([Entry], line: Int, column: Int)

        var isQuoted: Bool {
            if case .quoted = self { return true }
            return false
        }
    }

    /// One `key: value` of a mapping; `column` is the key's (0-based).
    struct Entry {
        var key: String
        var line: Int
        var column: Int
        var value: Item
    }

    static func compose(_ bytes: [UInt8]) -> Node? {
        guard let entries = parse(bytes) else { return nil }
        let pairs = entries.map(pair)
        return .mapping(.init(pairs, tag(.implicit), .block, pairs[0].0.mark))
    }

    /// The top-level mapping of a simple file; nil for anything else (Yams' to read).
    static func parse(_ bytes: [UInt8]) -> [Entry]? {
        var reader = LineReader(bytes: bytes)
        var entries: [Entry] = []
        entries.reserveCapacity(8)
        var keys = SeenKeys()
        while let line = reader.next() {
            // A key twice is an error Yams reports in its own words.
            guard line.indent == 0, let (keySlice, rest) = line.keyAndRest() else { return nil }
            let key = keySlice.text
            guard keys.insert(key, among: entries) else { return nil }
            let value: Item?
            if rest.isEmpty {
                // `key:` alone: a nested mapping or list must follow (an empty value is Yams' to read).
                value = nestedBlock(&reader)
            } else {
                value = scalar(rest, line: line)
            }
            guard let value else { return nil }
            entries.append(Entry(key: key, line: line.number, column: 0, value: value))
        }
        guard !entries.isEmpty, !reader.failed else { return nil }
        return entries
    }

    /// The lines indented two spaces after `key:`: all `- item` (a list) or all `k: v` (a mapping).
    private static func nestedBlock(_ reader: inout LineReader) -> Item? {
        guard let first = reader.peek(), first.indent == 2 else { return nil }
        if first.isListItem {
            var items: [Item] = []
            while let line = reader.peek(), line.indent == 2, line.isListItem {
                reader.advance()
                guard let item = scalar(line.afterDash, line: line) else { return nil }
                items.append(item)
            }
            if let next = reader.peek(), next.indent != 0 { return nil }
            return .list(items, line: first.number, column: 2)
        }
        var entries: [Entry] = []
        var keys = SeenKeys()
        while let line = reader.peek(), line.indent == 2 {
            reader.advance()
            guard let (keySlice, rest) = line.keyAndRest(), !rest.isEmpty else { return nil }
            let key = keySlice.text
            guard keys.insert(key, among: entries), let value = scalar(rest, line: line) else { return nil }
            entries.append(Entry(key: key, line: line.number, column: 2, value: value))
        }
        if let next = reader.peek(), next.indent != 0 { return nil }
        return .map(entries, line: first.number, column: 2)
    }

    /// A value: double-quoted, or plain when every character is one a plain scalar holds as is.
    private static func scalar(_ text: Slice, line: Line) -> Item? {
        let column = text.start - line.start
        if text.first == UInt8(ascii: "\"") {
            return doubleQuoted(text).map { .quoted($0, line: line.number, column: column) }
        }
        guard isPlain(text) else { return nil }
        return .plain(text.text, line: line.number, column: column)
    }

    /// The nodes Yams gives for an entry.
    private static func pair(_ entry: Entry) -> (Node, Node) {
        (.scalar(.init(entry.key, keyTag, .plain, mark(line: entry.line, column: entry.column + 1))), node(entry.value))
    }

    private static func node(_ item: Item) -> Node {
        switch item {
        case .plain(let text, let line, let column):
            .scalar(.init(text, tag(.implicit), .plain, mark(line: line, column: column + 1)))
        case .quoted(let text, let line, let column):
            .scalar(.init(text, tag(.str), .doubleQuoted, mark(line: line, column: column + 1)))
        case .list(let items, let line, let column):
            .sequence(.init(items.map(node), tag(.implicit), .block, mark(line: line, column: column + 1)))
        case .map(let entries, let line, let column):
            .mapping(.init(entries.map(pair), tag(.implicit), .block, mark(line: line, column: column + 1)))
        }
    }

    /// Plain scalars that mean only their characters: no indicator first, none of `#`, `'`, `"`,
    /// `[]{}`, `*`, `!`, `|`, `>`, `` ` `` or a tab anywhere, no `: `, no trailing space or colon.
    private static func isPlain(_ text: Slice) -> Bool {
        guard let first = text.first, let last = text.last, last != UInt8(ascii: " "), last != UInt8(ascii: ":")
        else { return false }
        let startsWell: Bool
        switch first {
        case UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: "~"), 0x80...:
            startsWell = true
        case UInt8(ascii: "-"): startsWell = text.count > 1 && isWordByte(text.bytes[text.start + 1])
        default: startsWell = isWordByte(first)
        }
        guard startsWell else { return false }
        var previous: UInt8 = 0
        var ascii = true
        for byte in text.bytes[text.start..<text.end] {
            if byte == UInt8(ascii: " ") && previous == UInt8(ascii: ":") { return false }
            guard isPlainByte(byte) else { return false }
            ascii = ascii && byte < 0x80
            previous = byte
        }
        // The bytes allowed above are printable ASCII; only other characters need looking at.
        return ascii || text.text.unicodeScalars.allSatisfy(isPrintableWithoutBreak)
    }

    /// The content of a double-quoted scalar that ends the line, with YAML's escapes; nil for an
    /// escape outside the common ones.
    private static func doubleQuoted(_ text: Slice) -> String? {
        let bytes = text.bytes
        guard text.count >= 2, bytes[text.end - 1] == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        var index = text.start + 1
        let end = text.end - 1
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): return nil  // a quote before the end: more follows it
            case UInt8(ascii: "\\"):
                guard index + 1 < end else { return nil }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "N"): out += Array("\u{85}".utf8)
                case UInt8(ascii: "L"): out += Array("\u{2028}".utf8)
                case UInt8(ascii: "P"): out += Array("\u{2029}".utf8)
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let digits = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                    guard index + digits <= end,
                        let value = UInt32(String(decoding: bytes[index..<index + digits], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(value)
                    else { return nil }
                    out += Array(String(Character(scalar)).utf8)
                    index += digits
                default: return nil
                }
            default:
                out.append(byte)
                index += 1
            }
        }
        // Yams drops a U+FEFF it decodes: left to Yams, so that both ways read the same.
        guard let string = String(validating: out, as: UTF8.self), !string.unicodeScalars.contains("\u{FEFF}") else {
            return nil
        }
        // Raw (unescaped) text must be printable for YAML, with no line break in it.
        let raw = String(decoding: bytes[text.start + 1..<end], as: UTF8.self)
        guard raw.unicodeScalars.allSatisfy(isPrintableWithoutBreak) else { return nil }
        return string
    }

    /// Yams' Mark has no public initializer; it is two Ints (line, column), built in this
    /// package from source, so a struct of the same two fields is reinterpreted as one. A test
    /// reads back what this makes, so a change to Mark's layout cannot pass unnoticed.
    static func mark(line: Int, column: Int) -> Mark {
        struct Layout {
            let line: Int
            let column: Int
        }
        return unsafeBitCast(Layout(line: line, column: column), to: Mark.self)
    }

    /// A byte a plain scalar may hold anywhere: a word byte, ` -./+()~:@?=&%,;$^\\`, or one
    /// of a multi-byte character.
    private static func isPlainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...:
            true
        case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "+"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "@"),
            UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "&"), UInt8(ascii: "%"), UInt8(ascii: ","),
            UInt8(ascii: ";"), UInt8(ascii: "$"), UInt8(ascii: "^"), UInt8(ascii: "\\"):
            true
        default: false
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// YAML's printable characters, less those libyaml reads as line breaks (NEL, LS, PS) and
    /// the byte-order mark.
    private static func isPrintableWithoutBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}
