import Foundation
import Testing

@testable import FlowRepository

/// `--since` and `--until` read dates once, below the commands, in the forms git users write.
@Suite struct HistoryFilterDateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(
        arguments: [
            ("2 weeks ago", 14 * 86_400.0), ("1 day ago", 86_400.0), ("3 HOURS AGO", 3 * 3_600.0),
            ("1 minute ago", 60.0), ("90 seconds ago", 90.0), ("1.5 days ago", 1.5 * 86_400),
        ] as [(String, Double)])
    func aTimeAgoCountsBackFromNow(text: String, seconds: Double) {
        #expect(HistoryFilter.date(text, now: now) == now.addingTimeInterval(-seconds))
    }

    @Test func isoDatesWithAndWithoutATime() {
        #expect(HistoryFilter.date("2026-11-01T09:00:00Z")?.timeIntervalSince1970 == 1_793_523_600)
        #expect(HistoryFilter.date("2026-11-01")?.timeIntervalSince1970 == 1_793_491_200)
    }

    @Test(arguments: ["", "yesterday", "2 fortnights ago", "two weeks ago", "2 weeks", "2026-13-01", "ago"])
    func anythingElseIsNoDate(text: String) {
        #expect(HistoryFilter.date(text, now: now) == nil)
    }

    @Test func theCopiedFromTrailerIsKnownByItsLine() {
        #expect(SaveInfo.isCopiedFromTrailer("Copied-from: support-line"))
        #expect(!SaveInfo.isCopiedFromTrailer("Copied from support-line"))
        #expect(!SaveInfo.isCopiedFromTrailer(""))
    }
}
