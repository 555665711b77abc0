import Foundation

/// Colours for terminal output, on only when `Output` decided so (a terminal, no NO_COLOR, not
/// TERM=dumb, or --color always).
enum Terminal {
    static func red(_ text: String) -> String { paint(text, "31") }
    static func green(_ text: String) -> String { paint(text, "32") }
    static func yellow(_ text: String) -> String { paint(text, "33") }
    static func cyan(_ text: String) -> String { paint(text, "36") }
    static func bold(_ text: String) -> String { paint(text, "1") }

    /// A unified patch coloured as git colours one: headers bold, hunks cyan, removed lines red,
    /// added lines green.
    static func patch(_ text: String) -> String {
        guard Output.settings.color else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let line = String(line)
            if line.hasPrefix("diff --git") || line.hasPrefix("--- ") || line.hasPrefix("+++ ")
                || line.hasPrefix("index ") || line.hasPrefix("similarity ") || line.hasPrefix("rename ")
            {
                return bold(line)
            }
            if line.hasPrefix("@@") { return cyan(line) }
            if line.hasPrefix("+") { return green(line) }
            if line.hasPrefix("-") { return red(line) }
            return line
        }.joined(separator: "\n")
    }

    /// `--stat` lines with their +'s green and -'s red, as git shows them.
    static func stat(_ text: String) -> String {
        guard Output.settings.color else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let bar = line.lastIndex(of: "|") else { return String(line) }
            let graph = line[line.index(after: bar)...].map { character -> String in
                character == "+" ? green("+") : character == "-" ? red("-") : String(character)
            }.joined()
            return line[...bar] + graph
        }.joined(separator: "\n")
    }

    /// `error:` red and `warning:` yellow, at the start of a finding.
    static func severity(_ word: String) -> String { word == "error" ? red(word) : yellow(word) }

    /// Colour is marked with two private-use characters, turned into escape sequences only by
    /// `render`, after the text's own control characters were escaped: a name can never carry
    /// an escape sequence to the terminal.
    private static let colorStart: Character = "\u{F8FE}", colorEnd: Character = "\u{F8FF}"

    /// How many columns `text` takes on a terminal: its characters, colour marks left out.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inMark = false
        for character in text {
            if character == colorStart {
                inMark = true
            } else if character == colorEnd {
                inMark = false
            } else if !inMark {
                width += 1
            }
        }
        return width
    }

    /// `text` without its colour marks.
    static func plain(_ text: String) -> String {
        var inMark = false
        return String(
            text.filter { character in
                if character == colorStart { inMark = true }
                defer { if character == colorEnd { inMark = false } }
                return !inMark && character != colorEnd
            })
    }

    private static func paint(_ text: String, _ code: String) -> String {
        Output.settings.color ? "\(colorStart)\(code)\(colorEnd)\(text)\(colorStart)0\(colorEnd)" : text
    }

    /// `text` as it goes out: on a terminal, control characters other than newline and tab shown
    /// as `\x1B`; colour marks turned into escape sequences (or dropped when colour is off).
    static func render(_ text: String, onTerminal: Bool) -> String {
        // Most output is printable ASCII with no colour marks: nothing to do.
        var text = text
        let plain = text.withUTF8 { bytes in bytes.allSatisfy { (0x20..<0x7F).contains($0) || $0 == 0x0A || $0 == 0x09 }
        }
        if plain { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{F8FE}": if Output.settings.color { out += "\u{1B}[" }
            case "\u{F8FF}": if Output.settings.color { out += "m" }
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where onTerminal && scalar.properties.generalCategory == .control:
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true)
            case _ where onTerminal && isBidiControl(scalar): out += unicodeEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The marks that reorder text on a terminal (embeddings, overrides, isolates, marks): a name
    /// holding one can make a line read other than it is.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\u009B`: how JSON writes a character, and how one that must not reach a terminal is shown.
    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Output already formatted (JSON, YAML, rendered text) as it goes to a terminal: C1 controls
    /// and bidi marks as `\u009B`, which in JSON is the same string. C0 controls are escaped
    /// before (by `render`, and by JSONEncoder as `\u001B`); ESC here is `render`'s colour.
    static func escapedForTerminal(_ text: String) -> String {
        var text = text
        guard !text.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) || isBidiControl(scalar) {
                out += unicodeEscape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
