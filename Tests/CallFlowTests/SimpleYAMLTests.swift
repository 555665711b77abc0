import Foundation
import Testing
import Yams

@testable import CallFlow

/// SimpleYAML reads what flowctl writes without Yams, and must give exactly Yams' nodes: thousands
/// of generated files, canonical and hand-mangled, are read both ways and compared node by node
/// (kind, text, style, tag, line and column). Where SimpleYAML declines (nil), Yams reads the file.
@Suite struct SimpleYAMLTests {
    /// A small deterministic generator, so that a failure can be reproduced.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let fragments = [
        "a", "Z", "0", "7", "42", "-", " ", ":", ": ", "#", " #", "'", "\"", "\\", "/", ".", ",", "[", "]", "{", "}",
        "*", "&", "!", "|", ">", "%", "@", "`", "?", "~", "=", "+", "(", ")", "é", "日本", "👋", "\u{85}", "\u{2028}",
        "\u{FEFF}", "\u{A0}", "\t", "true", "null", "yes", "0x1F", "1e3", "01234", "2026-01-01",
        "https://h.example/p?q=1",
        "user:pw@host", "\u{7}", "-5", "--", "- x",
    ]

    static let plainFragments = [
        "a", "Z", "0", "7", "42", "-", " ", ":", "/", ".", "é", "https://h.example/p?q=1", "x y",
    ]

    /// Text of up to five fragments; `tricky` in 0...4 says how often one is from the full list.
    static func text(_ random: inout Random, tricky: Int = 4) -> String {
        (0..<random.below(6)).map { _ in random.pick(random.below(4) < tricky ? fragments : plainFragments) }.joined()
    }

    static func value(_ random: inout Random, depth: Int = 0) -> Value {
        switch random.below(depth == 0 ? 9 : 6) {
        case 0, 1, 2: .string(text(&random))
        case 3: .int(random.below(10_000) - 5_000)
        case 4: .bool(random.below(2) == 0)
        case 5: .number(random.pick(["1.5", "1e3", "-0.25"]))
        case 6: .list((0..<random.below(4)).map { _ in value(&random, depth: depth + 1) })
        case 7:
            .map(
                Dictionary(
                    (0..<random.below(4)).map { _ in
                        (random.pick(["1", "2", "timeout", "a-b", "x_y"]), value(&random, depth: 1))
                    }
                ) { first, _ in first })
        default: .null
        }
    }

    /// The nodes, compared field by field (Node's own == ignores marks and styles).
    static func same(_ a: Node, _ b: Node, _ path: String = "") -> String? {
        guard a.mark?.line == b.mark?.line, a.mark?.column == b.mark?.column else {
            return "\(path): mark \(String(describing: a.mark)) != \(String(describing: b.mark))"
        }
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            if x.string != y.string { return "\(path): \(x.string.debugDescription) != \(y.string.debugDescription)" }
            if x.style != y.style { return "\(path): style \(x.style) != \(y.style)" }
            if x.tag.description != y.tag.description { return "\(path): tag \(x.tag) != \(y.tag)" }
            return nil
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return "\(path): \(x.count) pairs != \(y.count)" }
            for (pairX, pairY) in zip(x, y) {
                if let problem = same(pairX.key, pairY.key, path + "/key")
                    ?? same(pairX.value, pairY.value, path + "/value")
                {
                    return problem
                }
            }
            return nil
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { return "\(path): \(x.count) items != \(y.count)" }
            for (index, (itemX, itemY)) in zip(x, y).enumerated() {
                if let problem = same(itemX, itemY, path + "/\(index)") { return problem }
            }
            return nil
        default:
            return "\(path): \(a) and \(b) are different kinds"
        }
    }

    /// Checks one file; true when SimpleYAML read it.
    static func check(_ text: String) throws -> Bool {
        guard let simple = SimpleYAML.compose(Array(text.utf8)) else { return false }
        let yams = try #require(try Yams.compose(yaml: text, .basic, .default, .utf8), "\(text.debugDescription)")
        if let problem = same(simple, yams) {
            Issue.record("\(text.debugDescription): \(problem)")
        }
        return true
    }

    @Test func canonicalFilesReadAsYamsReadsThem() throws {
        var random = Random(state: 20_261_129)
        var simple = 0
        let count = 3_000
        for _ in 0..<count {
            let pairs = (0..<1 + random.below(6)).map { index in
                (
                    key: ["type", "url", "retries", "next", "exits", "numbers", "data", "name"][index % 8],
                    value: Self.value(&random)
                )
            }
            if try Self.check(CanonicalYAML.document(pairs)) { simple += 1 }
        }
        // Most of what flowctl writes takes the quick way (the rest: nesting deeper than one level).
        #expect(simple > count / 2, "only \(simple) of \(count) files were read by SimpleYAML")
    }

    @Test func mangledFilesAreReadAsYamsReadsThemOrLeftToIt() throws {
        var random = Random(state: 7)
        let lineForms = [
            "key: V", "key: \"V\"", "key:", "  - V", "  k: V", "  k: \"V\"", "    deep: V", "- V", "# note", "",
            "key:  V",
            "key: V ", "key: 'V'", "key: [V]", "key: {a: V}", "key: |", "  V", "key: V # c", "---", "k-y: V", "1: V",
            "key: V: W", "key: \"V\" # c", "\tkey: V", "key:\tV",
        ]
        var simple = 0
        for _ in 0..<5_000 {
            let goodForms = ["key: V", "key: \"V\"", "key:\n  - V\n  - \"V\"", "key:\n  k: V\n  k2: \"V\"", "1: V"]
            let lines = (0..<1 + random.below(6)).map { _ in
                random.pick(random.below(8) == 0 ? lineForms : goodForms).replacingOccurrences(
                    of: "V", with: Self.text(&random, tricky: 1)
                )
                .replacingOccurrences(of: "W", with: Self.text(&random, tricky: 1))
                .replacingOccurrences(of: "key", with: random.pick(["key", "type", "url", "key"]))
            }
            let text = lines.joined(separator: "\n") + (random.below(4) == 0 ? "" : "\n")
            // Yams may refuse what SimpleYAML declined; what SimpleYAML accepts, Yams must read alike.
            if try Self.check(text) { simple += 1 }
        }
        #expect(simple > 500, "only \(simple) mangled files were simple enough: the test tests little")
    }

    @Test func marksAreMadeAsYamsMakesThem() {
        let mark = SimpleYAML.mark(line: 3, column: 5)
        #expect(mark.line == 3 && mark.column == 5)
    }
}

