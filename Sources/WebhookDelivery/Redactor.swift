import Foundation

/// Keeps resolved placeholder values out of the texts that come from outside flowctl (libcurl's
/// error messages, a redirect's Location), the only texts a resolved value can reach: all else
/// flowctl prints is made from the block as written, with its placeholders.
///
/// A value is replaced by `***` only where it stands as a value: not inside a longer word. So a
/// secret `x` hides `?k=x`, yet leaves `example` and `/next/box` as they are.
public struct Redactor: Sendable, Equatable {
    /// The values to hide, longest first, so that a value containing another goes whole.
    public private(set) var values: [String] = []

    public init(_ values: [String] = []) {
        for value in values { add(value) }
    }

    /// Hides `value`, and the forms it takes in a URL or a form (percent-encoded, `+` for space),
    /// in which a server may quote it back.
    public mutating func add(_ value: String) {
        guard !value.isEmpty else { return }
        let unreserved = CharacterSet(charactersIn: "-._~").union(.init(charactersIn: "a"..."z"))
            .union(.init(charactersIn: "A"..."Z")).union(.init(charactersIn: "0"..."9"))
        let encoded = value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
        for form in [value, encoded, encoded.replacingOccurrences(of: "%20", with: "+")] where !values.contains(form) {
            values.append(form)
        }
        values.sort { $0.count > $1.count }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// `text` with each value that stands on its own shown as `***`.
    public func redact(_ text: String) -> String {
        var text = text
        for value in values { text = Self.replace(value, in: text) }
        return text
    }

    private static func replace(_ value: String, in text: String) -> String {
        var result = ""
        var rest = text[...]
        while let found = rest.range(of: value) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : nil
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : nil
            let standsAlone =
                !(joins(before) && joins(value.first)) && !(joins(after) && joins(value.last))
            result += rest[..<found.lowerBound]
            result += standsAlone ? "***" : text[found]
            rest = text[found.upperBound...]
        }
        return result + rest
    }

    /// Whether `character` is part of a word, so that a value beside it would be inside that word.
    private static func joins(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }
}
