/// What a plain (unquoted) YAML scalar means to flowctl: the YAML 1.2 core schema, narrowed to
/// values that survive a round trip and a JSON body unchanged.
///
/// - null: `null`, `Null`, `NULL`, `~` and nothing at all;
/// - booleans: `true`, `True`, `TRUE`, `false`, `False`, `FALSE`;
/// - numbers: exactly JSON's (`-12`, `1.5`, `1e3`), kept as written;
/// - everything else is a string: leading zeros (`01234`), a sign (`+15551234567`), `0x1F`,
///   `0o17`, `.inf`, `.nan`, and YAML 1.1's `yes`, `no`, `on`, `off`, `y`, `n`.
///
/// No regular expressions: this runs for every scalar of every file read.
enum Scalar {
    static func value(plain text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        guard isJSONNumber(text.utf8) else { return .string(text) }
        if let number = Int(text), String(number) == text { return .int(number) }
        return .number(text)
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ bytes: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        func next() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }
        func digits() -> Int {
            var count = 0
            while let byte = next(), (0x30...0x39).contains(byte) {
                count += 1
                index = bytes.index(after: index)
            }
            return count
        }
        if next() == 0x2D { index = bytes.index(after: index) }
        if next() == 0x30 {
            index = bytes.index(after: index)
        } else if digits() == 0 {
            return false
        }
        if next() == 0x2E {
            index = bytes.index(after: index)
            guard digits() > 0 else { return false }
        }
        if next() == 0x65 || next() == 0x45 {
            index = bytes.index(after: index)
            if next() == 0x2B || next() == 0x2D { index = bytes.index(after: index) }
            guard digits() > 0 else { return false }
        }
        return index == bytes.endIndex
    }
}

/// A small JSON reader for command-line values: numbers keep their text.
struct JSONValueParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() -> Value? {
        guard let value = parseValue() else { return nil }
        skipSpace()
        return index == bytes.count ? value : nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func literal(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard bytes.count - index >= utf8.count, Array(bytes[index..<index + utf8.count]) == utf8 else { return false }
        index += utf8.count
        return true
    }

    private mutating func parseValue() -> Value? {
        skipSpace()
        guard index < bytes.count, depth < FlowCodec.maximumDepth else { return nil }
        switch bytes[index] {
        case 0x22: return parseString().map(Value.string)
        case 0x5B: return parseArray()
        case 0x7B: return parseObject()
        default:
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            if literal("null") { return .null }
            let start = index
            while index < bytes.count, Array("+-.0123456789eE".utf8).contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard Scalar.isJSONNumber(text.utf8) else { return nil }
            return Scalar.value(plain: text)
        }
    }

    private mutating func parseArray() -> Value? {
        index += 1
        depth += 1
        defer { depth -= 1 }
        var items: [Value] = []
        skipSpace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return .list(items)
        }
        while true {
            guard let item = parseValue() else { return nil }
            items.append(item)
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x5D {
                index += 1
                return .list(items)
            }
            guard bytes[index] == 0x2C else { return nil }
            index += 1
        }
    }

    private mutating func parseObject() -> Value? {
        index += 1
        depth += 1
        defer { depth -= 1 }
        var pairs: [String: Value] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return .map(pairs)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x22, let key = parseString() else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x3A else { return nil }
            index += 1
            guard let value = parseValue() else { return nil }
            pairs[key] = value
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x7D {
                index += 1
                return .map(pairs)
            }
            guard bytes[index] == 0x2C else { return nil }
            index += 1
        }
    }

    private mutating func parseString() -> String? {
        index += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x22:
                flush()
                return String(scalars)
            case 0x5C:
                flush()
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case 0x22: scalars.append("\"")
                case 0x5C: scalars.append("\\")
                case 0x2F: scalars.append("/")
                case 0x62: scalars.append("\u{08}")
                case 0x66: scalars.append("\u{0C}")
                case 0x6E: scalars.append("\n")
                case 0x72: scalars.append("\r")
                case 0x74: scalars.append("\t")
                case 0x75:
                    guard bytes.count - index >= 4,
                        let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { return nil }
                    index += 4
                    scalars.append(scalar)
                default: return nil
                }
            case 0x00..<0x20:
                return nil
            default:
                raw.append(byte)
            }
        }
        return nil
    }
}
