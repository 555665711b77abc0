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
        #expect(catalog.type(named: "menu")!.fixedExits == (0...9).map(String.init) + ["timeout", "no-choice"])
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
        for bad in ["mon-fri", "fri-mon 09:00-10:00", "mon 25:00-26:00", "xyz 09:00-10:00", "mon 09:00-09:00"] {
            #expect(TimeRule(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func overnightRulesCaseAndTheLastSecondOfTheDay() throws {
        // 22:00 on a weekday until 06:00 the next morning.
        let night = try #require(TimeRule(parsing: "Mon-Fri 22:00-06:00"))
        #expect(night.matches(weekday: 0, minute: 23 * 60))
        #expect(night.matches(weekday: 1, minute: 5 * 60 + 59))  // Tuesday morning, after Monday night
        #expect(night.matches(weekday: 5, minute: 60))  // Saturday morning, after Friday night
        #expect(!night.matches(weekday: 0, minute: 5 * 60))  // Monday morning follows Sunday, not named
        #expect(!night.matches(weekday: 5, minute: 23 * 60))
        #expect(TimeRule(parsing: "DAILY 22:00-06:00") != nil)
        let late = try #require(TimeRule(parsing: "daily 22:00-24:00"))
        #expect(late.matches(weekday: 3, second: 23 * 3600 + 59 * 60 + 30))
        #expect(!late.matches(weekday: 3, second: 0))
        #expect(TimeRule.problem("mon-fri 9:00-17:00") == "'9:00' is not a start time from 00:00 to 23:59")
        #expect(
            TimeRule.problem("mo-fr 09:00-17:00") == "'mo' is not a day: use mon, tue, wed, thu, fri, sat, sun or daily"
        )
        #expect(TimeRule.problem("mon 09:00-09:00")?.contains("starts and ends at the same time") == true)
    }

    @Test func timeZonesAreIANANamesWithASuggestion() {
        #expect(TimeZoneName.problem("America/New_York") == nil)
        #expect(TimeZoneName.problem("UTC") == nil)
        #expect(TimeZoneName.problem("america/new_york")?.contains("did you mean America/New_York?") == true)
        #expect(TimeZoneName.problem("Europe/Pariss")?.contains("did you mean Europe/Paris?") == true)
        #expect(TimeZoneName.problem("Mars/Olympus")?.contains("is not an IANA time zone") == true)
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

/// The byte-level check of a webhook URL is a shortcut: it may say yes only where Foundation's
/// URL parser says yes too, and every URL it takes must still be one.
@Suite struct PlainURLTests {
    @Test func theShortcutSaysYesOnlyWhereFoundationDoes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "http://", "https://", "hooks", "example", ".", "-", "com", "a1", ":", "8080", "/", "path", "?", "q=1",
            "&", "x", "@", "~", "'", "(", ")", "*", "!", "$", ",", ";", "=", "+", "_", "A", "Z", "%", " ", "#", "[",
            "9", "0", "::", "//",
        ]
        var taken = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...9, using: &generator)
            let start = ["", "https://", "http://hooks.example.com"].randomElement(using: &generator)!
            let text = start + (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if ParameterSpec.isPlainHTTPURL(text) {
                taken += 1
                #expect(ParameterSpec.isHTTPURLByFoundation(text), "\(text)")
            }
        }
        #expect(taken > 500)
    }

    @Test(arguments: [
        "https://hooks.example.com/calls", "http://127.0.0.1:8080/post", "https://a.b/c?d=e&f=g",
        "https://x.example.com:443/a/b;c=d/(e)*!$,'~@:/?q=1",
    ])
    func commonURLsTakeTheShortcut(_ url: String) {
        #expect(ParameterSpec.isPlainHTTPURL(url))
        #expect(ParameterSpec.isHTTPURLByFoundation(url))
    }

    @Test(arguments: [
        "https://-a.example.com/", "https://a-.example.com/", "https://a..b/", "https://.a/", "https://a./",
        "https://Example.com/", "https://a.com:/", "https://a.com:123456/", "https://a.com/%20", "https://a.com/ b",
        "https://a.com#x", "ftp://a.com/", "https://", "https:///x",
    ])
    func othersAreLeftToFoundation(_ url: String) {
        #expect(!ParameterSpec.isPlainHTTPURL(url))
    }
}

/// Output shows a URL's password as `***` (README, "Secrets"), wherever the URL is in the text.
@Suite struct URLPasswordTests {
    @Test(arguments: [
        ("url: https://user:s3cret@hooks.example.com/calls", "url: https://user:***@hooks.example.com/calls"),
        ("https://hooks.example.com/calls", "https://hooks.example.com/calls"),
        ("https://user@hooks.example.com/a@b", "https://user@hooks.example.com/a@b"),
        (
            "a https://u:p@h/x and \"http://v:q@i:8080?y\" é https://w:r@j",
            "a https://u:***@h/x and \"http://v:***@i:8080?y\" é https://w:***@j"
        ),
        ("https://u:p:q@x@h/", "https://u:***@h/"),
        ("no scheme: u:p@h", "no scheme: u:p@h"),
        ("://:@", "://:***@"),
        ("", ""),
        (":/", ":/"), ("//", "//"), (":://u:p@h", ":://u:***@h"), ("a:/b://u:p@h", "a:/b://u:***@h"),
        ("x://u:p@h://v:q@i", "x://u:***@h://v:q@i"), ("x://u:p@h y://v:q@i", "x://u:***@h y://v:***@i"),
    ])
    func passwordsAreHidden(_ text: String, _ shown: String) {
        #expect(URLPassword.redacted(text) == shown)
    }

    /// The search for `://` skips ahead; a plain scan over every offset must agree with it.
    @Test func everySchemeSeparatorIsFound() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [":", "/", "//", "://", "u", "@", ":p@", " ", "\"", "é"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(URLPassword.redacted(text) == Self.redactedByScan(text), "\(text)")
        }
    }

    /// What `redacted` does, found by trying every offset in turn.
    static func redactedByScan(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var (copied, index) = (0, 0)
        while index + 2 < bytes.count {
            guard bytes[index...].starts(with: "://".utf8) else {
                index += 1
                continue
            }
            let start = index + 3
            let end = bytes[start...].firstIndex { " \n\"'".utf8.contains($0) } ?? bytes.count
            let authority = bytes[start..<end].prefix { !"/?#".utf8.contains($0) }
            if let at = authority.lastIndex(of: UInt8(ascii: "@")),
                let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":"))
            {
                out += bytes[copied...colon] + Array("***".utf8)
                copied = at
            }
            index = end
        }
        return copied == 0 ? text : String(decoding: out + bytes[copied...], as: UTF8.self)
    }
}
