import Foundation

/// A value a parameter cannot take, with the rule it breaks: "retries must be 0 to 4 (got 5)".
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension ParameterSpec {
    /// Nil when `value` fits this parameter, else the rule it breaks.
    public func problem(with value: Value) -> String? {
        switch (kind, value) {
        case (.text(let minLength, let maxLength), .string(let text)):
            if text.isEmpty { return "\(name) must not be empty" }
            if text.contains(where: \.isNewline) { return "\(name) must be one line" }
            if text.count < minLength {
                return "\(name) must be at least \(minLength) characters (got \(text.count))"
            }
            return text.count > maxLength ? "\(name) must be at most \(maxLength) characters (got \(text.count))" : nil
        case (.media, .string(let text)):
            return MediaReference.problem(text).map { "\(name) must name media: \($0)" }
        case (.documentID, .string(let text)):
            let hex = text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
            return text.utf8.count == 32 && hex
                ? nil : "\(name) must be \(kind.expectation) (got '\(text)')"
        case (.endpoints, .list(let items)):
            guard !items.isEmpty else { return "\(name) must name at least one member" }
            for item in items {
                guard let text = item.string, let problem = Endpoint.problem(text) else { continue }
                return "\(name): \(problem)"
            }
            return items.allSatisfy { $0.string != nil } ? nil : "\(name) must be a list of members"
        case (.document, .map):
            return nil
        case (.integer(let range), .int(let number)):
            return range.contains(number)
                ? nil : "\(name) must be \(range.lowerBound) to \(range.upperBound) (got \(number))"
        case (.integer(let range), _):
            return
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(value.inlineText))"
        case (.flag, .bool):
            return nil
        case (.choice(let words), .string(let word)) where words.contains(word):
            return nil
        case (.choice(let words), _):
            return "\(name) must be one of \(words.joined(separator: ", ")) (got \(value.inlineText))"
        case (.timeZone, .string(let text)):
            return TimeZoneName.problem(text).map { "\(name): \($0)" }
        case (.url, .string(let text)):
            return Self.isHTTPURL(text) ? nil : "\(name) must be an absolute http or https URL (got '\(text)')"
        case (.textList, .list(let items)):
            guard items.allSatisfy({ ($0.string ?? "").isEmpty == false }) else {
                return "\(name) must be a list of names"
            }
            return nil
        case (.textMap, .map(let pairs)):
            for (key, item) in pairs.sorted(by: { $0.key < $1.key }) {
                if key.isEmpty { return "\(name) keys must not be empty" }
                if reservedKeys.contains(key) {
                    return "\(name).\(key) would replace a field every request carries "
                        + "(\(reservedKeys.joined(separator: ", "))): use another key"
                }
                if case .list = item { return "\(name).\(key) must be a single value" }
                if case .map = item { return "\(name).\(key) must be a single value" }
            }
            return nil
        case (.headerMap, .map(let pairs)):
            var seen: [String: String] = [:]
            for (header, item) in pairs.sorted(by: { $0.key < $1.key }) {
                if let problem = Self.headerProblem(name: header, value: item) { return "\(name): \(problem)" }
                if let other = seen.updateValue(header, forKey: header.lowercased()) {
                    return "\(name): \(other) and \(header) are the same header (names are case-insensitive)"
                }
            }
            return nil
        case (.timeRules, .map(let rules)):
            for (rule, window) in rules {
                if !Slug.isValid(rule) { return "\(name): rule name '\(rule)' must be 1 to 64 of a-z, 0-9 and '-'" }
                guard let text = window.string else {
                    return "\(name).\(rule) must be \(TimeRule.syntax) (got '\(window.inlineText)')"
                }
                if let problem = TimeRule.problem(text) { return "\(name).\(rule): \(problem)" }
            }
            return nil
        default:
            return "\(name) must be \(kind.expectation) (got \(value.inlineText))"
        }
    }

    /// Reads a command-line value (`--set NAME=TEXT`) as this parameter's kind, checked.
    public func parse(_ text: String) throws(ValueError) -> Value {
        let value: Value
        switch kind {
        case .integer(let range):
            guard let number = Int(text) else {
                throw ValueError(
                    "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
            }
            value = .int(number)
        case .flag:
            switch text.lowercased() {
            case "true", "yes", "on", "1": value = .bool(true)
            case "false", "no", "off", "0": value = .bool(false)
            default: throw ValueError("\(name) must be true or false (got '\(text)')")
            }
        case .choice(let words):
            value = .string(words.first { $0.caseInsensitiveCompare(text) == .orderedSame } ?? text)
        case .textList, .endpoints:
            value = .list(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        case .document:
            guard let json = Value(json: text), case .map = json else {
                throw ValueError("\(name) must be a JSON object, as {\"key\": \"value\"} (got '\(text)')")
            }
            value = json
        case .textMap, .headerMap, .timeRules:
            throw ValueError("\(name) is set one entry at a time: \(name).KEY=VALUE")
        case .text, .url, .timeZone, .documentID, .media:
            value = .string(text)
        }
        if let problem = problem(with: value) { throw ValueError(problem) }
        return value
    }

    /// An absolute http or https URL once each placeholder stands for a plain word.
    static func isHTTPURL(_ text: String) -> Bool {
        let text = Placeholder.substitute(in: text) { _ in "placeholder" }
        return isPlainHTTPURL(text) || isHTTPURLByFoundation(text)
    }

    /// `isHTTPURL` by Foundation's URL parser alone.
    static func isHTTPURLByFoundation(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return false }
        return !text.contains(where: { $0.isWhitespace })
    }

    /// The common shape of a webhook's URL, checked on its bytes: `http` or `https`, `://`, a
    /// host name of dot-separated labels, an optional port, then only characters RFC 3986 allows
    /// as they are in a path and query. Foundation's URL parser takes all of these, and a test
    /// holds it to that; it cost a tenth of validating a large flow. Anything else goes to it.
    static func isPlainHTTPURL(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        guard bytes.starts(with: "http://".utf8) || bytes.starts(with: "https://".utf8) else { return false }
        bytes = bytes.drop { $0 != UInt8(ascii: "/") }.dropFirst(2)
        var label = 0
        var labels = 0
        var last: UInt8 = 0
        while let byte = bytes.first,
            isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        {
            if byte == UInt8(ascii: ".") {
                // A label starts and ends with a letter or digit.
                guard label > 0, last != UInt8(ascii: "-") else { return false }
                label = 0
            } else {
                guard label > 0 || byte != UInt8(ascii: "-") else { return false }
                if label == 0 { labels += 1 }
                label += 1
            }
            last = byte
            bytes = bytes.dropFirst()
        }
        guard labels > 0, label > 0, last != UInt8(ascii: "-") else { return false }
        if bytes.first == UInt8(ascii: ":") {
            let port = bytes.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (1...5).contains(port.count) else { return false }
            bytes = bytes.dropFirst(1 + port.count)
        }
        guard bytes.isEmpty || bytes.first == UInt8(ascii: "/") else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || isUpperLetter($0) || pathBytes.contains($0) }
    }

    private static let pathBytes = Set("-._~!$&'()*+,;=:@/?".utf8)

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isUpperLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// Headers the HTTP client sets itself from the request, and hop-by-hop headers (RFC 9110
    /// 7.6.1), which speak of one connection: a block setting one would break the request (a
    /// wrong length cuts the body), send it elsewhere, or ask for a protocol flowctl does not speak.
    public static let clientHeaders: [String: String] = [
        "host": "the URL's host", "content-length": "the body's length",
        "transfer-encoding": "how the body is sent", "expect": "how the body is sent",
    ]
    static let hopByHopHeaders: Set = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"]

    /// HTTP header names are tokens (RFC 9110); values are one line of text with no control
    /// character; the headers the client sets itself are refused. Checked when a header is set,
    /// and again on the value a placeholder resolves to, before anything is sent.
    public static func headerProblem(name: String, value: Value) -> String? {
        let token = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if name.isEmpty || !name.allSatisfy({ token.contains($0) }) {
            return "'\(name)' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~)"
        }
        if let what = clientHeaders[name.lowercased()] {
            return "\(name) is set by flowctl from \(what) and cannot be set on a block"
        }
        if hopByHopHeaders.contains(name.lowercased()) {
            return "\(name) speaks of one connection, not of the request (a hop-by-hop header), "
                + "and cannot be set on a block"
        }
        switch value {
        case .list, .map: return "header \(name) must be a single value"
        default: break
        }
        // A field value is visible characters, spaces and tabs (RFC 9110 5.5): a control
        // character would end the line (CR, LF), cut it (NUL) or be refused by the server.
        if value.inlineText.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
            return "header \(name) must be one line of text (no CR, LF, NUL or other control character)"
        }
        return nil
    }
}

