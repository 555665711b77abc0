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
