import Foundation
import TestSupport
import Testing

/// The editing commands, run as a user would: what they write, what they refuse.
@Suite struct EditingTests {
    func session(seat: Bool = true) throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        if seat {
            try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        } else {
            try session.flowctl("create", "Support Line", "--extension", "101")
        }
        return session
    }

    @Test func catalogListsWebhookUnderAdvanced() throws {
        let session = try session()
        let text = try session.flowctl("catalog").stdout
        let advanced = try #require(text.range(of: "Advanced:"))
        let callerID = try #require(text.range(of: "Caller ID:"))
        let webhook = try #require(text.range(of: "  webhook - "))
        #expect(advanced.upperBound < webhook.lowerBound && webhook.upperBound < callerID.lowerBound)
        let json = try session.flowctl("catalog", "--json").stdout
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let types = groups.first { $0["name"] as? String == "Advanced" }?["types"] as? [[String: Any]]
        let retries = (types?.first { $0["name"] as? String == "webhook" }?["parameters"] as? [[String: Any]])?
            .first { $0["name"] as? String == "retries" }
        #expect(retries?["min"] as? Int == 0 && retries?["max"] as? Int == 4 && retries?["default"] as? Int == 1)
    }

    @Test func aWebhookIsAddedSetAndSavedExactly() throws {
        let session = try session()
        let added = try session.flowctl("add-block", "webhook", "--id", "notify")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try session.read("flow.yaml").contains("start: notify"))
        let set = try session.flowctl(
            "set-webhook", "notify", "--url", "https://hooks.example.com/calls", "--method", "POST", "--format", "json",
            "--retries", "3")
        #expect(set.status == 0, "\(set.stderr)")
        let expected = "type: webhook\nurl: https://hooks.example.com/calls\nmethod: POST\nformat: json\nretries: 3\n"
        #expect(try session.read("blocks/notify.yaml") == expected)
        #expect(try session.flowctl("save", "-m", "Notify").status == 0)
        #expect(try session.git("show", "HEAD:blocks/notify.yaml") + "\n" == expected)
        #expect(try session.git.porcelainStatus() == "")
    }

    @Test func switchingToGetDropsTheFormatAndPostGetsForm() throws {
        let session = try session()
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://h.example/")
        try session.flowctl("set-webhook", "notify", "--format", "json")
        try session.flowctl("set-webhook", "notify", "--method", "GET")
        #expect(!(try session.read("blocks/notify.yaml").contains("format")))
        try session.flowctl("set-webhook", "notify", "--method", "post")
        #expect(try session.read("blocks/notify.yaml").contains("method: POST\nformat: form\n"))
        try session.flowctl(
            "set-webhook", "notify", "--data", "team=support", "--header", "X-Token: abc", "--header", "Accept:*/*")
        let text = try session.read("blocks/notify.yaml")
        #expect(text.contains("data:\n  team: support\nheaders:\n  Accept: \"*/*\"\n  X-Token: abc\n"))
    }

    @Test(arguments: [
        (["set-webhook", "notify", "--retries", "5"], "retries must be 0 to 4 (got 5)"),
        (["set-webhook", "notify", "--retries", "-1"], "retries must be 0 to 4 (got -1)"),
        (["set-webhook", "notify", "--url", "ftp://hooks.example.com/x"], "absolute http or https URL"),
        (["set-webhook", "notify", "--url", "calls/notify"], "absolute http or https URL"),
        (["set-webhook", "notify", "--method", "PUT"], "method must be one of GET, POST (got PUT)"),
        (["set-webhook", "notify", "--format", "yaml"], "format must be one of form, json (got yaml)"),
        (["set-webhook", "notify", "--method", "GET", "--format", "json"], "goes only with POST"),
        (["add-block", "frobnicate"], "unknown block type 'frobnicate'; known types: seat, user, voicemail"),
        (["add-block", "play", "--id", "notify"], "a block 'notify' exists already"),
        (["add-block", "play", "--id", "../../evil"], "'../../evil' is not a block id"),
        (["set-webhook", "missing", "--url", "https://h.example/"], "there is no block 'missing'"),
        (["add-block", "webhook", "--set", "retries=7"], "retries must be 0 to 4 (got 7)"),
        (["set", "notify", "colour=red"], "webhook blocks have no parameter 'colour'"),
        (["connect", "notify", "nowhere"], "there is no block 'nowhere'"),
        (["remove-block", "nowhere"], "there is no block 'nowhere'"),
    ])
    func badEditsAreRefusedAndChangeNothing(_ arguments: [String], _ message: String) throws {
        let session = try session()
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://h.example/")
        let before = try session.snapshot()
        let block = try session.read("blocks/notify.yaml")
        let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try session.snapshot() == before)
        #expect(try session.read("blocks/notify.yaml") == block)
        let escaped = URL(fileURLWithPath: session.repo).appendingPathComponent("../../evil.yaml").standardized.path
        #expect(!FileManager.default.fileExists(atPath: escaped))
    }

    @Test func blocksNeedASeatFirst() throws {
        let session = try session(seat: false)
        let result = try session.flowctl("add-block", "webhook")
        #expect(result.status == 1)
        #expect(result.stderr.contains("only once the main block has a name and a seat"))
        #expect(!FileManager.default.fileExists(atPath: session.repo + "/blocks"))
    }

    @Test func spliceAndRemoveRewireExits() throws {
        let session = try session()
        try session.flowctl("add-block", "play", "--id", "greet", "--set", "media=hello.mp3")
        try session.flowctl(
            "add-block", "voicemail", "--id", "vm", "--after", "greet", "--set",
            "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--after", "greet", "--set", "url=https://h.example/")
        #expect(try session.read("blocks/greet.yaml").hasSuffix("next: notify\n"))
        #expect(try session.read("blocks/notify.yaml").hasSuffix("next: vm\n"))
        try session.flowctl("remove-block", "notify")
        #expect(!FileManager.default.fileExists(atPath: session.repo + "/blocks/notify.yaml"))
        #expect(!(try session.read("blocks/greet.yaml").contains("next")))
        try session.flowctl("connect", "greet", "vm")
        try session.flowctl("add-block", "tts", "--id", "hello", "--after", "main", "--set", "text=Hello")
        try session.flowctl("remove-block", "greet", "--bridge")
        #expect(try session.read("blocks/hello.yaml").hasSuffix("next: vm\n"))
        let status = try session.flowctl("status").stdout
        #expect(status.contains("block hello: added (tts: text=Hello, voice=female, next -> vm)"))
        #expect(try session.flowctl("validate").status == 0)
    }

    @Test func aHandEditedNextToAMissingBlockFailsValidate() throws {
        let session = try session()
        try session.flowctl("add-block", "play", "--id", "greet", "--set", "media=hello.mp3")
        try session.write("blocks/greet.yaml", "type: play\nmedia: hello.mp3\nnext: gone-away\n")
        let result = try session.flowctl("validate")
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("error: support-line: block greet: next: next leads to missing block 'gone-away'"))
        let json = try session.flowctl("validate", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false)
        let saved = try session.flowctl("save", "-m", "draft")
        #expect(saved.status == 0)
        #expect(saved.stderr.contains("missing block 'gone-away'"))
    }

    @Test func twoFlowsWithOneExtensionFailValidateAll() throws {
        let session = try session()
        try session.flowctl("create", "Sales", "--extension", "101", "--seat", "bob")
        // The open flow is checked against every other, with or without --all.
        let open = try session.flowctl("validate")
        #expect(open.status == 1)
        #expect(open.stdout.contains("error: sales: main: extension: extension 101 is also claimed by support-line"))
        let result = try session.flowctl("validate", "--all")
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: sales: main: extension: extension 101 is also claimed by support-line"))
        #expect(result.stdout.contains("error: support-line: main: extension: extension 101 is also claimed by sales"))
    }

    @Test func editsAreUnsavedUntilSaveAndCancelDiscardsThem() throws {
        let session = try session()
        try session.flowctl("add-block", "webhook", "--id", "notify")
        #expect(try session.git.porcelainStatus() == " M flow.yaml\n?? blocks/")
        try session.flowctl("cancel", "--yes")
        #expect(try session.git.porcelainStatus() == "")
        #expect(!FileManager.default.fileExists(atPath: session.repo + "/blocks/notify.yaml"))
    }
}
