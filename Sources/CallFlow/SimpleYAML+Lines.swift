/// The lines and keys SimpleYAML reads: spans of the file's bytes, not copies.
extension SimpleYAML {
    /// A part of the file's bytes.
    struct Slice {
        let bytes: [UInt8]
        let start: Int
        let end: Int
        var count: Int { end - start }
        var isEmpty: Bool { start == end }
        var first: UInt8? { isEmpty ? nil : bytes[start] }
        var last: UInt8? { isEmpty ? nil : bytes[end - 1] }
        var text: String { String(decoding: bytes[start..<end], as: UTF8.self) }
    }

    /// One line: where it starts and ends, its number, and its indent.
    struct Line {
        let bytes: [UInt8]
        let start: Int
        let end: Int
        let number: Int
        let indent: Int

        var isListItem: Bool {
            start + indent + 1 < end && bytes[start + indent] == UInt8(ascii: "-")
                && bytes[start + indent + 1] == UInt8(ascii: " ")
        }

        var afterDash: Slice { Slice(bytes: bytes, start: start + indent + 2, end: end) }

        /// `key` and what follows `key: ` (empty for `key:` at the end of the line); keys are
        /// words of letters, digits, `_` and `-`.
        func keyAndRest() -> (key: Slice, rest: Slice)? {
            var index = start + indent
            let keyStart = index
            while index < end, isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index > keyStart, bytes[keyStart] != UInt8(ascii: "-"), index < end,
                bytes[index] == UInt8(ascii: ":")
            else { return nil }
            let key = Slice(bytes: bytes, start: keyStart, end: index)
            if index + 1 == end { return (key, Slice(bytes: bytes, start: end, end: end)) }
            guard bytes[index + 1] == UInt8(ascii: " "), index + 2 < end, bytes[index + 2] != UInt8(ascii: " ") else {
                return nil
            }
            return (key, Slice(bytes: bytes, start: index + 2, end: end))
        }
    }

    /// The file's lines; nil (and reading stops) at anything a simple line is not: a carriage
    /// return, a tab, a control character, a blank or comment line, an odd indent.
    struct LineReader {
        let bytes: [UInt8]
        private var position = 0
        private var number = 0
        private var pending: Line?
        private(set) var failed = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func peek() -> Line? {
            if pending == nil { pending = read() }
            return pending
        }

        mutating func advance() { pending = nil }

        mutating func next() -> Line? {
            let line = peek()
            pending = nil
            return line
        }

        private mutating func read() -> Line? {
            guard position < bytes.count, !failed else { return nil }
            let start = position
            var end = start
            while end < bytes.count, bytes[end] != 0x0A {
                if bytes[end] < 0x20 || bytes[end] == 0x7F { return fail() }
                end += 1
            }
            position = end + 1
            number += 1
            var indent = 0
            while start + indent < end, bytes[start + indent] == UInt8(ascii: " ") { indent += 1 }
            guard end > start + indent, indent % 2 == 0, bytes[start + indent] != UInt8(ascii: "#") else {
                return fail()
            }
            return Line(bytes: bytes, start: start, end: end, number: number, indent: indent)
        }

        private mutating func fail() -> Line? {
            failed = true
            return nil
        }
    }
}

/// The keys seen in one mapping: while they are few, those of its entries so far, compared in
/// a list, cheaper than hashing each; past that, a set, so a file of thousands of keys costs no
/// more than hashing them.
struct SeenKeys {
    private var many: Set<String>?

    /// False when `key` was seen before; `entries` are the mapping's so far.
    mutating func insert(_ key: String, among entries: [SimpleYAML.Entry]) -> Bool {
        if many == nil {
            if entries.count < 16 { return !entries.contains { $0.key == key } }
            many = Set(entries.map(\.key))
        }
        return many!.insert(key).inserted
    }
}
