import ArgumentParser
import CallFlow
import FlowRepository
import Foundation
import Testing

@testable import flowctl

/// The argument rules, checked in-process without running anything.
@Suite struct ParsingTests {
    /// The fewest arguments each subcommand takes (some with an option worth parsing too).
    static let minimalArguments: [String: [String]] = [
        "init": [], "create": ["X", "--number", "+15551234567", "--number", "+15557654321"], "list": ["--json"],
        "open": ["x"], "show": ["--rev", "~1", "--format", "json"], "status": ["--json"],
        "set-main": ["--no-numbers"], "catalog": [], "add-block": ["play"], "remove-block": ["b"],
        "connect": ["b", "c"], "set-webhook": ["b", "--retries", "2"], "set": ["b", "text=hi"], "edit": ["b"],
        "validate": ["--all"], "save": ["-m", "m", "--duplicate"], "duplicate": [], "cancel": ["-y"], "diff": [],
        "log": ["-n", "3"], "rollback": ["@~1"], "publish": [], "delete": ["x"], "undelete": ["x"],
        "rename": ["x", "New"], "rename-block": ["a", "b"], "blame": [], "test-webhook": ["b"],
        "simulate": ["--from", "+15551234567"], "export": ["--format", "kazoo"], "import": ["file.json"],
        "render": ["--format", "dot"], "review": ["@~1..@", "--format", "html"],
        "clone": ["https://example.com/flows.git"], "remote": ["-v"],
        "fetch": [], "push": ["--all"], "pull": ["--all"], "resolve": ["b.url", "--ours"],
        "hook": ["pre-receive"], "merge-driver": ["o", "a", "b", "p"],
    ]

    /// Each of the 40 subcommands parses, from the fewest arguments it takes, to its own type;
    /// a new subcommand without a line in `minimalArguments` fails here.
    @Test func everySubcommandParses() throws {
        let subcommands = Flowctl.configuration.subcommands
        let names = subcommands.compactMap { $0.configuration.commandName }
        #expect(names.count == subcommands.count)
        #expect(Set(Self.minimalArguments.keys) == Set(names))
        for command in subcommands {
            let name = try #require(command.configuration.commandName)
            let parsed = try Flowctl.parseAsRoot([name] + (Self.minimalArguments[name] ?? []))
            #expect(
                ObjectIdentifier(type(of: parsed)) == ObjectIdentifier(command), "\(name) parsed as \(type(of: parsed))"
            )
        }
        for (arguments, command) in [
            (["remote", "add", "origin", "u"], RemoteCommand.Add.self as ParsableCommand.Type),
            (["remote", "remove", "origin"], RemoteCommand.Remove.self),
        ] {
            #expect(ObjectIdentifier(type(of: try Flowctl.parseAsRoot(arguments))) == ObjectIdentifier(command))
        }
    }

    @Test func conflictingAndEmptyOptionsAreRefused() {
        for arguments in [
            ["save", "--duplicate", "--create", "X"], ["save", "-m", "  "], ["set-main"],
            ["set-main", "--extension", "1", "--no-extension"], ["show", "--format", "xml"], ["create", "?"],
            ["set-main", "--seat", ""],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try Flowctl.parseAsRoot(arguments) }
        }
    }

    @Test func createCollectsRepeatedNumbers() throws {
        let command = try #require(
            try Flowctl.parseAsRoot(["create", "X", "--number", "+15551234567", "--number", "+15557654321"])
                as? CreateCommand)
        #expect(command.main.numbers == ["+15551234567", "+15557654321"])
    }

    @Test func gitHabitsAreRewrittenIntoTheCommandsOwnOptions() {
        #expect(GitStyleArguments(["--no-pager", "log"]).arguments == ["log", "--no-pager"])
        #expect(GitStyleArguments(["--color", "never", "list"]).arguments == ["list", "--color", "never"])
        #expect(
            GitStyleArguments(["--color=always", "diff", "--patch"]).arguments == ["diff", "--color=always", "--patch"])
        #expect(
            GitStyleArguments(["-C", "repo", "status"])
                == GitStyleArguments(arguments: ["status"], directories: ["repo"]))
        #expect(GitStyleArguments(["log", "-1"]).arguments == ["log", "-n", "1"])
        #expect(GitStyleArguments(["log", "-n1", "--oneline"]).arguments == ["log", "-n", "1", "--oneline"])
        #expect(GitStyleArguments(["log", "-n=5"]).arguments == ["log", "-n", "5"])
        #expect(GitStyleArguments(["diff", "-1"]).arguments == ["diff", "-1"])
        #expect(GitStyleArguments([]).arguments.isEmpty)
        #expect(GitStyleArguments(["--version"]).arguments == ["--version"])
    }
}

