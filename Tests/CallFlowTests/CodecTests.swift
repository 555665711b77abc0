import Testing

@testable import CallFlow

@Suite struct CodecTests {
    let designMain = """
        schema: 1
        name: Support Line
        extension: "101"
        numbers:
          - "+15551234567"
        seat: alice
        start: greeting

        """

    let designBlock = """
        type: webhook
        url: https://hooks.example.com/calls
        method: POST
        format: json
        retries: 3
        next: voicemail

        """

    @Test func mainBlockRoundTripsByteForByte() throws {
        let main = try FlowCodec.decodeMain(Array(designMain.utf8))
        #expect(
            main
                == MainBlock(
                    name: "Support Line", extension: "101", numbers: ["+15551234567"], seat: "alice", start: "greeting")
        )
        #expect(FlowCodec.encode(main) == designMain)
    }

    @Test func blockRoundTripsByteForByte() throws {
        let block = try FlowCodec.decodeBlock(Array(designBlock.utf8), id: "notify")
        #expect(block.type == "webhook")
        #expect(block.parameters["retries"] == .int(3))
        #expect(block.parameters["url"] == .string("https://hooks.example.com/calls"))
        #expect(block.exits == ["next": "voicemail"])
        #expect(FlowCodec.encode(block) == designBlock)
    }

    @Test func catalogOrderComesFirstThenUnknownParametersAlphabetically() {
        let block = Block(
            id: "notify", type: "webhook",
            parameters: [
                "url": .string("https://x.example"), "method": .string("GET"), "zeta": .int(1), "alpha": .bool(true),
            ])
        #expect(
            FlowCodec.encode(block)
                == "type: webhook\nurl: https://x.example\nmethod: GET\nalpha: true\nzeta: 1\n")
    }

    @Test func nestedValuesAndOtherExitsAreCanonical() throws {
        let block = Block(
            id: "menu", type: "menu",
            parameters: [
                "members": .list([.map(["id": .string("alice"), "delay": .int(0)]), .map(["id": .string("bob")])]),
                "headers": .map(["X-Token": .string("a: b"), "Accept": .string("*/*")]),
                "empty": .list([]),
            ],
            exits: ["1": "sales", "timeout": "voicemail", "next": "hangup"])
        let text = FlowCodec.encode(block)
        #expect(
            text == """
                type: menu
                empty: []
                headers:
                  Accept: "*/*"
                  X-Token: "a: b"
                members:
                  - delay: 0
                    id: alice
                  - id: bob
                next: hangup
                exits:
                  "1": sales
                  timeout: voicemail

                """)
        let decoded = try FlowCodec.decodeBlock(Array(text.utf8), id: "menu")
        #expect(decoded == block)
    }

    @Test(arguments: [
        "101", "+15551234567", "true", "no", "null", "~", "", " padded", "a: b", "x #y", "-dash", "2026-01-01",
        "1e3", "0x1F", "quote\"in", "back\\slash", "line\nbreak", "tab\there", "[x]", "{y}", "*star", "&amp", "!bang",
        "Café Line", "ends:", "@at", "%pct", "'single'", "`tick`", "|pipe", ">fold",
        // Characters YAML cannot hold plainly: C1 controls, NEL and the line separators, the
        // byte-order mark and the non-characters, escape and bell.
        "a\u{85}b", "a\u{80}b", "a\u{9F}b", "a\u{2028}b", "a\u{2029}b", "a\u{FEFF}b", "a\u{FFFE}b", "a\u{FFFF}b",
        "esc\u{1B}[2J", "bell\u{07}",
    ])
    func everyStringSurvivesTheRoundTrip(_ text: String) throws {
        let encoded = FlowCodec.encode(Block(id: "b", type: "play", parameters: ["text": .string(text)]))
        let decoded = try FlowCodec.decodeBlock(Array(encoded.utf8), id: "b")
        #expect(decoded.parameters["text"] == .string(text), "encoded as: \(encoded)")
    }

    @Test func handWrittenValuesAreAcceptedAndRewrittenCanonically() throws {
        let hand = """
            name:    Support Line   # the main line
            schema: 1
            extension: 101
            numbers: ['+15551234567']
            seat: "alice"

            """
        let main = try FlowCodec.decodeMain(Array(hand.utf8))
        #expect(main.extension == "101")
        #expect(main.numbers == ["+15551234567"])
        #expect(
            FlowCodec.encode(main)
                == "schema: 1\nname: Support Line\nextension: \"101\"\nnumbers:\n  - \"+15551234567\"\nseat: alice\n")
    }

    @Test func wholeFlowEncodesToItsFiles() throws {
        let flow = Flow(
            main: MainBlock(name: "Support Line", seat: "alice", start: "notify"),
            blocks: [Block(id: "notify", type: "webhook", parameters: ["url": .string("https://h.example/")])])
        let files = FlowCodec.encode(flow)
        #expect(Set(files.keys) == ["flow.yaml", "blocks/notify.yaml"])
        #expect(try FlowCodec.decode(files) == flow)
    }
}

