import Foundation

/// Colours for terminal output, on only when `Output` decided so (a terminal, no NO_COLOR, not
/// TERM=dumb, or --color always).
enum Terminal {
    static func red(_ text: String) -> String { paint(text, "31") }
    static func green(_ text: String) -> String { paint(text, "32") }
    static func yellow(_ text: String) -> String { paint(text, "33") }

    /// Colour is marked with two private-use characters, turned into escape sequences only by
    /// `render`, after the text's own control characters were escaped: a name can never carry
    /// an escape sequence to the terminal.
    private static let colorStart: Character = "\u{F8FE}", colorEnd: Character = "\u{F8FF}"

    private static func paint(_ text: String, _ code: String) -> String {
        Output.settings.color ? "\(colorStart)\(code)\(colorEnd)\(text)\(colorStart)0\(colorEnd)" : text
    }

    /// `text` as it goes out: on a terminal, control characters other than newline and tab shown
    /// as `\x1B`; colour marks turned into escape sequences (or dropped when colour is off).
    static func render(_ text: String, onTerminal: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{F8FE}": if Output.settings.color { out += "\u{1B}[" }
            case "\u{F8FF}": if Output.settings.color { out += "m" }
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where onTerminal && scalar.properties.generalCategory == .control:
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
