import CallFlow
import Foundation

/// A webhook URL as the block writes it, placeholders and all, resolved into the URL that is
/// sent. A placeholder fills one part of the URL and may not change its structure: a value that
/// would move the request to another host, scheme or path is refused, naming the placeholder.
struct URLTemplate {
    /// The part of a URL a placeholder stands in.
    enum Part: String, CaseIterable {
        case scheme, user = "user part", host, path, query, fragment

        /// Characters a resolved value may not hold here, beyond controls and spaces (never allowed).
        var forbidden: Set<Character> {
            switch self {
            case .scheme: []
            case .user: ["@", "/", "?", "#", "\\"]
            case .host: ["@", "/", "?", "#", "\\", "&", "=", "'", "\"", "<", ">", "`", "{", "}", "|", "^", "%"]
            case .path: ["?", "#", "\\"]
            case .query: ["#", "&"]
            case .fragment: []
            }
        }
    }

    let text: String

    /// Which part of the URL `range` (a placeholder's) stands in. The delimiters are found in the
    /// template itself: a placeholder's own text (`${env:NAME}`) holds none of `/?#@`.
    func part(of range: Range<String.Index>) -> Part {
        guard let schemeEnd = text.range(of: "://"), schemeEnd.upperBound <= range.lowerBound else { return .scheme }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? text.endIndex
        if range.lowerBound < authorityEnd {
            let authority = text[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), range.lowerBound < at { return .user }
            return .host
        }
        let rest = text[authorityEnd...]
        let queryStart = rest.firstIndex { "?#".contains($0) } ?? text.endIndex
        if range.lowerBound < queryStart { return .path }
        let fragmentStart = rest.firstIndex(of: "#") ?? text.endIndex
        return range.lowerBound < fragmentStart ? .query : .fragment
    }

    /// The URL with each placeholder replaced by `resolve`'s value, after checking that the
    /// value fits the part it stands in. `found` hears of each placeholder, its part and value.
    func resolve(
        _ resolve: (Placeholder) throws(DeliveryError) -> String,
        found: (Placeholder, Part, String) -> Void = { _, _, _ in }
    ) throws(DeliveryError) -> String {
        var result = ""
        var last = text.startIndex
        for (placeholder, range) in Placeholder.all(in: text) {
            let part = part(of: range)
            guard part != .scheme else {
                throw DeliveryError("\(placeholder) cannot give the url's scheme: write http:// or https://")
            }
            let value = try resolve(placeholder)
            if let problem = Self.problem(with: value, in: part) {
                throw DeliveryError(
                    "\(placeholder) in the url's \(part.rawValue) holds \(problem) once resolved, which would "
                        + "change where the request goes: nothing was sent (percent-encode it where it belongs)")
            }
            found(placeholder, part, value)
            result += text[last..<range.lowerBound] + value
            last = range.upperBound
        }
        return result + text[last...]
    }

    /// What in `value` does not belong in `part`, in words, or nil. In the path, a `.` or `..`
    /// segment would climb out of the path the block names; in the query, `&` would add fields
    /// (the call's own among them).
    static func problem(with value: String, in part: Part) -> String? {
        if part == .path {
            let segments = value.split(separator: "/", omittingEmptySubsequences: false).map {
                $0.lowercased().replacingOccurrences(of: "%2e", with: ".")
            }
            if segments.contains(where: { $0 == "." || $0 == ".." }) { return "a '.' or '..' segment" }
        }
        for character in value {
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return character.isNewline ? "a line break" : "a control character"
            }
            if character.isWhitespace { return "a space" }
            if part.forbidden.contains(character) { return "'\(character)'" }
        }
        return nil
    }
}
