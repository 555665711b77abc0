import Foundation

/// Keeps resolved placeholder values out of the texts that come from outside flowctl (libcurl's
/// error messages, a redirect's Location), the only texts a resolved value can reach: all else
/// flowctl prints is made from the block as written, with its placeholders.
///
/// A value is replaced by `***` only where it stands as a value: with no letter or digit right
/// before or after it. So a secret `x` hides `?k=x`, yet leaves `example` and `/next/box` as they
/// are, and a secret `-` leaves `support-line` whole. A server may quote a value back encoded
/// (`Bearer%20xyz`, `%78%79%7a`, `+` for a space): when the text's decoded form shows a value, the
/// decoded form is printed, with the value hidden.
public struct Redactor: Sendable, Equatable {
    /// The values to hide, longest first, so that a value containing another goes whole.
    public private(set) var values: [String] = []

    public init(_ values: [String] = []) {
        for value in values { add(value) }
    }

    public mutating func add(_ value: String) {
        guard !value.isEmpty, !values.contains(value) else { return }
        values.append(value)
        values.sort { $0.count > $1.count }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// `text` with each value that stands on its own shown as `***`, in whatever form it was
    /// quoted: when only a decoded form (percent-decoded up to three times, `+` as a space) shows
    /// a value, that form is printed, with the value hidden and no control character decoded.
    public func redact(_ text: String) -> String {
        guard !values.isEmpty else { return text }
        var decoded = text
        for _ in 0..<3 {
            let next = Self.percentDecoded(decoded)
            if next == decoded { break }
            decoded = next
        }
        let hidden = hide(decoded)
        let spaced = hide(hidden.replacingOccurrences(of: "+", with: " "))
        let best =
            spaced.components(separatedBy: "***").count > hidden.components(separatedBy: "***").count ? spaced : hidden
        if best == decoded { return text }
        return decoded == text && best == hidden ? best : Self.escapingControls(best)
    }

    private func hide(_ text: String) -> String {
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
            result += rest[..<found.lowerBound]
            result += !joins(before) && !joins(after) ? "***" : text[found]
            rest = text[found.upperBound...]
        }
        return result + rest
    }

    /// Whether `character` is part of a word, so that a value beside it would be inside that word.
    private static func joins(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }

    /// `text` with each `%XY` (either case) made the byte it stands for; a `%` not followed by two
    /// hexadecimal digits stays as it is.
    static func percentDecoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Control characters a decoding brought out, encoded again: decoding must not write to the terminal.
    static func escapingControls(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += String(format: "%%%02X", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
