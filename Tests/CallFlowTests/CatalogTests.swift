import Testing

@testable import CallFlow

@Suite struct CatalogTests {
    let catalog = Catalog.standard
    var webhook: BlockType { catalog.type(named: "webhook")! }

    @Test func everyTypeOfTheConfiguratorIsInItsGroup() {
        let expected = [
            "Basic": ["seat", "user", "voicemail", "menu", "play", "ring-group"],
            "Advanced": ["webhook", "pivot", "response", "distinctive-ring", "callflow", "sleep", "tts"],
            "Caller ID": ["prepend-cid", "reset-prepend"],
            "Time of Day": ["time-of-day"],
        ]
        for (group, names) in expected {
            #expect(catalog.types(in: group).map(\.name) == names)
        }
        #expect(Set(catalog.types.map(\.group)) == Set(catalog.groups))
        #expect(Set(catalog.typeNames).count == catalog.types.count)
    }

    @Test func defaultsFitTheirOwnRules() {
        for type in catalog.types {
            for spec in type.parameters {
                if let value = spec.defaultValue {
                    #expect(spec.problem(with: value) == nil, "\(type.name).\(spec.name)")
                }
            }
        }
    }

    @Test func exitsFollowTheModules() {
        #expect(catalog.type(named: "menu")!.fixedExits == (0...9).map(String.init) + ["timeout"])
        #expect(catalog.type(named: "response")!.fixedExits.isEmpty)
        let tod = catalog.type(named: "time-of-day")!
        let block = Block(
            id: "hours", type: "time-of-day",
            parameters: [
                "rules": .map(["office": .string("mon-fri 09:00-17:00"), "lunch": .string("daily 12:00-13:00")])
            ])
        #expect(tod.exits(of: block) == ["default", "lunch", "office"])
    }

    @Test(arguments: [
        ("retries", "5", "retries must be 0 to 4 (got 5)"),
        ("retries", "-1", "retries must be 0 to 4 (got -1)"),
        ("retries", "two", "retries must be a whole number from 0 to 4 (got 'two')"),
        ("url", "ftp://hooks.example.com", "url must be an absolute http or https URL (got 'ftp://hooks.example.com')"),
        ("url", "/calls", "url must be an absolute http or https URL (got '/calls')"),
        ("url", "https://", "url must be an absolute http or https URL (got 'https://')"),
        ("method", "PUT", "method must be one of GET, POST (got PUT)"),
        ("format", "yaml", "format must be one of form, json (got yaml)"),
    ])
    func webhookValuesOutsideTheRulesAreRefused(_ name: String, _ text: String, _ message: String) {
        #expect(throws: ValueError(message)) { try webhook.requireParameter(name).parse(text) }
    }

    @Test func webhookValuesInsideTheRulesAreRead() throws {
        #expect(try webhook.requireParameter("retries").parse("0") == .int(0))
        #expect(try webhook.requireParameter("retries").parse("4") == .int(4))
        #expect(try webhook.requireParameter("method").parse("post") == .string("POST"))
        #expect(
            try webhook.requireParameter("url").parse("HTTP://h.example/x?a=1") == .string("HTTP://h.example/x?a=1"))
    }

    @Test func timeRulesParse() throws {
        let rule = try #require(TimeRule(parsing: "mon-fri 09:00-17:30"))
        #expect(rule.days == [0, 1, 2, 3, 4])
        #expect(rule.matches(weekday: 4, minute: 17 * 60 + 29))
        #expect(!rule.matches(weekday: 5, minute: 10 * 60))
        #expect(!rule.matches(weekday: 0, minute: 17 * 60 + 30))
        #expect(TimeRule(parsing: "sat,sun 00:00-24:00")?.days == [5, 6])
        for bad in ["mon-fri", "fri-mon 09:00-10:00", "daily 10:00-09:00", "mon 25:00-26:00", "xyz 09:00-10:00"] {
            #expect(TimeRule(parsing: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct SettingTests {
    let webhook = Catalog.standard.type(named: "webhook")!

    func block(_ parameters: [String: Value] = [:]) -> Block {
        Block(id: "notify", type: "webhook", parameters: parameters)
    }

    @Test func settingsParseNamesEntriesAndUnknownNames() throws {
        #expect(try Setting.parse("retries=3", for: webhook) == .value("retries", .int(3)))
        #expect(
            try Setting.parse("data.customer=acme=1", for: webhook)
                == .entry("data", key: "customer", .string("acme=1")))
        #expect(throws: ValueError.self) { try Setting.parse("colour=red", for: webhook) }
        #expect(throws: ValueError.self) { try Setting.parse("retries", for: webhook) }
        #expect(throws: ValueError.self) { try Setting.parse("retries.x=1", for: webhook) }
        #expect(throws: ValueError.self) { try Setting.parse("data=x", for: webhook) }
    }

    @Test func postWithoutAFormatGetsForm() throws {
        var block = block(["method": .string("GET")])
        try block.apply([.value("method", .string("POST"))], type: webhook)
        #expect(block.parameters["format"] == .string("form"))
    }

    @Test func switchingToGetDropsTheFormat() throws {
        var block = block(["method": .string("POST"), "format": .string("json")])
        try block.apply([.value("method", .string("GET"))], type: webhook)
        #expect(block.parameters["format"] == nil)
        #expect(block.parameters["method"] == .string("GET"))
    }

    @Test func aFormatWithGetIsRefused() {
        var block = block(["method": .string("GET")])
        #expect(throws: ValueError("format is only allowed with method POST (got method GET)")) {
            try block.apply([.value("format", .string("json"))], type: webhook)
        }
        #expect(block.parameters["format"] == nil)
    }

    @Test func headersAndDataAreSetAndRemovedOneEntryAtATime() throws {
        var block = block()
        try block.apply(
            [.entry("headers", key: "X-Token", .string("abc")), .entry("data", key: "team", .string("support"))],
            type: webhook)
        #expect(block.parameters["headers"] == .map(["X-Token": .string("abc")]))
        try block.apply([.unsetEntry("headers", key: "X-Token")], type: webhook)
        #expect(block.parameters["headers"] == nil)
        #expect(throws: ValueError.self) {
            try block.apply([.entry("headers", key: "Bad Header", .string("x"))], type: webhook)
        }
    }
}
