/// JSON, read and written exactly: numbers keep their text (see `Scalar.value(plain:)`), and
/// writing gives objects with their keys sorted and two-space indents (as the engine's
/// documents are written), so the same value always gives the same bytes. Errors say where.
public enum JSONText {
    public static func write(_ value: Value) -> String {
        var out = ""
        write(value, indent: "", to: &out)
        return out + "\n"
    }

    private static func write(_ value: Value, indent: String, to out: inout String) {
        switch value {
        case .string(let text): out += quoted(text)
        case .int(let number): out += String(number)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .list(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += indent + "  "
                write(item, indent: indent + "  ", to: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .map(let pairs):
            guard !pairs.isEmpty else { return out += "{}" }
            out += "{\n"
            let keys = pairs.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += indent + "  " + quoted(key) + ": "
                write(pairs[key]!, indent: indent + "  ", to: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal to `out`, on bytes, runs that need no escape
    /// copied whole: a save's journal quotes thousands of paths, and `log --json` every string
    /// of every save. (In UTF-8 a byte below 0x20 only ever stands for itself.) With
    /// `shortControls`, backspace and form feed are `\b` and `\f`, as JSONEncoder writes them.
    public static func appendQuoted(_ text: String, to out: inout [UInt8], shortControls: Bool = false) {
        var text = text
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var start = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while none needs an escape: most strings have none.
                if index + 8 <= bytes.count,
                    !Self.anyNeedsEscape(
                        UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case UInt8(ascii: "\n"): out += "\\n".utf8
                case UInt8(ascii: "\r"): out += "\\r".utf8
                case UInt8(ascii: "\t"): out += "\\t".utf8
                case 0x08 where shortControls: out += "\\b".utf8
                case 0x0C where shortControls: out += "\\f".utf8
                default:
                    let hex = String(byte, radix: 16)
                    out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                }
                start = index + 1
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Whether any of the eight bytes in `word` is below 0x20, a quote or a backslash (the
    /// classic bit tricks: a byte below n, and a zero byte after an exclusive or).
    private static func anyNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// The JSON value `bytes` hold. No value may sit `maximumDepth` arrays and objects deep; a
    /// key given twice is an error, or with `lastDuplicateWins` takes its last value.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 64, lastDuplicateWins: Bool = false)
        throws(JSONSyntaxError) -> Value
    {
        var reader = JSONReader(bytes, maximumDepth: maximumDepth, lastDuplicateWins: lastDuplicateWins)
        return try reader.document()
    }
}

private struct JSONReader {
    let bytes: [UInt8]
    let maximumDepth: Int
    let lastDuplicateWins: Bool
    var index = 0
    var depth = 0

    init(_ bytes: [UInt8], maximumDepth: Int, lastDuplicateWins: Bool) {
        (self.bytes, self.maximumDepth, self.lastDuplicateWins) = (bytes, maximumDepth, lastDuplicateWins)
    }

    mutating func document() throws(JSONSyntaxError) -> Value {
        let value = try self.value()
        skipSpace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return value
    }

    func failure(_ message: String) -> JSONSyntaxError {
        let before = bytes[..<min(index, bytes.count)]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).count + 1
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(what)") }
        index += 1
    }

    mutating func value() throws(JSONSyntaxError) -> Value {
        skipSpace()
        guard index < bytes.count else { throw failure("unexpected end of the text: expected a value") }
        guard depth < maximumDepth else { throw failure("nested more than \(maximumDepth) levels deep") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try nested { (r: inout JSONReader) throws(JSONSyntaxError) in try r.object() }
        case UInt8(ascii: "["): return try nested { (r: inout JSONReader) throws(JSONSyntaxError) in try r.array() }
        default:
            for (word, value) in [("true", Value.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return value
            }
            return try number()
        }
    }

    mutating func nested(_ body: (inout JSONReader) throws(JSONSyntaxError) -> Value) throws(JSONSyntaxError)
        -> Value
    {
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    mutating func object() throws(JSONSyntaxError) -> Value {
        index += 1
        var pairs: [String: Value] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .map(pairs)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let keyStart = index
            let key = try string()
            try expect(UInt8(ascii: ":"), "':' after the key")
            let item = try value()
            if pairs.updateValue(item, forKey: key) != nil && !lastDuplicateWins {
                index = keyStart
                throw failure("the key \"\(key)\" appears twice")
            }
            skipSpace()
            guard index < bytes.count else { throw failure("unexpected end of the text: expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .map(pairs)
            }
            try expect(UInt8(ascii: ","), "',' or '}'")
        }
    }

    mutating func array() throws(JSONSyntaxError) -> Value {
        index += 1
        var items: [Value] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .list(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            guard index < bytes.count else { throw failure("unexpected end of the text: expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .list(items)
            }
            try expect(UInt8(ascii: ","), "',' or ']'")
        }
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes[index...].starts(with: "\\u".utf8) {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in \\u escapes") }
                        code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("a lone surrogate in \\u escapes") }
                    scalars.append(scalar)
                default:
                    index -= 1
                    throw failure("'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape")
                }
            case 0..<0x20:
                index -= 1
                throw failure("a control character inside a string: escape it")
            default:
                run.append(byte)
            }
        }
        throw failure("unexpected end of the text inside a string")
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("expected four hex digits after \\u") }
        index += 4
        return code
    }

    mutating func number() throws(JSONSyntaxError) -> Value {
        let start = index
        while index < bytes.count, "+-.0123456789eE".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard Scalar.isJSONNumber(text.utf8) else {
            index = start
            throw failure("expected a value (a string, number, object, array, true, false or null)")
        }
        let value = Scalar.value(plain: text)
        if let problem = Scalar.rangeProblem(value) {
            index = start
            throw failure(problem)
        }
        return value
    }
}
