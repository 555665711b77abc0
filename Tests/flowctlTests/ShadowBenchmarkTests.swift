import CallFlow
import FlowRepository
import Foundation
import TestSupport
import Testing

@testable import flowctl

/// The hand-written stand-ins for library code that `log` uses, timed against the library on
/// the same generated input, each result checked equal to the library's as it is timed.
/// `PrettyJSON` (a save as `log --json` writes it) against `JSONEncoder` with `Output`'s
/// formatting; `DateText` (a save's date as `log` and `log --json` print it) against the
/// `DateFormatter` and `ISO8601DateFormatter` it replaces, one formatter reused, its zone set
/// only when the offset changes, as `log` would use it.
///
/// A benchmark as well as a test: `benchmarks/run.py --part shadows` runs it with
/// `FLOWCTL_SHADOW_ITEMS`, `FLOWCTL_SHADOW_ROUNDS` and `FLOWCTL_SHADOW_FIGURES` (a file the
/// figures are written to, one JSON line a case). Timings are not asserted: they vary with load.
@Suite struct ShadowBenchmarkTests {
    static let environment = ProcessInfo.processInfo.environment
    static let items = environment["FLOWCTL_SHADOW_ITEMS"].flatMap(Int.init) ?? 2_000
    static let rounds = environment["FLOWCTL_SHADOW_ROUNDS"].flatMap(Int.init) ?? 1

    @Test func prettyJSONAgainstJSONEncoder() throws {
        let seed = try Self.seedSave()
        var generator = SystemRandomNumberGenerator()
        let saves = (0..<Self.items).map { _ in Self.randomSave(from: seed, &generator) }
        let encoder = Output.jsonEncoder()
        var shadow: [String?] = []
        var library: [String] = []
        try Self.record(
            "PrettyJSON: a save of log --json / JSONEncoder",
            shadow: { shadow = saves.map { $0.prettyText() } },
            library: { library = try saves.map { String(decoding: try encoder.encode($0), as: UTF8.self) } })
        let written = zip(shadow, library).filter { $0.0 != nil }
        #expect(
            written.count > saves.count / 2, "only \(written.count) of \(saves.count) saves were written by PrettyJSON")
        for (text, expected) in written where text != expected {
            #expect(text == expected)
            break
        }
    }

    @Test func dateTextAgainstTheFormatters() throws {
        var generator = SystemRandomNumberGenerator()
        // Dates from 1970 to 2100; offsets in runs, as a history's authors' zones come.
        var offset = 0
        let dates: [(Date, Int)] = (0..<Self.items).map { index in
            if index % 20 == 0 { offset = [0, 60, -300, 330, 600, -480].randomElement(using: &generator)! }
            return (
                Date(timeIntervalSince1970: TimeInterval(Int.random(in: 0...4_102_444_800, using: &generator))), offset
            )
        }
        let git = LogCommand.gitDateFormatter()
        var shadow: [String] = []
        var library: [String] = []
        try Self.record(
            "DateText: log's date / DateFormatter",
            shadow: { shadow = dates.map { DateText.git($0.0, offsetMinutes: $0.1, fallback: git) } },
            library: {
                library = dates.map { date, offset in
                    git.setTimeZone(offsetMinutes: offset)
                    return git.string(from: date)
                }
            })
        #expect(shadow == library)
        let iso = ISO8601DateFormatter()
        try Self.record(
            "DateText: log --json's date / ISO8601DateFormatter",
            shadow: { shadow = dates.map { DateText.iso8601($0.0, offsetMinutes: $0.1, fallback: iso) } },
            library: {
                library = dates.map { date, offset in
                    iso.setTimeZone(offsetMinutes: offset)
                    return iso.string(from: date)
                }
            })
        #expect(shadow == library)
    }

    /// Times `shadow` and `library` in turns, `rounds` times each; writes the medians, in
    /// microseconds an item, to the figures file when there is one.
    static func record(_ name: String, shadow: () throws -> Void, library: () throws -> Void) throws {
        var times: (shadow: [Double], library: [Double]) = ([], [])
        for _ in 0..<rounds {
            times.shadow.append(try seconds(shadow))
            times.library.append(try seconds(library))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] * 1e6 / Double(items) }
        let line: [String: Any] = [
            "name": name, "items": items, "rounds": rounds, "shadow_us": median(times.shadow),
            "library_us": median(times.library),
        ]
        guard let path = environment["FLOWCTL_SHADOW_FIGURES"] else { return }
        var text = String(
            decoding: try JSONSerialization.data(withJSONObject: line, options: .sortedKeys), as: UTF8.self)
        text += "\n"
        let file = try #require(FileHandle(forWritingAtPath: path), "cannot write \(path)")
        defer { try? file.close() }
        try file.seekToEnd()
        try file.write(contentsOf: Data(text.utf8))
    }

    static func seconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// One real save of a real repository, whose fields the generated ones replace.
    static func seedSave() throws -> SaveJSON {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Help desk", "--extension", "101", "--seat", "alice")
        let history = FlowHistory(try FlowReader(discoveringFrom: session.repo, environment: session.environment))
        let save = try #require(try history.history("help-desk").first)
        return SaveJSON(save, published: [], formatter: ISO8601DateFormatter())
    }

    /// A save as `log --json` sees one, its texts and values drawn at random: escapes, non-ASCII,
    /// data maps, and now and then a fraction (which only JSONEncoder writes).
    static func randomSave(from seed: SaveJSON, _ generator: inout some RandomNumberGenerator) -> SaveJSON {
        var save = seed
        func hex() -> String {
            (0..<40).map { _ in "0123456789abcdef".randomElement(using: &generator)! }.map(String.init).joined()
        }
        func text(_ words: ClosedRange<Int>) -> String {
            let pieces = [
                "call", "Support", "desk", "\"quoted\"", "a\\b", "/path", "\n", "\t", "é", "日本", "👋", " ", "x-1",
            ]
            return (0..<Int.random(in: words, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: " ")
        }
        func value() -> Value {
            switch Int.random(in: 0..<20, using: &generator) {
            case 0: .number("1.5")
            case 1..<8: .string(text(1...4))
            case 8..<13: .int(Int.random(in: -1_000...100_000, using: &generator))
            case 13..<15: .bool(Bool.random(using: &generator))
            case 15: .null
            default: .map(["url": .string(text(1...2)), "retries": .int(Int.random(in: 0...4, using: &generator))])
            }
        }
        save.commit = hex()
        save.parents = (0..<Int.random(in: 0...2, using: &generator)).map { _ in hex() }
        save.author = SaveJSON.Person(
            name: text(1...3), email: "someone\(Int.random(in: 0...99, using: &generator))@example.com")
        save.date = "2026-11-29T10:00:00+01:00"
        save.message = text(2...30)
        save.summary = text(1...6)
        save.copied_from = Bool.random(using: &generator) ? nil : "flow-\(Int.random(in: 0...9, using: &generator))"
        save.published = Int.random(in: 0..<4, using: &generator) == 0 ? [1, 2] : []
        save.changes = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
            ChangeJSON(
                .blockField(
                    block: "b\(Int.random(in: 0...99, using: &generator))", field: "url", old: value(), new: value()))
        }
        return save
    }
}
