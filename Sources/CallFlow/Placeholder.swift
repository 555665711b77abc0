import Foundation

/// `${env:NAME}` and `${secret:NAME}` in a webhook's URL, header values and data values: a
/// credential named in the flow's files and resolved only when a request is sent, so it never
/// reaches the repository or its history.
public struct Placeholder: Hashable, Sendable, CustomStringConvertible {
    public enum Source: String, Hashable, Sendable { case env, secret }

    public var source: Source
    public var name: String

    public var description: String { "${\(source.rawValue):\(name)}" }

    /// Every placeholder in `text`, in order, with the range it takes.
    public static func all(in text: String) -> [(placeholder: Placeholder, range: Range<String.Index>)] {
        var found: [(Placeholder, Range<String.Index>)] = []
        var rest = text[...]
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            let inner = rest[open.upperBound..<close]
            let range = open.lowerBound..<text.index(after: close)
            if let colon = inner.firstIndex(of: ":"), let source = Source(rawValue: String(inner[..<colon])) {
                let name = String(inner[inner.index(after: colon)...])
                if isName(name) { found.append((Placeholder(source: source, name: name), range)) }
            }
            rest = text[range.upperBound...]
        }
        return found
    }

    /// `text` with each placeholder replaced by what `resolve` gives it.
    public static func substitute(in text: String, _ resolve: (Placeholder) throws -> String) rethrows -> String {
        var result = ""
        var last = text.startIndex
        for (placeholder, range) in all(in: text) {
            result += text[last..<range.lowerBound]
            result += try resolve(placeholder)
            last = range.upperBound
        }
        return result + text[last...]
    }

    /// Names as environment variables have them: a letter or `_`, then letters, digits, `_`.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }
}

/// Credentials written in clear where a placeholder belongs: userinfo in a URL, and headers
/// that carry one (`Authorization`, `Proxy-Authorization`, `Cookie`, `*-Token`, `*-Key`, ...).
public enum ClearCredentials {
    static let headerNames: Set = ["authorization", "proxy-authorization", "cookie"]
    static let headerSuffixes = ["-token", "-key", "-secret", "-password", "-api-key"]

    /// Whether header `name` carries a credential.
    public static func isCredentialHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return headerNames.contains(lower) || headerSuffixes.contains { lower.hasSuffix($0) }
    }

    /// Whether `url` has a password in its userinfo (`https://user:pass@host`), not a placeholder.
    public static func urlHasPassword(_ url: String) -> Bool {
        guard let password = URLPassword.range(in: url) else { return false }
        return Placeholder.all(in: String(url[password])).isEmpty
    }
}

/// The password part of `scheme://user:password@host`, for warnings and redaction.
public enum URLPassword {
    public static func range(in text: String) -> Range<String.Index>? {
        guard let scheme = schemeSeparator(in: text[...]) else { return nil }
        // Byte by byte: the delimiters are ASCII, so every index found is a character boundary.
        let bytes = text.utf8
        let authority = bytes[scheme.upperBound...].prefix { !"/?#".utf8.contains($0) }
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")),
            let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        return bytes.index(after: colon)..<at
    }

    /// Where `://` is in `text`, searched byte by byte: every line of output goes through here.
    static func schemeSeparator(in text: Substring) -> Range<String.Index>? {
        let bytes = text.utf8
        var index = bytes.startIndex
        while let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")) {
            let rest = bytes[colon...].dropFirst()
            if rest.starts(with: "//".utf8) { return colon..<bytes.index(colon, offsetBy: 3) }
            index = rest.startIndex
        }
        return nil
    }

    /// `text` with every URL password in it shown as `***`. On the text's bytes, with offsets:
    /// every line of output goes through here, and a diff of a large flow is many lines.
    public static func redacted(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var copied = 0
            var index = 0
            while let separator = schemeSeparator(in: bytes, from: index) {
                let start = separator + 3
                let end = bytes[start...].firstIndex { " \n\"'".utf8.contains($0) } ?? bytes.count
                let authority = bytes[start..<end].prefix { !"/?#".utf8.contains($0) }
                if let at = authority.lastIndex(of: UInt8(ascii: "@")),
                    let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":"))
                {
                    out += bytes[copied...colon]
                    out += "***".utf8
                    copied = at
                }
                index = end
            }
            guard copied > 0 else { return nil }
            out += bytes[copied...]
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// The offset of the first `://` at or after `start`. Found from its first `/` by memchr:
    /// a byte at a time cost a tenth of a `log --json` save, and JSON has a `:` on every line.
    private static func schemeSeparator(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var from = start + 1  // a `/` that can follow a `:` at `start` or later
        while from + 1 < bytes.count,
            let found = memchr(base + from, Int32(UInt8(ascii: "/")), bytes.count - 1 - from)
        {
            let slash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if bytes[slash - 1] == UInt8(ascii: ":") && bytes[slash + 1] == UInt8(ascii: "/") { return slash - 1 }
            from = slash + 1
        }
        return nil
    }
}
