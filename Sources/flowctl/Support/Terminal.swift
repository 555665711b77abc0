import Foundation

/// Colours for terminal output, on only when `Output` decided so (a terminal, no NO_COLOR, not
/// TERM=dumb, or --color always).
enum Terminal {
    static func red(_ text: String) -> String { paint(text, "31") }
    static func green(_ text: String) -> String { paint(text, "32") }
    static func yellow(_ text: String) -> String { paint(text, "33") }

    private static func paint(_ text: String, _ code: String) -> String {
        Output.settings.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