/// `log` writes dates itself; they must be the bytes Foundation's formatters write.
@Suite struct DateTextTests {
    @Test func datesAreWhatFoundationWrites() {
        let git = LogCommand.gitDateFormatter()
        let iso = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        // Up to the last day of 9999 less a day, where every offset keeps the local year at 9999.
        var dates = [0, 951_782_400, 951_868_800, 1_700_000_000, 1_795_961_495, 4_107_542_400, 253_402_214_399]
        dates += (0..<3_000).map { _ in Int.random(in: 0...253_402_214_399, using: &generator) }
        for seconds in dates {
            let offset = [0, 60, -60, 330, -570, 765, -720, 840, Int.random(in: -840...840, using: &generator)]
                .randomElement(using: &generator)!
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            git.setTimeZone(offsetMinutes: offset)
            iso.setTimeZone(offsetMinutes: offset)
            #expect(
                DateText.git(date, offsetMinutes: offset, fallback: git) == git.string(from: date),
                "\(seconds) \(offset)")
            #expect(
                DateText.iso8601(date, offsetMinutes: offset, fallback: iso) == iso.string(from: date),
                "\(seconds) \(offset)")
        }
    }

    @Test func datesPast9999AndOffsetsPast18HoursStillPrint() {
        let late = Date(timeIntervalSince1970: 253_402_300_800)  // 10000-01-01, where Foundation stops
        #expect(
            DateText.git(late, offsetMinutes: 0, fallback: LogCommand.gitDateFormatter())
                == "Sat Jan 1 00:00:00 10000 +0000")
        let far = Date(timeIntervalSince1970: 0)
        #expect(
            DateText.iso8601(far, offsetMinutes: 1_439, fallback: ISO8601DateFormatter()) == "1970-01-01T23:59:00+23:59"
        )
    }

    @Test func datesBefore1970AreLeftToFoundation() {
        let git = LogCommand.gitDateFormatter()
        let date = Date(timeIntervalSince1970: -86_400 * 365)
        git.setTimeZone(offsetMinutes: 0)
        #expect(DateText.git(date, offsetMinutes: 0, fallback: git) == git.string(from: date))
    }
}

/// `log --json` writes each save itself; the bytes must be JSONEncoder's, or left to it.
@Suite struct PrettyJSONTests {
    static func randomValue(_ generator: inout some RandomNumberGenerator, depth: Int = 0) -> Value {
        let pieces = [
            "a", "Z", "_", "-", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "é",
            "日", "👋", " ", "://", "9", "10", "\u{2028}",
        ]
        func text() -> String {
            (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &generator) {
        case 0: return .string(text())
        case 1: return .int(Int.random(in: -100_000...100_000, using: &generator))
        case 2: return .bool(Bool.random(using: &generator))
        case 3: return .null
        case 4:
            return .list(
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var pairs: [String: Value] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                pairs[text()] = randomValue(&generator, depth: depth + 1)
            }
            return .map(pairs)
        }
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        var generator = SystemRandomNumberGenerator()
        let encoder = Output.jsonEncoder()
        var written = 0
        for _ in 0..<3_000 {
            let value = Self.randomValue(&generator)
            guard let text = PrettyJSON.text(value) else { continue }
            written += 1
            #expect(text == String(decoding: try encoder.encode(value), as: UTF8.self))
            // As an element of an array: every line two spaces further in.
            let inArray = text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            #expect(PrettyJSON.text(value, depth: 1) == inArray.joined(separator: "\n"))
        }
        #expect(written > 1_000)
    }

    @Test func numbersWithAFractionAreLeftToJSONEncoder() {
        #expect(PrettyJSON.text(.number("1.5")) == nil)
        #expect(PrettyJSON.text(.map(["a": .list([.number("1e3")])])) == nil)
        #expect(PrettyJSON.text(.map(["é": .null])) == nil)
    }
}

/// The saves `log --json` writes itself are the ones JSONEncoder wrote: real saves of a flow
/// with quotes, escapes, data maps and a fractional number (which JSONEncoder must write).
@Suite struct SaveJSONTests {
    @Test func realSavesAreWrittenAsJSONEncoderWritesThem() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Help \"desk\"", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://a.example/x?q=1")
        try session.flowctl("save", "-m", "notify\n\ttabbed body with \\ and /")
        try session.flowctl("set", "notify", "data.who=caller \"one\"", "data.Z-key=é")
        try session.flowctl("save", "-m", "data")
        try session.flowctl("set", "notify", "data.ratio:=1.5")
        try session.flowctl("save", "-m", "a fraction")
        try session.flowctl("remove-block", "notify")
        try session.flowctl("save", "-m", "gone")
        let history = FlowHistory(try FlowReader(discoveringFrom: session.repo, environment: session.environment))
        let encoder = Output.jsonEncoder()
        var written = 0
        var leftToEncoder = 0
        // Empty, one and several of each list: the first save has no parents.
        for (save, published) in product(try history.history("help-desk"), [[], [1], [2, 3]]) {
            var json = SaveJSON(save, published: published, formatter: ISO8601DateFormatter())
            if published.isEmpty { json.changes = [] }
            guard let text = json.prettyText() else {
                leftToEncoder += 1
                continue
            }
            written += 1
            #expect(text == String(decoding: try encoder.encode(json), as: UTF8.self))
            #expect(json.prettyText(depth: 1)?.hasPrefix("  {\n    \"author\" : {\n      \"email\" : ") == true)
        }
        #expect(written == 3 * 3 + 2)  // the saves without changes are all written
        #expect(leftToEncoder == 2 * 2)  // the fraction, set and removed
    }
}

private func product<A, B>(_ first: [A], _ second: [B]) -> [(A, B)] {
    first.flatMap { a in second.map { (a, $0) } }
}