@Suite struct CodecErrorTests {
    func mainError(_ text: String) -> FlowFileError? {
        do {
            _ = try FlowCodec.decodeMain(Array(text.utf8))
            return nil
        } catch let error as FlowFileError {
            return error
        } catch {
            return nil
        }
    }

    @Test func brokenYAMLNamesFileAndLine() throws {
        let error = try #require(mainError("schema: 1\nname: Support\nseat: [alice\n"))
        #expect(error.file == "flow.yaml")
        #expect(error.line == 4 || error.line == 3)
        #expect(error.description.hasPrefix("flow.yaml:"))
    }

    @Test func badValuesNameTheirLine() throws {
        let error = try #require(mainError("schema: 1\nname: Support\nextension: abc\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("extension must be 1 to 15 digits"))
        let number = try #require(mainError("schema: 1\nname: S\nnumbers:\n  - \"+1\"\n"))
        #expect(number.line == 3)
        #expect(number.message.contains("phone number"))
    }

    @Test func unknownKeysMissingFieldsAndWrongSchemaAreRefused() throws {
        #expect(try #require(mainError("schema: 1\nname: S\ncolour: red\n")).message.contains("unknown key 'colour'"))
        #expect(try #require(mainError("name: S\n")).message.contains("missing 'schema: 1'"))
        #expect(try #require(mainError("schema: 2\nname: S\n")).message.contains("schema must be 1"))
        #expect(try #require(mainError("schema: 1\n")).message.contains("missing 'name'"))
        #expect(try #require(mainError("schema: 1\nname: S\nname: T\n")).message.contains("appears twice"))
        #expect(try #require(mainError("- a\n- b\n")).message.contains("must be a mapping"))
        #expect(try #require(mainError("")).message.contains("empty"))
    }

    @Test func badBlockFilesAreRefused() {
        #expect(throws: FlowFileError.self) { try FlowCodec.decodeBlock(Array("url: x\n".utf8), id: "b") }
        #expect(throws: FlowFileError.self) {
            try FlowCodec.decodeBlock(Array("type: play\nnext: ../evil\n".utf8), id: "b")
        }
        #expect(throws: FlowFileError.self) {
            try FlowCodec.decode([
                "flow.yaml": Array("schema: 1\nname: S\n".utf8), "blocks/Bad Name.yaml": Array("type: play\n".utf8),
            ])
        }
    }
}

/// The limits that keep a hostile file from costing more than its size: checked before parsing.
@Suite struct InputLimitTests {
    func refusal(_ text: String) -> String? {
        do {
            _ = try FlowCodec.decodeBlock(Array(text.utf8), id: "x")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func anchorsAndAliasesAreRefusedWhereverTheyStand() {
        #expect(refusal("type: play\nmedia: &m a\nanswer: *m\n")?.contains("x.yaml:2: YAML anchors") == true)
        #expect(refusal("type: play\nmedia: [&m a, *m]\n")?.contains("anchors and aliases") == true)
        #expect(refusal("type: play\nmedia: \"&m and *m are text\"\n") == nil)
        #expect(refusal("type: play\nmedia: a&b*c\n") == nil)
    }

    @Test func nestingLinesAndSizeHaveLimits() {
        #expect(
            refusal("type: play\nmedia: " + String(repeating: "[", count: 17) + "\n")?.contains(":2: is nested") == true
        )
        #expect(refusal("type: play\nmedia: \"" + String(repeating: "[", count: 40) + "\"\n") == nil)
        #expect(
            refusal("type: play\nmedia: " + String(repeating: "y", count: 16_385) + "\n")?.contains(":2: line is")
                == true)
        #expect(refusal(String(repeating: "#\n", count: 40_000))?.contains("bytes; flow files may be at most") == true)
    }

