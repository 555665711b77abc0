import Testing

@testable import CallFlow

@Suite struct EditTests {
    let catalog = Catalog.standard
    var flow = Flow(main: MainBlock(name: "Support Line", extension: "101", seat: "alice"))

    func type(_ name: String) -> BlockType { catalog.type(named: name)! }

    @Test func theFirstBlockBecomesTheStartWithItsDefaults() throws {
        var flow = flow
        let id = try flow.addBlock(type: type("webhook"), id: "notify", after: nil, settings: [])
        #expect(id == "notify")
        #expect(flow.main.start == "notify")
        #expect(
            flow.blocks["notify"]?.parameters == [
                "method": .string("POST"), "format": .string("form"), "retries": .int(1),
            ])
        let second = try flow.addBlock(type: type("webhook"), id: nil, after: nil, settings: [])
        #expect(second == "webhook")
        #expect(flow.main.start == "notify")
        #expect(try flow.addBlock(type: type("webhook"), id: nil, after: nil, settings: []) == "webhook-2")
    }

    @Test func blocksNeedASeat() {
        var flow = flow
        flow.main.seat = nil
        #expect(throws: EditError.self) { try flow.addBlock(type: type("play"), id: nil, after: nil, settings: []) }
        #expect(flow.blocks.isEmpty)
    }

    @Test func badAndTakenIDsAreRefused() throws {
        var flow = flow
        try flow.addBlock(type: type("play"), id: "greet", after: nil, settings: [])
        for id in ["greet", "../../evil", "main", "Upper", ""] {
            #expect(throws: EditError.self, "\(id)") {
                try flow.addBlock(type: type("play"), id: id, after: nil, settings: [])
            }
        }
        #expect(flow.blocks.count == 1)
    }

    @Test func afterSplicesIntoAnExit() throws {
        var flow = flow
        try flow.addBlock(type: type("play"), id: "greet", after: nil, settings: [])
        try flow.addBlock(type: type("voicemail"), id: "vm", after: ExitReference(block: "greet"), settings: [])
        #expect(flow.blocks["greet"]?.exits == ["next": "vm"])
        try flow.addBlock(type: type("webhook"), id: "notify", after: ExitReference(parsing: "greet"), settings: [])
        #expect(flow.blocks["greet"]?.exits == ["next": "notify"])
        #expect(flow.blocks["notify"]?.exits == ["next": "vm"])
        try flow.addBlock(type: type("tts"), id: "hello", after: ExitReference(parsing: "main"), settings: [])
        #expect(flow.main.start == "hello")
        #expect(flow.blocks["hello"]?.exits == ["next": "greet"])
        try flow.addBlock(type: type("menu"), id: "menu", after: nil, settings: [])
        try flow.addBlock(type: type("play"), id: "sales", after: ExitReference(parsing: "menu:1"), settings: [])
        #expect(flow.blocks["menu"]?.exits == ["1": "sales"])
        #expect(throws: ValueError.self) {
            try flow.addBlock(type: type("play"), id: "x", after: ExitReference(parsing: "menu:12"), settings: [])
        }
        #expect(throws: EditError.self) {
            try flow.addBlock(type: type("response"), id: "busy", after: ExitReference(parsing: "greet"), settings: [])
        }
    }

    @Test func removeClearsOrBridgesEveryExitThatLedToTheBlock() throws {
        var flow = flow
        try flow.addBlock(type: type("play"), id: "greet", after: nil, settings: [])
        try flow.addBlock(type: type("webhook"), id: "notify", after: ExitReference(block: "greet"), settings: [])
        try flow.addBlock(type: type("voicemail"), id: "vm", after: ExitReference(block: "notify"), settings: [])
        try flow.addBlock(type: type("menu"), id: "menu", after: nil, settings: [])
        try flow.connect(ExitReference(parsing: "menu:timeout"), to: "notify")
        var cleared = flow
        try cleared.removeBlock("notify", bridge: false)
        #expect(cleared.blocks["greet"]?.exits == [:])
        #expect(cleared.blocks["menu"]?.exits == [:])
        #expect(!cleared.blocks.values.contains { $0.exits.values.contains("notify") })
        try flow.removeBlock("notify", bridge: true)
        #expect(flow.blocks["greet"]?.exits == ["next": "vm"])
        #expect(flow.blocks["menu"]?.exits == ["timeout": "vm"])
        try flow.removeBlock("greet", bridge: true)
        #expect(flow.main.start == "vm")
    }

    @Test func connectChecksTheExitAndTheTarget() throws {
        var flow = flow
        try flow.addBlock(type: type("play"), id: "greet", after: nil, settings: [])
        try flow.addBlock(type: type("voicemail"), id: "vm", after: nil, settings: [])
        try flow.connect(ExitReference(parsing: "greet"), to: "vm")
        #expect(flow.blocks["greet"]?.exits == ["next": "vm"])
        try flow.connect(ExitReference(parsing: "greet"), to: nil)
        #expect(flow.blocks["greet"]?.exits == [:])
        #expect(throws: EditError.self) { try flow.connect(ExitReference(parsing: "greet"), to: "nope") }
        // An exit the type does not have is a bad argument (exit 64), like a value out of range.
        #expect(throws: ValueError.self) { try flow.connect(ExitReference(parsing: "vm"), to: "greet") }
        #expect(throws: ValueError.self) { try flow.connect(ExitReference(parsing: "greet:timeout"), to: "vm") }
    }
}

