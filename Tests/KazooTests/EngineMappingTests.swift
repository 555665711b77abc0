import CallFlow
import Foundation
import Testing

@testable import Kazoo

/// The mapping read against the engine's modules (2600hz/kazoo at
/// dcf86cbc6d06f85f0b9397fc115b52b6560967af): what is written, what the engine reads, and that
/// import and export give it back.
@Suite struct EngineMappingTests {
    static let mailbox = String(repeating: "ab", count: 16)

    static func bundle(_ files: [(String, String)]) throws -> KazooBundle {
        try KazooBundle(files: files.map { ($0.0, Array($0.1.utf8)) })
    }

    static func documents(_ export: KazooExport) -> [(String, String)] {
        export.documents.map { ($0.path, $0.json) }
    }

    /// A value with flowctl's notes taken out, as documents are compared "apart from notes".
    static func withoutNotes(_ value: Value) -> Value {
        switch value {
        case .map(let pairs):
            return .map(pairs.filter { $0.key != "flowctl" }.mapValues(withoutNotes))
        case .list(let items): return .list(items.map(withoutNotes))
        default: return value
        }
    }

    // MARK: Menus: cf_menu.erl:137-147 (timeout child), :74-86 (`_` after retries)

    static let menuCallflow = """
        {"name": "Front", "numbers": ["300"], "flow": {"module": "menu", "data": {"id": "m1"}, "children": {
          "1": {"module": "play", "data": {"id": "sales.mp3"}},
          "timeout": {"module": "play", "data": {"id": "nobody.mp3"}},
          "_": {"module": "voicemail", "data": {"id": "\(mailbox)"}}}}}
        """
    static let menuDocument =
        #"{"_id": "m1", "name": "Front menu", "retries": 2, "timeout": 8000, "media": {"greeting": "front.mp3"}}"#

    @Test func aMenuWithTimeoutAndUnderscoreKeepsBothAndWritesThemBack() throws {
        let bundle = try Self.bundle([
            ("callflows/front.json", Self.menuCallflow), ("menus/m1.json", Self.menuDocument),
        ])
        let read = try bundle.flow("front", name: "Front", seat: "alice", flowIDs: [:])
        let menu = try #require(read.flow.blocks["menu"])
        #expect(menu.type == "menu")
        #expect(menu.exits == ["1": "play", "timeout": "play-2", "no-choice": "voicemail"])
        #expect(read.flow.blocks.count == 4, "no block is left unreachable or dropped")
        let export = try KazooExport(flow: read.flow, id: "front")
        let tree = try #require(export.documents.first { $0.kind == .callflow }?.body["flow"])
        let original = try JSONText.parse(Array(Self.menuCallflow.utf8)).map?["flow"]
        #expect(Self.withoutNotes(tree).map?["children"] == original?.map?["children"])
        let written = try #require(export.documents.first { $0.kind == .menu }?.body)
        #expect(written["media"] == .map(["greeting": .string("front.mp3")]) && written["retries"] == .int(2))
        #expect(menu.parameters["input_timeout"] == .int(8000) && written["timeout"] == .int(8000))
    }

    @Test func aMenuExportsNoChoiceAsUnderscoreAndTimeoutAsTimeout() throws {
        let flow = Flow(
            main: MainBlock(name: "M", extension: "100", seat: "alice", start: "menu"),
            blocks: [
                Block(
                    id: "menu", type: "menu", parameters: ["prompt": .string("hi.mp3")],
                    exits: ["timeout": "a", "no-choice": "b"]),
                Block(id: "a", type: "play", parameters: ["media": .string("a.mp3")]),
                Block(id: "b", type: "play", parameters: ["media": .string("b.mp3")]),
            ])
        let export = try KazooExport(flow: flow, id: "m")
        let children = try #require(export.documents[0].body["flow"]?.map?["children"]?.map)
        #expect(children["timeout"]?.map?["data"] == .map(["id": .string("a.mp3")]))
        #expect(children["_"]?.map?["data"] == .map(["id": .string("b.mp3")]))
        let back = try Self.bundle(Self.documents(export)).flow("m", name: "M", seat: nil, flowIDs: [:])
        #expect(back.flow == flow)
    }

    // MARK: Ring groups: cf_ring_group.erl:105, :358-362, :440-445

    static func group(strategy: String?, timeout: Int?) -> Flow {
        var parameters: [String: Value] = ["members": .list([.string("amy"), .string("device:desk")])]
        parameters["strategy"] = strategy.map(Value.string)
        parameters["timeout"] = timeout.map(Value.int)
        return Flow(
            main: MainBlock(name: "G", extension: "200", seat: "alice", start: "team"),
            blocks: [Block(id: "team", type: "ring-group", parameters: parameters)])
    }