    @Test func aCopysNameStaysWithinTheLimit() {
        let flow = Flow(main: MainBlock(name: String(repeating: "n", count: 126)))
        let copy = flow.duplicated().main.name
        #expect(copy.count == MainBlockRule.maximumNameLength)
        #expect(copy.hasSuffix("\u{2026} copy"))
        #expect(MainBlockRule.problem(name: copy) == nil)
        #expect(Flow(main: MainBlock(name: "Helpdesk")).duplicated().main.name == "Helpdesk copy")
    }
}

/// The codec never reinterprets a scalar: what a file says is what flowctl reads, saves and sends.
@Suite struct ExactScalarTests {
    func data(_ yaml: String) throws -> [String: Value] {
        let block = try FlowCodec.decodeBlock(Array("type: webhook\ndata:\n  v: \(yaml)\n".utf8), id: "w")
        guard case .map(let pairs)? = block.parameters["data"] else { return [:] }
        return pairs
    }

    @Test(arguments: [
        ("01234", Value.string("01234")), ("+15551234567", .string("+15551234567")), ("1.5", .number("1.5")),
        ("1e3", .number("1e3")), ("null", .null), ("~", .null), ("yes", .string("yes")), ("no", .string("no")),
        ("on", .string("on")), ("off", .string("off")), ("0x1F", .string("0x1F")), (".inf", .string(".inf")),
        ("\"007\"", .string("007")), ("5", .int(5)), ("-12", .int(-12)), ("-0", .number("-0")),
        ("True", .bool(true)), ("FALSE", .bool(false)), ("2026-01-01", .string("2026-01-01")),
        ("123456789012345678901234", .number("123456789012345678901234")), ("1.50", .number("1.50")),
        ("'5'", .string("5")), ("0o17", .string("0o17")), (".5", .string(".5")), ("5.", .string("5.")),
    ])
    func eachTrickyScalarIsReadAsWrittenAndSavedUnchanged(_ yaml: String, _ expected: Value) throws {
        let read = try data(yaml)["v"]
        #expect(read == expected, "\(yaml)")
        // Saved canonically and read again: the same value, and the canonical bytes are stable.
        let block = Block(id: "w", type: "webhook", parameters: ["data": .map(["v": expected])])
        let once = FlowCodec.encode(block)
        let again = FlowCodec.encode(try FlowCodec.decodeBlock(Array(once.utf8), id: "w"))
        #expect(again == once)
        #expect(try FlowCodec.decodeBlock(Array(once.utf8), id: "w") == block, "\(once)")
    }

    @Test func numbersFlagsAndNullAreWrittenAsTheyWereRead() throws {
        let text = "type: webhook\ndata:\n  e: 1e3\n  f: 1.50\n  nul: null\n  num: 5\n  t: true\n  zip: \"01234\"\n"
        let block = try FlowCodec.decodeBlock(Array(text.utf8), id: "w")
        #expect(FlowCodec.encode(block) == text)
    }

    @Test func commandLineItemsAreTextOrTypedJSON() throws {
        let webhook = try #require(Catalog.standard.type(named: "webhook"))
        #expect(try Setting.parse("data.n=5", for: webhook) == .entry("data", key: "n", .string("5")))
        #expect(try Setting.parse("data.n:=5", for: webhook) == .entry("data", key: "n", .int(5)))
        #expect(try Setting.parse("data.f:=1.5", for: webhook) == .entry("data", key: "f", .number("1.5")))
        #expect(try Setting.parse("data.ok:=true", for: webhook) == .entry("data", key: "ok", .bool(true)))
        #expect(try Setting.parse("data.z:=null", for: webhook) == .entry("data", key: "z", .null))
        #expect(try Setting.parse("data.s:=\"a\\nb\"", for: webhook) == .entry("data", key: "s", .string("a\nb")))
        #expect(try Setting.parse("data.u=a:=b", for: webhook) == .entry("data", key: "u", .string("a:=b")))
        #expect(throws: ValueError.self) { try Setting.parse("data.n:=nope", for: webhook) }
        #expect(throws: ValueError.self) { try Setting.parse("retries:=2", for: webhook) }
    }
}