/// Block ids sort as people count: the byte-wise natural order agrees with Foundation's numeric
/// comparison wherever that one gives an order, and breaks its ties by plain order.
@Suite struct NaturalOrderTests {
    @Test func agreesWithFoundationsNumericOrder() {
        var random = SimpleYAMLTests.Random(state: 99)
        let alphabet = Array("ab-0129")
        for _ in 0..<20_000 {
            let a = String((0..<1 + random.below(6)).map { _ in random.pick(alphabet) })
            let b = String((0..<1 + random.below(6)).map { _ in random.pick(alphabet) })
            let foundation = a.compare(b, options: [.numeric])
            switch foundation {
            case .orderedAscending: #expect(BlockOrder.natural(a, b) && !BlockOrder.natural(b, a), "\(a) < \(b)")
            case .orderedDescending: #expect(!BlockOrder.natural(a, b) && BlockOrder.natural(b, a), "\(a) > \(b)")
            case .orderedSame: #expect(BlockOrder.natural(a, b) != BlockOrder.natural(b, a) || a == b, "\(a) ~ \(b)")
            }
        }
        #expect(["b10", "b2", "b1", "a", "b01"].sorted(by: BlockOrder.natural) == ["a", "b01", "b1", "b2", "b10"])
    }
}

/// A block file read straight from SimpleYAML's items must be the block read through Yams'
/// nodes, or be left to that path: generated files, canonical and mangled, decoded both ways.
@Suite struct QuickBlockTests {
    typealias Random = SimpleYAMLTests.Random

    /// Decodes one file both ways; true when the quick way took it.
    static func check(_ text: String, id: String = "b") -> Bool {
        let bytes = Array(text.utf8)
        let slow = Result { try FlowCodec.decodeBlockFromNodes(bytes, id: id) }
        guard let quick = FlowCodec.quickBlock(bytes, id: id) else { return false }
        switch slow {
        case .success(let block):
            #expect(quick == block, "\(text.debugDescription)")
        case .failure(let error):
            Issue.record("\(text.debugDescription): quick read \(quick), nodes failed: \(error)")
        }
        return true
    }

    @Test func canonicalBlocksDecodeAlike() {
        var random = Random(state: 2_026_112_901)
        var quick = 0
        for _ in 0..<3_000 {
            var block = Block(id: "b", type: random.pick(["webhook", "play", "menu", "null", "x"]))
            for _ in 0..<random.below(5) {
                block.parameters[random.pick(["url", "retries", "data", "media", "1", "numbers"])] =
                    SimpleYAMLTests.value(&random)
            }
            for _ in 0..<random.below(3) {
                block.exits[random.pick(["next", "1", "timeout", "other", "null"])] = random.pick([
                    "a", "b-2", "null", "", "Bad", "x",
                ])
            }
            if Self.check(FlowCodec.encode(block)) { quick += 1 }
        }
        #expect(quick > 1_000, "only \(quick) canonical blocks took the quick way")
    }

    @Test func mangledBlocksDecodeAlikeOrAreLeftToTheNodes() {
        var random = Random(state: 11)
        let forms = [
            "type: V", "type: \"V\"", "type:", "next: V", "next: \"V\"", "next: ~", "exits:\n  k: V",
            "exits:\n  next: V", "exits:\n  null: V", "exits:\n  k: \"V\"", "exits: V", "key: V", "key: \"V\"",
            "key:\n  - V\n  - \"V\"", "key:\n  k: V", "type:\n  - V", "next:\n  - V", "exits:\n  - V",
        ]
        var quick = 0
        for _ in 0..<5_000 {
            let lines = (0..<1 + random.below(5)).map { _ in
                random.pick(forms).replacingOccurrences(
                    of: "V", with: random.pick(["a", "b-2", "webhook", "null", "~", "", "1", "true", "Bad id", "x"])
                )
                .replacingOccurrences(of: "key", with: random.pick(["url", "data", "retries", "k"]))
            }
            let typed = random.below(4) == 0 ? "" : "type: webhook\n"
            if Self.check(typed + lines.joined(separator: "\n") + "\n") { quick += 1 }
        }
        #expect(quick > 300, "only \(quick) mangled blocks took the quick way: the test tests little")
    }
}
