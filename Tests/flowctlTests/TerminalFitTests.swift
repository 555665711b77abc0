import Foundation
import TestSupport
import Testing

/// Output on a terminal fits it: prose folds between words, tables cut their least useful
/// columns, documents keep their lines whole; on a pipe every line is whole.
@Suite struct TerminalFitTests {
    /// `flowctl ARGS` on a pseudo-terminal of `columns` columns: what the user reads (stdout and
    /// stderr together, colour and CRs taken out).
    func onTerminal(_ session: Session, _ arguments: String, columns: Int) throws -> [String] {
        var environment = session.environment
        environment["COLUMNS"] = "\(columns)"
        environment["GIT_PAGER"] = "cat"
        let result = try run(
            "/usr/bin/script", ["-qec", "\(Session.binary) \(arguments)", "/dev/null"], in: session.repo,
            environment: environment)
        return result.stdout.replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            .split(separator: "\n").map(String.init)
    }

    /// A flow whose lines run long: a long URL, many parameters, a long save message.
    func longFlow() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--set",
            "url=https://hooks.example.com/calls/received/by/the/customer-relationship-manager",
            "--set", "method=POST", "--set", "retries=3")
        try session.flowctl(
            "save", "-m", "Notify the customer relationship manager before the caller reaches voicemail")
        try session.flowctl("set", "notify", "url=https://hooks.example.com/another/long/path/for/the/crm/calls")
        return session
    }

    @Test(arguments: [60, 80])
    func proseFoldsBetweenWordsAndTablesCut(_ columns: Int) throws {
        let session = try longFlow()
        for command in ["diff", "status", "catalog", "blame", "log --oneline", "validate", "show"] {
            let lines = try onTerminal(session, command, columns: columns)
            #expect(!lines.isEmpty, "\(command) printed nothing")
            for line in lines { #expect(line.count <= columns, "\(command): \(line.count) > \(columns): \(line)") }
        }
        // Folded, not cut: every character of the change is still there, in order.
        let diff = try onTerminal(session, "diff", columns: columns)
        let piped = try session.flowctl("diff").stdout.trimmingCharacters(in: .newlines)
        #expect(piped.split(separator: "\n").contains { $0.count > columns }, "the piped line is whole: \(piped)")
        #expect(diff.count > 1 && diff.dropFirst().allSatisfy { $0.hasPrefix("  ") }, "\(diff)")
        // A word longer than a line (the URL at 60 columns) breaks where the line ends.
        #expect(diff.joined().filter { !$0.isWhitespace } == piped.filter { !$0.isWhitespace }, "\(diff)")
    }

    @Test func documentsKeepTheirLinesWhole() throws {
        let session = try longFlow()
        for command in ["render --format mermaid", "show --format yaml", "diff --patch"] {
            let lines = try onTerminal(session, command, columns: 40)
            let piped = try session.flowctl(command.split(separator: " ").map(String.init)[0]).status
            #expect(piped == 0)
            #expect(lines.contains { $0.count > 40 }, "\(command) was folded: \(lines)")
        }
    }

    @Test func warningsOnATerminalFoldToo() throws {
        let session = try longFlow()
        var environment = session.environment
        environment["COLUMNS"] = "60"
        // stderr alone on the terminal: stdout to a file.
        let result = try run(
            "/usr/bin/script", ["-qec", "\(Session.binary) export -o ../kazoo", "/dev/null"], in: session.repo,
            environment: environment)
        let lines = result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("warning:") }, "\(lines)")
        for line in lines { #expect(line.count <= 60, "\(line)") }
    }

    @Test func aCopyOfACopyCountsOnFromTheOriginal() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("duplicate")
        let second = try session.flowctl("duplicate", "support-line-copy")
        #expect(second.status == 0, "\(second.stderr)")
        let third = try session.flowctl("duplicate", "support-line")
        #expect(third.status == 0, "\(third.stderr)")
        let names = try session.flowctl("list", "--json").stdout
        for name in ["Support Line copy", "Support Line copy 2", "Support Line copy 3"] {
            #expect(names.contains("\"\(name)\""), "\(name) in \(names)")
        }
        #expect(!names.contains("copy copy") && !names.contains("copy 2 copy"), "\(names)")
    }

    @Test func importingWhatIsSavedSaysNothingChanged() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "play", "--id", "greet", "--set", "media=welcome.mp3")
        try session.flowctl("save", "-m", "Greet")
        try session.flowctl("export", "-o", "../kazoo")
        let same = try session.flowctl("import", "../kazoo")
        #expect(same.status == 0 && same.stdout.contains("it matches the last save"), "\(same.stdout)")
        #expect(!same.stdout.contains("unsaved"), "\(same.stdout)")
        #expect(try session.git.porcelainStatus().isEmpty)
    }
}
