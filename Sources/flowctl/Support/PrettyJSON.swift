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
        var writer = Writer(depth: depth)
        writer.value(value)
        return writer.text
    }

    /// Writes one JSON value piece by piece, so that an object whose keys are known needs no
    /// dictionary: its caller gives the keys in byte order, the order JSONEncoder sorts them in.
    /// Written as bytes: appending to a String piece by piece cost as much as JSONEncoder.
    struct Writer {
        private var out: [UInt8] = []
        /// How far in the first line is; the blank line of an empty array or object is this far
        /// in too, as every line of an element.
        private let base: Int
        /// The items written so far in each array or object still open, innermost last.
        private var counts: [Int] = []
        private var failed = false

        init(depth: Int = 0) {
            base = depth
            out.reserveCapacity(1_024)
            counts.reserveCapacity(8)
            indent(depth)
        }

        /// The text written; nil if anything in it is left to JSONEncoder.
        var text: String? { failed ? nil : String(decoding: out, as: UTF8.self) }

        mutating func openObject() { open(UInt8(ascii: "{")) }
        mutating func closeObject() { close(UInt8(ascii: "}")) }
        mutating func openArray() { open(UInt8(ascii: "[")) }
        mutating func closeArray() { close(UInt8(ascii: "]")) }

        /// Starts the next member of the innermost object; its value is written next. The key
        /// is one of flowctl's own names, written as it is: nothing in it needs an escape.
        mutating func key(_ key: StaticString) {
            nextItem()
            out.append(UInt8(ascii: "\""))
            append(key)
            append("\" : ")
        }

        /// `key` for a name read from a file (a parameter's), quoted.
        private mutating func key(quoting name: String) {
            nextItem()
            quote(name)
            append(" : ")
        }

        /// Starts the next element of the innermost array; its value is written next.
        mutating func element() { nextItem() }

        mutating func field(_ name: StaticString, _ value: Value) {
            key(name)
            self.value(value)
        }

        /// A member whose value is a string, or null (as JSONEncoder writes a `@Nullable`).
        mutating func field(_ name: StaticString, _ text: String?) {
            key(name)
            if let text { quote(text) } else { append("null") }
        }

        /// A member whose value is an array of strings.
        mutating func field(_ name: StaticString, strings: [String]) {
            key(name)
            openArray()
            for text in strings {
                element()
                quote(text)
            }
            closeArray()
        }

        /// A member whose value is an array of integers.
        mutating func field(_ name: StaticString, integers: [Int]) {
            key(name)
            openArray()
            for number in integers {
                element()
                out += String(number).utf8
            }
            closeArray()
        }

        mutating func value(_ value: Value) {
            guard !failed else { return }
            switch value {
            case .string(let text): quote(text)
            case .int(let number): out += String(number).utf8
            case .bool(let flag): append(flag ? "true" : "false")
            case .null: append("null")
            case .number: failed = true
            case .list(let items):
                openArray()
                for item in items {
                    element()
                    self.value(item)
                }
                closeArray()
            case .map(let pairs):
                guard pairs.keys.allSatisfy(Self.isPrintableASCII) else {
                    failed = true
                    return
                }
                openObject()
                // Printable ASCII: String order is byte order.
                for (name, item) in pairs.sorted(by: { $0.key < $1.key }) {
                    key(quoting: name)
                    self.value(item)
                }
                closeObject()
            }
        }

        private mutating func open(_ bracket: UInt8) {
            out.append(bracket)
            counts.append(0)
        }

        private mutating func close(_ bracket: UInt8) {
            let count = counts.removeLast()
            out.append(UInt8(ascii: "\n"))
            if count == 0 {
                indent(base)
                out.append(UInt8(ascii: "\n"))
            }
            indent(base + counts.count)
            out.append(bracket)
        }

        private mutating func nextItem() {
            let last = counts.count - 1
            if counts[last] > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            counts[last] += 1
            indent(base + last + 1)
        }

        /// A literal's bytes, without going through String's UTF-8 view.
        private mutating func append(_ literal: StaticString) {
            literal.withUTF8Buffer { out.append(contentsOf: $0) }
        }

        private mutating func indent(_ depth: Int) {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }

        private static func isPrintableASCII(_ key: String) -> Bool {
            var key = key
            return key.withUTF8 { $0.allSatisfy { (0x20...0x7E).contains($0) } }
        }

        /// `text` as a JSON string, as JSONEncoder writes it.
        private mutating func quote(_ text: String) {
            JSONText.appendQuoted(text, to: &out, shortControls: true)
        }
    }
}

extension SaveJSON {
    /// This save as `Output.jsonEncoder()` writes it (`depth` 1: as an element of an array);
    /// nil when only JSONEncoder may write it. The members are written in JSONEncoder's order,
    /// with no dictionary to build and sort: a long `log --json` writes one of these a save.
    func prettyText(depth: Int = 0) -> String? {
        var writer = PrettyJSON.Writer(depth: depth)
        writer.openObject()
        writer.key("author")
        writer.openObject()
        writer.field("email", author.email)
        writer.field("name", author.name)
        writer.closeObject()
        writer.key("changes")
        writer.openArray()
        for change in changes {
            writer.element()
            change.write(to: &writer)
        }
        writer.closeArray()
        writer.field("commit", commit)
        writer.field("copied_from", copied_from)
        writer.field("date", date)
        writer.field("message", message)
        writer.field("parents", strings: parents)
        writer.field("problem", problem)
        writer.field("published", integers: published)
        writer.field("summary", summary)
        writer.closeObject()
        return writer.text
    }
}

extension ChangeJSON {
    /// The change as JSONEncoder encodes it, members in its order.
    func write(to writer: inout PrettyJSON.Writer) {
        writer.openObject()
        writer.field("block", block)
        writer.field("field", field)
        writer.field("kind", kind)
        writer.field("new", new ?? .null)
        writer.field("old", old ?? .null)
        writer.closeObject()
    }
}
