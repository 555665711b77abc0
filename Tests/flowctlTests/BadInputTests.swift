import Foundation
import TestSupport
import Testing

/// Every refusal: a clear message on stderr, a non-zero exit, and nothing changed.
@Suite struct BadInputTests {
    func session() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        return session
    }

    @Test func anUnknownFlowIsNamed() throws {
        let session = try session()
        let before = try session.snapshot()
        let result = try session.flowctl("open", "nope")
        #expect(result.status == 1)
        #expect(result.stderr == "error: no flow 'nope'; flows: support-line\n")
        #expect(try session.snapshot() == before)
    }

    @Test func aHandBrokenFlowFileIsReportedWithFileAndLine() throws {
        let session = try session()
        try session.write("flow.yaml", "schema: 1\nname: Support Line\nextension: abc\n")
        let before = try session.snapshot()
        for arguments in [["save", "-m", "x"], ["set-main", "--seat", "bob"], ["show"]] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(result.status == 1, "\(arguments)")
            #expect(
                result.stderr.contains("error: flow.yaml:3: extension must be 1 to 15 digits (got 'abc')"),
                "\(result.stderr)")
        }
        let status = try session.flowctl("status")
        #expect(status.status == 1)
        #expect(status.stdout.contains("flow.yaml:3:"))
        #expect(try session.snapshot() == before)
        #expect(try session.read("flow.yaml") == "schema: 1\nname: Support Line\nextension: abc\n")
    }

    @Test func aNameWithNoIDAndBadValuesAreUsageErrors() throws {
        let session = try session()
        let before = try session.snapshot()
        let name = try session.flowctl("create", "!!!")
        #expect(name.status == 64)
        #expect(name.stderr.contains("has no letters or digits"))
        let retries = try session.flowctl("set-main", "--extension", "12a")
        #expect(retries.status == 64)
        #expect(retries.stderr.contains("extension must be 1 to 15 digits (got '12a')"))
        let number = try session.flowctl("create", "X", "--number", "555-1234")
        #expect(number.status == 64)
        #expect(number.stderr.contains("phone number"))
        let both = try session.flowctl("save", "--duplicate", "--create", "Y")
        #expect(both.status == 64)
        #expect(try session.snapshot() == before)
    }

    /// Setting and removing one header (names are case-insensitive) or data key in one command
    /// is refused, rather than one silently winning.
    @Test func settingAndRemovingOneWebhookEntryIsAUsageError() throws {
        let session = try session()
        try session.flowctl("add-block", "webhook", "--id", "w", "--set", "url=https://h.example.com/")
        let before = try session.snapshot()
        let header = try session.flowctl("set-webhook", "w", "--header", "X-Token:a", "--remove-header", "x-token")
        #expect(header.status == 64)
        #expect(header.stderr.contains("--header and --remove-header both name 'x-token'"), "\(header.stderr)")
        let data = try session.flowctl("set-webhook", "w", "--data", "k=1", "--remove-data", "k")
        #expect(data.status == 64)
        #expect(data.stderr.contains("--data and --remove-data both name 'k'"), "\(data.stderr)")
        #expect(try session.snapshot() == before)
    }

    @Test func outsideARepositoryTheMessageSaysSo() throws {
        let session = try Session()
        let result = try session.flowctl("list", in: session.scratch.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: not inside a git repository"))
        #expect(result.stderr.contains("flowctl init"))
    }

    @Test func aMissingIdentityIsExplainedAndNothingIsSaved() throws {
        let session = try session()
        try session.flowctl("set-main", "--seat", "bob")
        let before = try session.snapshot()
        for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"] {
            session.environment[key] = nil
        }
        let result = try session.flowctl("save", "-m", "bob")
        #expect(result.status == 1)
        #expect(result.stderr.contains("identity unknown"))
        #expect(result.stderr.contains("git config --global user.email"))
        #expect(try session.snapshot() == before)
        #expect(try session.read("flow.yaml").contains("seat: bob"))
    }

    @Test func commandsThatNeedAFlowSayNoneIsOpen() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        let result = try session.flowctl("save")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no flow is open"))
        #expect(try session.flowctl("status").stdout.contains("No flow open"))
    }
}