    @Test func everyMemberRingsForTheBlocksTimeInEveryStrategy() throws {
        for (strategy, group) in [(nil, 45), ("simultaneous", 45), ("single", 90)] as [(String?, Int)] {
            let flow = Self.group(strategy: strategy, timeout: 45)
            let export = try KazooExport(flow: flow, id: "g")
            let data = try #require(export.documents[0].body["flow"]?.map?["data"]?.map)
            #expect(data["endpoints"]?.list?.map { $0.map?["timeout"] } == [.int(45), .int(45)], "\(strategy ?? "-")")
            #expect(data["timeout"] == .int(group), "\(strategy ?? "-")")
            let back = try Self.bundle(Self.documents(export)).flow("g", name: "G", seat: nil, flowIDs: [:])
            #expect(back.flow == flow)
        }
        let unset = try KazooExport(flow: Self.group(strategy: nil, timeout: nil), id: "g")
        let data = try #require(unset.documents[0].body["flow"]?.map?["data"]?.map)
        #expect(data["endpoints"]?.list?.first?.map?["timeout"] == .int(20))
        let back = try Self.bundle(Self.documents(unset)).flow("g", name: "G", seat: nil, flowIDs: [:])
        #expect(back.flow == Self.group(strategy: nil, timeout: nil))
    }

    @Test func endpointsOfDifferentTimesStayAsTheEngineHasThem() throws {
        let callflow = """
            {"numbers": ["201"], "flow": {"module": "ring_group", "data": {"timeout": 30, "endpoints": [
              {"id": "amy", "endpoint_type": "user", "timeout": 30}, {"id": "bo", "endpoint_type": "user", "timeout": 10}]}}}
            """
        let read = try Self.bundle([("cf.json", callflow)]).flow("cf", name: "R", seat: "alice", flowIDs: [:])
        let block = try #require(read.flow.blocks["ring-group"])
        #expect(block.type == "engine")
        #expect(read.warnings.contains { $0.contains("the endpoints ring for different times") })
        let noTimes = """
            {"numbers": ["202"], "flow": {"module": "ring_group", "data": {"timeout": 300, "endpoints": [
              {"id": "amy", "endpoint_type": "user"}]}}}
            """
        let plain = try Self.bundle([("cf.json", noTimes)]).flow("cf", name: "P", seat: "alice", flowIDs: [:])
        #expect(plain.flow.blocks["ring-group"]?.parameters["timeout"] == .int(300))
        #expect(plain.warnings.contains { $0.contains("the engine rang each member 20 s, not the group's 300 s") })
    }

    // MARK: Defaults

    /// kzd_webhooks.erl:162-163: a hook with no retries retries twice; flowctl's default is 1,
    /// so export writes it and import reads a missing key as the engine's 2.
    @Test func webhookRetriesAreWrittenAndAnAbsentKeyIsTheEnginesDefault() throws {
        let flow = Flow(
            main: MainBlock(name: "W", extension: "400", seat: "alice", start: "hook"),
            blocks: [Block(id: "hook", type: "webhook", parameters: ["url": .string("https://h.example.com/x")])])
        let export = try KazooExport(flow: flow, id: "w")
        #expect(export.documents[0].body["flow"]?.map?["data"]?.map?["retries"] == .int(1))
        #expect(try Self.bundle(Self.documents(export)).flow("w", name: "W", seat: nil, flowIDs: [:]).flow == flow)
        let bare = #"{"numbers": ["401"], "flow": {"module": "webhook", "data": {"uri": "https://h.example.com/x"}}}"#
        let read = try Self.bundle([("cf.json", bare)]).flow("cf", name: "B", seat: "alice", flowIDs: [:])
        #expect(read.flow.blocks["webhook"]?.parameters["retries"] == .int(2))
    }

    /// cf_sleep.erl get_duration_ms/1: a sleep with no duration does not pause (0); flowctl's
    /// default is 1, so export writes it and import reads a missing key as the engine's 0.
    @Test func sleepDurationIsWrittenAndAnAbsentKeyIsTheEnginesZero() throws {
        let flow = Flow(
            main: MainBlock(name: "S", extension: "410", seat: "alice", start: "wait"),
            blocks: [Block(id: "wait", type: "sleep", parameters: [:])])
        let export = try KazooExport(flow: flow, id: "s")
        #expect(export.documents[0].body["flow"]?.map?["data"]?.map?["duration"] == .int(1))
        let bare = #"{"numbers": ["411"], "flow": {"module": "sleep", "data": {"unit": "s"}}}"#
        let read = try Self.bundle([("cf.json", bare)]).flow("cf", name: "B", seat: "alice", flowIDs: [:])
        #expect(read.flow.blocks.values.first?.parameters["duration"] == .int(0))
    }

