import Testing

@testable import CallFlow

@Suite struct SlugTests {
    @Test(arguments: [
        ("Support Line", "support-line"), ("Support Line copy", "support-line-copy"), ("  Sales -- EU!! ", "sales-eu"),
        ("Café Zürich", "cafe-zurich"), ("24/7 Hotline", "24-7-hotline"),
    ])
    func namesBecomeSlugs(_ name: String, _ slug: String) {
        #expect(Slug.make(from: name) == slug)
    }

    @Test func nameWithNothingUsableHasNoSlug() {
        #expect(Slug.make(from: "!!!") == nil)
        #expect(Slug.make(from: "") == nil)
        #expect(Slug.make(from: "日本") == nil)
    }

    @Test func longNamesAreCutTo64WithoutTrailingDash() {
        let slug = Slug.make(from: String(repeating: "a", count: 63) + " b")!
        #expect(slug.count == 63)
        #expect(Slug.isValid(slug))
    }

    @Test func clashesGetNumberedSuffixes() {
        let taken: Set = ["support-line", "support-line-2"]
        #expect(Slug.unique("support-line") { taken.contains($0) } == "support-line-3")
        #expect(Slug.unique("free") { taken.contains($0) } == "free")
        let long = String(repeating: "x", count: 64)
        #expect(Slug.unique(long) { $0 == long }.count == 64)
    }

    @Test func validity() {
        #expect(Slug.isValid("notify-2"))
        #expect(!Slug.isValid("../../evil"))
        #expect(!Slug.isValid("Upper"))
        #expect(!Slug.isValid(""))
        #expect(!Slug.isValid(String(repeating: "a", count: 65)))
    }
}

/// JSON strings are quoted eight bytes at a time where nothing needs an escape; the result must
/// be a scalar-by-scalar quoting's, wherever in the text the escapes fall.
@Suite struct JSONQuotingTests {
    static func quotedByScalar(_ text: String, shortControls: Bool) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}" where shortControls: out += "\\b"
            case "\u{C}" where shortControls: out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func quotingMatchesAScalarByScalarQuoting() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "a", "bcdefgh", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", " ", "\u{7F}",
            "é", "日本", "👋", "\u{2028}", "!", "#", "[]", "~",
        ]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let short = Bool.random(using: &generator)
            var out: [UInt8] = []
            JSONText.appendQuoted(text, to: &out, shortControls: short)
            #expect(String(decoding: out, as: UTF8.self) == Self.quotedByScalar(text, shortControls: short))
        }
        #expect(JSONText.quoted("abcdefgh\"ijklmnop\\") == "\"abcdefgh\\\"ijklmnop\\\\\"")
    }
}