extension ParameterKind {
    /// What a value of this kind looks like, for messages and the catalog.
    public var expectation: String {
        switch self {
        case .text(let minLength, let maxLength) where minLength > 1:
            "text of \(minLength) to \(maxLength) characters"
        case .text(_, let maxLength): "text of at most \(maxLength) characters"
        case .documentID: "a Kazoo document id: 32 characters of 0-9 and a-f"
        case .media: "a media id or URL (3 to 2048 characters, no spaces)"
        case .endpoints: "a list of members: ID (a user), device:ID or group:ID"
        case .document: "a mapping of any values (a JSON object)"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .flag: "true or false"
        case .choice(let words): "one of \(words.joined(separator: ", "))"
        case .url: "an absolute http or https URL"
        case .timeZone: "an IANA time zone, as Europe/Paris"
        case .textList: "a list of names"
        case .textMap: "a mapping of keys to values"
        case .headerMap: "a mapping of header names to values"
        case .timeRules: "a mapping of rule names to \(TimeRule.syntax)"
        }
    }

    /// A short name of the kind, as `catalog --json` gives it.
    public var name: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .flag: "flag"
        case .choice: "choice"
        case .url: "url"
        case .timeZone: "time-zone"
        case .textList: "list"
        case .textMap: "map"
        case .headerMap: "headers"
        case .timeRules: "time-rules"
        case .documentID: "document-id"
        case .media: "media"
        case .endpoints: "endpoints"
        case .document: "document"
        }
    }
}