    /// cf_util.erl:694-699: no `timezone` means the account's zone, so export writes the
    /// repository's, or warns when there is none.
    @Test func aTimeOfDayBlockIsWrittenInTheRepositorysZone() throws {
        let flow = Flow(
            main: MainBlock(name: "T", extension: "500", seat: "alice", start: "hours"),
            blocks: [
                Block(
                    id: "hours", type: "time-of-day",
                    parameters: ["rules": .map(["open": .string("mon-fri 09:00-17:00")])],
                    exits: ["open": "x"]),
                Block(id: "x", type: "play", parameters: ["media": .string("x.mp3")]),
            ])
        let zoned = try KazooExport(flow: flow, id: "t", defaultTimeZone: "Europe/Paris")
        #expect(zoned.documents[0].body["flow"]?.map?["data"]?.map?["timezone"] == .string("Europe/Paris"))
        #expect(zoned.warnings.filter { $0.field == "timezone" }.isEmpty)
        #expect(try Self.bundle(Self.documents(zoned)).flow("t", name: "T", seat: nil, flowIDs: [:]).flow == flow)
        let bare = try KazooExport(flow: flow, id: "t")
        #expect(bare.documents[0].body["flow"]?.map?["data"]?.map?["timezone"] == nil)
        #expect(bare.warnings.map(\.description).contains { $0.contains("the engine will use the account's") })
        let read = try Self.bundle(Self.documents(bare)).flow("t", name: "T", seat: nil, flowIDs: [:])
        #expect(read.flow == flow)
        #expect(read.warnings.contains { $0.contains("no timezone: the engine used the account's zone") })
    }

    // MARK: Side documents

    /// crossbar/doc/temporal_rules.md's yearly rule, verbatim: no flowctl block holds it, so the
    /// route is an engine block that keeps the rule and export writes it back.
    @Test func aYearlyRuleTravelsWithItsEngineBlock() throws {
        let rule = try String(
            contentsOf: Fixtures.documents.appendingPathComponent("christmas-yearly-rule.json"), encoding: .utf8)
        let callflow = """
            {"numbers": ["600"], "flow": {"module": "temporal_route", "data": {"rules": ["xmas"]},
              "children": {"xmas": {"module": "play", "data": {"id": "closed.mp3"}}}}}
            """
        let withID = rule.replacingOccurrences(
            of: "\"name\":\"Christmas\"", with: "\"id\":\"xmas\",\"name\":\"Christmas\"")
        let bundle = try Self.bundle([("callflows/cf.json", callflow), ("temporal_rules/xmas.json", withID)])
        let read = try bundle.flow("cf", name: "Holidays", seat: "alice", flowIDs: [:])
        let block = try #require(read.flow.blocks["temporal-route"])
        #expect(block.type == "engine")
        let export = try KazooExport(flow: read.flow, id: "holidays")
        let written = try #require(export.documents.first { $0.kind == .temporalRule && $0.id == "xmas" })
        let original = try #require(try JSONText.parse(Array(rule.utf8)).map?["data"]?.map)
        var body = written.body
        body["_id"] = nil
        body["id"] = nil
        #expect(body == original, "the rule comes back key for key")
        let again = try Self.bundle(Self.documents(export)).flow("holidays", name: "Holidays", seat: nil, flowIDs: [:])
        #expect(again.flow == read.flow)
    }

    /// A menu flowctl's block cannot hold (here `hunt`, cf_menu.erl:503-504) is an engine block
    /// that keeps its menu document, media and all, and export writes it back.
    @Test func aMenuWithHuntKeepsItsDocument() throws {
        let menu = #"{"_id": "m9", "name": "Hunt", "hunt": true, "retries": 3, "media": {"greeting": "g.mp3"}}"#
        let callflow =
            #"{"numbers": ["900"], "flow": {"module": "menu", "data": {"id": "m9"}, "children": {"_": {"module": "play", "data": {"id": "x.mp3"}}}}}"#
        let read = try Self.bundle([("callflows/cf.json", callflow), ("menus/m9.json", menu)]).flow(
            "cf", name: "Hunt", seat: "alice", flowIDs: [:])
        #expect(read.flow.blocks["menu"]?.type == "engine")
        let export = try KazooExport(flow: read.flow, id: "hunt")
        let written = try #require(export.documents.first { $0.kind == .menu && $0.id == "m9" })
        let original = try #require(try JSONText.parse(Array(menu.utf8)).map)
        #expect(written.body == original)
        #expect(
            export.documents.first { $0.kind == .callflow }?.body["flow"]?.map?["data"] == .map(["id": .string("m9")]))
    }

    // MARK: Size

    /// A node with many children is read in time linear in their number, and a tree past the
    /// limit is refused naming it (no timing here: benchmarks/run.py measures).
    @Test func wideTreesAreReadUpToTheNodeLimit() throws {
        func wide(_ count: Int) -> String {
            let children = (0..<count).map { "\"c\($0)\": {\"module\": \"play\", \"data\": {\"id\": \"m\($0).mp3\"}}" }
            return #"{"numbers": ["700"], "flow": {"module": "hangup", "data": {}, "children": {"#
                + children.joined(separator: ",") + "}}}"
        }
        let read = try Self.bundle([("cf.json", wide(2_000))]).flow("cf", name: "W", seat: "alice", flowIDs: [:])
        #expect(read.flow.blocks.count == 2_001)
        #expect(read.flow.blocks["play-2000"] != nil)
        let refused = #expect(throws: KazooImportError.self) {
            try Self.bundle([("cf.json", wide(KazooBundle.maximumNodes))]).flow(
                "cf", name: "W", seat: "alice", flowIDs: [:])
        }
        #expect(refused?.message.contains("more than \(KazooBundle.maximumNodes) nodes") == true)
    }
}

enum Fixtures {
    static let documents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kazoo/documents")
}