@Suite struct ValidatorTests {
    func findings(_ flow: Flow) -> [String] {
        FlowValidator.findings(in: flow, id: "f").map { "\($0.severity.rawValue): \($0)" }
    }

    @Test func aCompleteFlowHasNoFindings() {
        let flow = Flow(
            main: MainBlock(name: "S", extension: "101", seat: "alice", start: "notify"),
            blocks: [
                Block(
                    id: "notify", type: "webhook",
                    parameters: [
                        "url": .string("https://h.example/"), "method": .string("POST"), "format": .string("json"),
                    ],
                    exits: ["next": "vm"]),
                Block(
                    id: "vm", type: "voicemail", parameters: ["mailbox": .string("5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")]),
            ])
        #expect(findings(flow) == [])
    }

    @Test func eachRuleIsNamedWithFlowBlockAndField() {
        let flow = Flow(
            main: MainBlock(name: "S", start: "notify"),
            blocks: [
                Block(
                    id: "notify", type: "webhook",
                    parameters: ["method": .string("GET"), "format": .string("json"), "retries": .int(9)],
                    exits: ["next": "gone"]),
                Block(
                    id: "menu", type: "menu", parameters: ["prompt": .string("hi.mp3"), "colour": .string("red")],
                    exits: ["12": "notify"]),
                Block(id: "odd", type: "frobnicate"),
            ])
        #expect(
            findings(flow) == [
                "warning: f: main: no extension and no number: no call can reach this flow",
                "error: f: main: seat: a flow with action blocks needs a seat",
                "error: f: block menu: colour: menu blocks have no parameter 'colour'; they have prompt, retries, interdigit_timeout, input_timeout, name",
                "error: f: block menu: exits.12: menu blocks have no exit '12'; exits: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, timeout, no-choice",
                "warning: f: block menu: not reachable from the start",
                "error: f: block notify: url: url is required",
                "error: f: block notify: format: format is only allowed with method POST",
                "error: f: block notify: retries: retries must be 0 to 4 (got 9)",
                "error: f: block notify: next: next leads to missing block 'gone'",
                "error: f: block odd: type: unknown block type 'frobnicate'; known types: "
                    + Catalog.standard.typeNames.joined(separator: ", "),
            ])
    }

    @Test func aStartLeadingNowhereIsAnError() {
        let flow = Flow(main: MainBlock(name: "S", extension: "1", seat: "a", start: "gone"))
        #expect(findings(flow) == ["error: f: main: start: start leads to missing block 'gone'"])
    }

    @Test func extensionsAndNumbersClaimedTwiceAreErrorsOnBothFlows() {
        let conflicts = FlowValidator.conflicts(among: [
            ("a", MainBlock(name: "A", extension: "101", numbers: ["+15551234567"])),
            ("b", MainBlock(name: "B", extension: "101")),
            ("c", MainBlock(name: "C", extension: "102", numbers: ["+15551234567"])),
        ]).map(\.description)
        #expect(
            conflicts == [
                "a: main: extension: extension 101 is also claimed by b",
                "b: main: extension: extension 101 is also claimed by a",
                "a: main: numbers: number +15551234567 is also claimed by c",
                "c: main: numbers: number +15551234567 is also claimed by a",
            ])
    }
}
