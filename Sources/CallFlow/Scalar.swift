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
        // Most scalars are words and URLs: only these first characters can start anything else.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default: return .string(text)
        }
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

    /// Why a number cannot be kept, nil when it can: JSON's grammar has no bound, but JSON
    /// readers, JSONEncoder and the engine (Erlang, whose floats are IEEE doubles) hold a
    /// number as a double, which `1e400` overflows. Such a number is refused where it is written.
    static func rangeProblem(_ value: Value) -> String? {
        guard case .number(let text) = value, let number = Double(text), !number.isFinite else { return nil }
        return
            "the number \(text) is too large for JSON and the engine (a double: at most 1.7976931348623157e308 either way)"
    }

    /// Whether `value`, or anything in it, is a number `rangeProblem` refuses.
    static func holdsNumberOutOfRange(_ value: Value) -> Bool {
        switch value {
        case .number: rangeProblem(value) != nil
        case .list(let items): items.contains(where: holdsNumberOutOfRange)
        case .map(let pairs): pairs.values.contains(where: holdsNumberOutOfRange)
        default: false
        }
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
