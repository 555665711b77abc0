import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// export, import and render run as a user runs them, checked against Kazoo's own JSON schemas
/// (with the standard jsonschema validator) and against Graphviz.
@Suite struct KazooExportTests {
    static func repository() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        return session
    }

    static let mailbox = "5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"

    /// One flow with a block of every catalog type, a menu with every digit, a time-of-day block
    /// with several rules (one overnight), a block several exits share and a loop.
    static func everyType() throws -> Session {
        let session = try Self.repository()
        try session.flowctl("create", "Everything", "--extension", "300", "--number", "+15550001111", "--seat", "alice")
        let steps: [[String]] = [
            ["add-block", "menu", "--id", "lobby", "--set", "prompt=welcome.mp3"],
            ["add-block", "seat", "--id", "desk", "--after", "lobby:0"],
            ["add-block", "user", "--id", "bob", "--after", "lobby:1", "--set", "user=bob"],
            ["add-block", "play", "--id", "jingle", "--after", "lobby:2", "--set", "media=jingle.mp3"],
            [
                "add-block", "ring-group", "--id", "team", "--after", "lobby:3", "--set",
                "members=carol,device:front,group:ops",
            ],
            [
                "add-block", "webhook", "--id", "crm", "--after", "lobby:4", "--set",
                "url=https://crm.example.com/calls",
                "--set", "format=json",
            ],
            [
                "add-block", "pivot", "--id", "ivr", "--after", "lobby:5", "--set",
                "voice_url=https://ivr.example.com/x",
            ],
            ["add-block", "response", "--id", "busy", "--after", "lobby:6", "--set", "code=486"],
            [
                "add-block", "distinctive-ring", "--id", "ring", "--after", "lobby:7", "--set",
                "ringtone=<http://x>;info=vip",
            ],
            ["add-block", "callflow", "--id", "other", "--after", "lobby:8", "--set", "flow=everything"],
            ["add-block", "sleep", "--id", "wait", "--after", "lobby:9", "--set", "duration=2"],
            ["add-block", "tts", "--id", "say", "--after", "wait", "--set", "text=Hello"],
            ["add-block", "prepend-cid", "--id", "tag", "--after", "say", "--set", "name_prefix=VIP "],
            ["add-block", "reset-prepend", "--id", "untag", "--after", "tag"],
            [
                "add-block", "time-of-day", "--id", "hours", "--after", "untag", "--set",
                "rules.open=mon-fri 09:00-17:00",
                "--set", "rules.night=daily 22:00-06:00", "--set", "rules.weekend=sat,sun 10:00-14:00",
            ],
            ["add-block", "voicemail", "--id", "vm", "--after", "hours:default", "--set", "mailbox=\(mailbox)"],
            ["connect", "hours:open", "lobby"],  // a loop
            ["connect", "hours:night", "vm"],  // vm is shared
            ["connect", "hours:weekend", "jingle"],
            ["connect", "lobby:timeout", "vm"],
            ["connect", "desk", "vm"], ["connect", "bob", "vm"], ["connect", "jingle", "vm"],
            ["connect", "team", "vm"],
            ["connect", "crm", "vm"], ["connect", "ivr", "vm"], ["connect", "ring", "vm"],
            ["save", "-m", "Every type"],
        ]
        for step in steps {
            let result = try run(Session.binary, step, in: session.repo, environment: session.environment)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        return session
    }

    static let validator = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kazoo/validate.py").path

    @Test func everyExportedDocumentValidatesAgainstKazoosSchemas() throws {
        let session = try Self.everyType()
        #expect(try session.flowctl("validate").status == 0)
        let folder = session.scratch.path + "/kazoo"
        let export = try session.flowctl("export", "-o", folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("warning: everything: block crm: format: Kazoo's webhook module has no format"))
        let check = try run(
            HTTPBin.python, [Self.validator, folder], in: session.repo, environment: session.environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("7 documents checked, 0 problems"), "\(check.stderr)")
        // The same flow gives the same bytes, on stdout as in files.
        let again = try session.flowctl("export")
        #expect(try session.flowctl("export").stdout == again.stdout)
        let callflow = try String(contentsOfFile: folder + "/callflows/everything.json", encoding: .utf8)
        #expect(again.stdout.contains(callflow.split(separator: "\n")[3]))
    }

    @Test func exportThenImportGivesTheSameFlowAndImportThenExportTheSameDocuments() throws {
        let session = try Self.everyType()
        let folder = session.scratch.path + "/kazoo"
        try session.flowctl("export", "-o", folder)
        let yaml = try session.flowctl("show", "--format", "yaml").stdout
        let other = session.scratch.path + "/other"
        try session.flowctl("init", other)
        let imported = try run(Session.binary, ["import", folder], in: other, environment: session.environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("as flow everything (Everything)"), "\(imported.stdout)")
        let shown = try run(Session.binary, ["show", "--format", "yaml"], in: other, environment: session.environment)
        #expect(shown.stdout == yaml)
        let second = session.scratch.path + "/kazoo2"
        #expect(
            try run(Session.binary, ["export", "-o", second], in: other, environment: session.environment).status == 0)
        let diff = try run("/usr/bin/diff", ["-r", folder, second], in: other, environment: session.environment)
        #expect(diff.status == 0, "\(diff.stdout)")
        #expect(try GitCLI(directory: other, environment: session.environment)("fsck", "--strict").isEmpty)
    }

    /// Documents as Kazoo's documentation writes them: no ids of flowctl's, a module flowctl
    /// does not model, a menu and a temporal rule in documents of their own.
    static let handWritten: [(String, String)] = [
        (
            "callflows/main.json",
            """
            {"_id": "f1a2", "name": "Main Number", "numbers": ["+14158867900", "2000"],
             "flow": {"module": "temporal_route", "data": {"timezone": "America/Los_Angeles", "rules": ["r1"]},
              "children": {
               "r1": {"module": "menu", "data": {"id": "m1"}, "children": {
                 "1": {"module": "user", "data": {"id": "u1", "timeout": 20}},
                 "2": {"module": "ring_group", "data": {"endpoints": [{"id": "d1", "endpoint_type": "device"}]}},
                 "_": {"module": "voicemail", "data": {"id": "0123456789abcdef0123456789abcdef"}}}},
               "_": {"module": "language", "data": {"language": "fr-fr"},
                 "children": {"_": {"module": "play", "data": {"id": "closed.mp3"}}}}}}}
            """
        ),
        ("menus/m1.json", #"{"_id": "m1", "name": "Main Menu", "retries": 3, "media": {"greeting": "greet.mp3"}}"#),
        (
            "temporal_rules/r1.json",
            """
            {"_id": "r1", "name": "Business Hours", "cycle": "weekly", "interval": 1,
             "wdays": ["monday", "tuesday", "wednesday", "thursday", "friday"],
             "time_window_start": 32400, "time_window_stop": 61200}
            """
        ),
    ]

    @Test func handWrittenKazooDocumentsImportWithTheUnknownModuleKept() throws {
        let session = try Self.repository()
        for (path, text) in Self.handWritten { try session.scratch.write("in/" + path, text) }
        let input = session.scratch.path + "/in"
        let noSeat = try session.flowctl("import", input)
        #expect(noSeat.status == 1 && noSeat.stderr.contains("give one with --seat"), "\(noSeat.stderr)")
        let imported = try session.flowctl("import", input, "--seat", "alice")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stderr.contains(
                "$.flow.children._: kept as an engine block: flowctl has no block type for module 'language'"))
        let shown = try session.flowctl("show", "main-number").stdout
        for line in [
            "extension: 2000", "numbers:   +14158867900", "rules: {business-hours: mon-fri 09:00-17:00}",
            "members: [device:d1]", "language (engine)", "data: {language: fr-fr}", "no-choice -> voicemail",
            "default -> language", "name: Main Menu",
        ] {
            #expect(shown.contains(line), "\(line) in \(shown)")
        }
        #expect(try session.flowctl("validate").status == 0)
        let folder = session.scratch.path + "/out"
        #expect(try session.flowctl("export", "-o", folder).status == 0)
        let check = try run(
            HTTPBin.python, [Self.validator, folder], in: session.repo, environment: session.environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let menu = try String(contentsOfFile: folder + "/menus/main-number.menu.menu.json", encoding: .utf8)
        #expect(menu.contains("\"greeting\": \"greet.mp3\"") && menu.contains("\"name\": \"Main Menu\""))
    }

    /// The request body of Kazoo's own example (the executive/assistant guide): a ring group of
    /// a user and a device on extension 1000, in the API's {"data": ...} envelope.
    @Test func theEnginesDocumentationExampleImportsAndExportsTheSameDocument() throws {
        let session = try Self.repository()
        let example = """
            {"data":{"numbers":["1000"], "flow":{"module":"ring_group","data":{"endpoints":[\
            {"id":"{EXECUTIVE_USER_ID}", "endpoint_type":"user"}, \
            {"id":"{ASSISTANT_DEVICE_ID}", "endpoint_type":"device"}]}}}}
            """
        try session.scratch.write("executive.json", example)
        let imported = try session.flowctl(
            "import", session.scratch.path + "/executive.json", "--as", "Executive", "--seat", "exec")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            try session.flowctl("show", "executive").stdout.contains(
                "members: [{EXECUTIVE_USER_ID}, device:{ASSISTANT_DEVICE_ID}]"))
        let bundle = try session.flowctl("export").stdout
        #expect(bundle.contains("\"numbers\": [\n        \"1000\"\n      ]"), "\(bundle)")
        #expect(
            bundle.contains("\"endpoint_type\": \"device\",\n              \"id\": \"{ASSISTANT_DEVICE_ID}\""),
            "\(bundle)")
    }

    @Test func badInputNamesTheFileAndJSONPathAndChangesNothing() throws {
        let session = try Self.repository()
        try session.flowctl("create", "Kept", "--seat", "alice")
        let refs = try session.git("for-each-ref")
        var cases: [(String, String, String)] = [
            (
                "notjson.json", "{\"name\": \"x\",\n \"flow\" {}}",
                "notjson.json: line 2: not JSON: line 2, column 9: expected ':' after the key"
            ),
            ("noflow.json", #"{"name": "No Flow", "numbers": ["500"]}"#, "noflow.json: $: a callflow needs a flow"),
            (
                "nomodule.json",
                #"{"name": "N", "flow": {"module": "play", "data": {"id": "a.mp3"}, "children": {"_": {"data": {}}}}}"#,
                "nomodule.json: $.flow.children._: module is missing"
            ),
            (
                "nowhere.json",
                #"{"name": "W", "flow": {"module": "play", "data": {}, "children": {"1": "elsewhere"}}}"#,
                "nowhere.json: $.flow.children[\"1\"]: expected a callflow node (an object)"
            ),
            (
                "nomenu.json", #"{"name": "M", "flow": {"module": "menu", "data": {"id": "gone"}}}"#,
                "nomenu.json: $.flow.data.id: menu id 'gone' has no menu document"
            ),
        ]
        // An unknown module's data nested deeper than a flow file may be: not an unreadable flow.
        let deep = String(repeating: "{\"a\": ", count: 20) + "1" + String(repeating: "}", count: 20)
        cases.append(
            (
                "deep.json", "{\"name\": \"D\", \"flow\": {\"module\": \"custom\", \"data\": \(deep)}}",
                "deep.json: $: too large or deep for a flow file (blocks/custom.yaml"
            ))
        for (file, text, message) in cases {
            try session.scratch.write(file, text)
            let result = try session.flowctl("import", session.scratch.path + "/" + file, "--seat", "alice")
            #expect(result.status == 1, "\(file)")
            #expect(result.stderr.contains(message), "\(file): \(result.stderr)")
        }
        #expect(try session.git("for-each-ref") == refs)
        #expect(try session.git.porcelainStatus().isEmpty)
    }

    @Test func importRefusesToMakeFlowsOverUnsavedEdits() throws {
        let session = try Self.repository()
        for (path, text) in Self.handWritten { try session.scratch.write("in/" + path, text) }
        try session.flowctl("create", "Kept", "--seat", "alice")
        try session.flowctl("set-main", "--extension", "777")
        let refs = try session.git("for-each-ref")
        let refused = try session.flowctl("import", session.scratch.path + "/in", "--seat", "alice")
        #expect(refused.status == 1 && refused.stderr.contains("flow kept has unsaved changes"), "\(refused.stderr)")
        #expect(try session.git("for-each-ref") == refs)
        #expect(try session.flowctl("status").stdout.contains("extension: set to 777"))
    }

    @Test func importingIntoAnExistingFlowIsAnEditThatDiffShows() throws {
        let session = try Self.everyType()
        let folder = session.scratch.path + "/kazoo"
        try session.flowctl("export", "-o", folder)
        let file = folder + "/callflows/everything.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"text\": \"Hello\"", with: "\"text\": \"Bonjour\"")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try session.flowctl("import", folder)
        #expect(imported.status == 0 && imported.stdout.contains("as unsaved changes"), "\(imported.stderr)")
        #expect(try session.flowctl("diff").stdout.contains("block say: text: Hello -> Bonjour"))
        #expect(try session.flowctl("save", "-m", "Imported").status == 0)
        #expect(try session.git("log", "--format=%s", "-1") == "Imported")
    }

    @Test func theCatalogSaysWhereEachParameterGoesAndItsLimits() throws {
        let session = try Self.repository()
        let json = try session.flowctl("catalog", "--json").stdout
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let types = groups.flatMap { $0["types"] as? [[String: Any]] ?? [] }
        func parameter(_ type: String, _ name: String) -> [String: Any]? {
            let found = types.first { $0["name"] as? String == type }
            return (found?["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == name }
        }
        let prompt = try #require(parameter("menu", "prompt"))
        #expect(prompt["min"] as? Int == 3 && prompt["max"] as? Int == 2048, "text limits are given, not null")
        #expect(prompt["kazoo"] as? String == "menus: media.greeting")
        let ring = try #require(types.first { $0["name"] as? String == "distinctive-ring" })
        #expect(ring["kazoo_module"] as? String == "set_alert_info")
        #expect(try #require(parameter("webhook", "headers"))["kazoo"] is NSNull, "Kazoo has no place for headers")
        #expect(try #require(parameter("webhook", "url"))["kazoo"] as? String == "uri")
    }

    @Test func renderDrawsEveryBlockAndTheDiffMarksTheChange() throws {
        let session = try Self.everyType()
        let dot = try session.flowctl("render", "--format", "dot").stdout
        for id in ["lobby", "desk", "bob", "jingle", "team", "crm", "ivr", "busy", "ring", "vm", "hours"] {
            #expect(dot.contains("\"\(id)\" ["), "\(id)")
        }
        #expect(dot.contains("\"hours\" -> \"lobby\" [label=\"open\"]"))
        let svgFile = session.scratch.path + "/flow.svg"
        let svg = try session.flowctl("render", "--format", "svg", "-o", svgFile)
        #expect(svg.status == 0, "\(svg.stderr)")
        let picture = try String(contentsOfFile: svgFile, encoding: .utf8)
        #expect(picture.contains("Generated by graphviz"))
        let parsed = XMLParser(data: Data(picture.utf8))
        #expect(parsed.parse(), "the SVG parses as XML")
        let ids = ["lobby", "desk", "bob", "jingle", "team", "crm", "ivr", "busy", "ring", "other", "wait", "say"]
        for id in ids + ["tag", "untag", "hours", "vm"] {
            #expect(picture.contains(">\(id) ("), "the picture names block \(id)")
        }
        try session.flowctl("remove-block", "busy")
        try session.flowctl("add-block", "tts", "--id", "bye", "--after", "lobby:6", "--set", "text=Bye")
        try session.flowctl("set", "say", "text=Hi")
        let change = try session.flowctl("render", "--diff", "@", "--format", "dot").stdout
        #expect(change.contains("\"bye\" [label=\"bye (tts)\\ntext: Bye\", color=darkgreen"), "\(change)")
        #expect(change.contains("\"busy\" [label=\"busy (response)\\ncode: 486\", color=red3"), "\(change)")
        #expect(change.contains("\"say\" [label=\"say (tts)\\ntext: Hi\", color=darkorange3"), "\(change)")
        #expect(change.contains("\"lobby\" -> \"busy\" [label=\"6\", color=red3"), "\(change)")
        let mermaid = try session.flowctl("render", "--diff", "@", "--format", "mermaid").stdout
        #expect(mermaid.contains("flowchart TD") && mermaid.contains("classDef added"))
        var noDot = session.environment
        noDot["PATH"] = "/nonexistent"
        let missing = try run(Session.binary, ["render", "--format", "svg"], in: session.repo, environment: noDot)
        #expect(missing.status == 1 && missing.stderr.contains("needs Graphviz's dot on PATH"), "\(missing.stderr)")
    }
}
