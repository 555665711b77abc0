import CallFlow
import Kazoo
import Testing

@Suite struct JSONTextTests {
    @Test func badJSONIsReportedAtItsLineAndColumn() {
        #expect(throws: JSONSyntaxError(line: 2, column: 9, message: "expected ',' or '}'")) {
            try JSONText.parse(Array("{\"a\": 1,\n \"b\": 2 \"c\": 3}".utf8))
        }
        #expect(throws: JSONSyntaxError(line: 1, column: 10, message: "the key \"a\" appears twice")) {
            try JSONText.parse(Array("{\"a\": 1, \"a\": 2}".utf8))
        }
    }

    @Test func numbersKeepTheirTextAndKeysAreWrittenSorted() throws {
        let value = try JSONText.parse(Array("{\"b\": 1.50, \"a\": [true, null, \"x\\u00e9\"]}".utf8))
        #expect(
            JSONText.write(value) == "{\n  \"a\": [\n    true,\n    null,\n    \"x\u{e9}\"\n  ],\n  \"b\": 1.50\n}\n")
    }
}

@Suite struct KazooMappingTests {
    static let seat = "alice"

    static func flow() -> Flow {
        Flow(
            main: MainBlock(name: "Support", extension: "101", numbers: ["+15551234567"], seat: seat, start: "menu"),
            blocks: [
                Block(
                    id: "menu", type: "menu", parameters: ["prompt": .string("hello.mp3")],
                    exits: ["1": "hook", "2": "menu", "timeout": "vm"]),
                Block(
                    id: "hook", type: "webhook",
                    parameters: [
                        "url": .string("https://hooks.example.com/x"), "method": .string("POST"),
                        "headers": .map(["X-Team": .string("support")]),
                    ],
                    exits: ["next": "vm"]),
                Block(
                    id: "vm", type: "voicemail", parameters: ["mailbox": .string(String(repeating: "ab", count: 16))]),
            ])
    }

    @Test func aLoopBecomesAHandOffAndTheFlowComesBackAsItWent() throws {
        let export = try KazooExport(flow: Self.flow(), id: "support")
        #expect(
            export.documents.map(\.path) == [
                "callflows/support.json", "callflows/support.from.menu.json", "menus/support.menu.menu.json",
            ])
        let bundle = try KazooBundle(files: export.documents.map { ($0.path, Array($0.json.utf8)) })
        #expect(bundle.callflows.map(\.kazooID) == ["support"])
        let back = try bundle.flow("support", name: "Support", seat: nil, flowIDs: [:])
        #expect(back.flow == Self.flow())
        #expect(back.warnings.isEmpty)
    }

    @Test func whatKazooCannotExpressIsAWarningNamingFlowBlockAndField() throws {
        let export = try KazooExport(flow: Self.flow(), id: "support")
        #expect(
            export.warnings.map(\.description).contains(
                "support: block hook: headers: Kazoo's webhook module has no headers: kept in flowctl's notes, "
                    + "not used by the engine"))
        #expect(export.warnings.map(\.description).contains { $0.hasPrefix("support: main: seat:") })
    }

    /// Within one process only: separate processes (separate hash seeds) are compared by
    /// flowctlTests' ExportDeterminismTests.
    @Test func twoExportsInOneProcessGiveTheSameBytes() throws {
        let first = try KazooExport(flow: Self.flow(), id: "support").documents.map(\.json)
        let second = try KazooExport(flow: Self.flow(), id: "support").documents.map(\.json)
        #expect(first == second)
    }

    @Test func anUnknownModuleIsKeptAsAnEngineBlock() throws {
        let callflow = """
            {"numbers": ["200"], "flow": {"module": "language", "data": {"language": "fr-fr", "x": [1, 2.5]},
             "children": {"_": {"module": "play", "data": {"id": "bye.mp3"}}, "other": {"module": "hangup", "data": {}}}}}
            """
        let bundle = try KazooBundle(files: [("cf.json", Array(callflow.utf8))])
        let read = try bundle.flow("cf", name: "French", seat: "alice", flowIDs: [:])
        let engine = try #require(read.flow.blocks["language"])
        #expect(engine.type == "engine")
        #expect(
            engine.parameters["data"] == .map(["language": .string("fr-fr"), "x": .list([.int(1), .number("2.5")])]))
        #expect(engine.exits == ["next": "play", "other": "hangup"])
        #expect(read.flow.main.extension == "200")
        let again = try KazooExport(flow: read.flow, id: "french").documents[0].body["flow"]
        #expect(again?.inlineText.contains("fr-fr") == true)
    }
}
