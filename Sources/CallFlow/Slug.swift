import Foundation

/// Flow and block ids: lowercase ASCII letters, digits and `-`, 1 to 64 characters. They name
/// branches (`flows/<id>`) and files (`blocks/<id>.yaml`), so nothing else may get in.
public enum Slug {
    public static let maximumLength = 64

    /// Whether `text` is already a valid id.
    public static func isValid(_ text: String) -> Bool {
        (1...maximumLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { isLowercaseLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// The id made from a name ("Support Line copy" -> `support-line-copy`): accents folded, every
    /// run of other characters one `-`, none at the ends, cut to 64. Nil when nothing is left.
    public static func make(from name: String) -> String? {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        var pendingDash = false
        for byte in folded.utf8 {
            if isLowercaseLetterOrDigit(byte) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(Unicode.Scalar(byte))
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        slug = trimmed(String(slug.prefix(maximumLength)))
        return slug.isEmpty ? nil : slug
    }

    /// `base` if `isTaken` says it is free, else the first free of `base-2`, `base-3`, ..., each
    /// cut so that it stays within 64 characters.
    public static func unique(_ base: String, isTaken: (String) -> Bool) -> String {
        guard isTaken(base) else { return base }
        var number = 2
        while true {
            let candidate = numbered(base, number)
            if !isTaken(candidate) { return candidate }
            number += 1
        }
    }

    /// `base` itself for 1, else `base-<number>`, shortened to stay a slug.
    public static func numbered(_ base: String, _ number: Int) -> String {
        guard number > 1 else { return base }
        let suffix = "-\(number)"
        return trimmed(String(base.prefix(maximumLength - suffix.count))) + suffix
    }

    private static func trimmed(_ slug: String) -> String {
        String(slug.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }

    private static func isLowercaseLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
