import Foundation
import TestSupport
import Testing

/// What a webhook's server receives once placeholders are resolved, run as a user would: each
/// assertion is on the requests a real server on 127.0.0.1 recorded, not only on what flowctl said.
@Suite struct WebhookRequestRulesTests {
    func session(url: String, retries: Int = 0) throws -> Session {
        try Session.withWebhook(url: url, retries: retries)
    }

    @Test func aPlaceholderThatResolvesToALineBreakSendsNothing() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url)
        try session.flowctl("set-webhook", "notify", "--header", "X-Env: ${env:INJ}")
        session.environment["INJ"] = "a\r\nX-Evil: 1"
        for command in [["test-webhook", "notify"], ["simulate", "--from", "+15551230000"]] {
            let result = try run(Session.binary, command, in: session.repo, environment: session.environment)
            #expect(result.stdout.contains("not sent") || result.status == 1, "\(command): \(result.stdout)")
            #expect((result.stderr + result.stdout).contains("${env:INJ}"), "the placeholder is named: \(result)")
            #expect(!(result.stderr + result.stdout).contains("delivered"))
        }
        #expect(try receiver.requests().isEmpty, "a request with an injected header was sent")
        session.environment["INJ"] = "a\nb"
        #expect(try session.flowctl("test-webhook", "notify").status == 1)
        #expect(try receiver.requests().isEmpty)
    }

    @Test(arguments: [
        ("http://${env:H}/hook", "evil.example/x?", "host"), ("http://${env:H}/hook", "a@evil.example", "host"),
        ("http://u:${env:H}@127.0.0.1:1/hook", "p@evil.example", "user part"),
        ("http://127.0.0.1:1/${env:H}", "x?y", "path"), ("http://127.0.0.1:1/hook?k=${env:H}", "x#y", "query"),
        ("http://127.0.0.1:1/hook?k=${env:H}", "x y", "query"),
        ("http://127.0.0.1:1/api/v1/${env:H}/x", "../../admin", "path"),
        ("http://127.0.0.1:1/api/${env:H}", "%2e%2E", "path"),
        ("http://127.0.0.1:1/hook?t=${env:H}", "a&event=answered", "query"),
        ("http://${env:H}/hook", "127.0.0.1%2f", "host"),
    ])
    func aPlaceholderCannotChangeWhereTheRequestGoes(_ url: String, _ value: String, _ part: String) throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: url.replacingOccurrences(of: "127.0.0.1:1", with: "127.0.0.1:\(receiver.port)"))
        session.environment["H"] = value
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 1)
        #expect(result.stderr.contains("${env:H} in the url's \(part)"), "\(result.stderr)")
        #expect(!result.stderr.contains(value), "the value is not printed: \(result.stderr)")
        #expect(try receiver.requests().isEmpty)
    }

    @Test(arguments: ["127.0.0.1:abc", "", "::1", "127.0.0.1:99999", "127.0.0.1:"])
    func aHostPlaceholderThatGivesNoHostIsNamed(_ value: String) throws {
        let session = try session(url: "http://${env:H}/hook")
        session.environment["H"] = value
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 1)
        #expect(result.stderr.contains("${env:H} in the url's host gives no valid host"), "\(value): \(result.stderr)")
        #expect(!result.stderr.contains("webhook notify: webhook notify"), "\(result.stderr)")
    }

    @Test func controlCharactersAreRefusedInHeadersWhetherWrittenOrResolved() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url)
        let written = try session.flowctl("set-webhook", "notify", "--header", "X-A: a\u{01}b")
        #expect(written.status == 64 && written.stderr.contains("control character"), "\(written.stderr)")
        try session.flowctl("set-webhook", "notify", "--header", "X-A: ${env:A}", "--header", "X-Count: 5")
        for value in ["a\u{01}b", "a\u{7f}b", "a\u{1b}[31m"] {
            session.environment["A"] = value
            let sent = try session.flowctl("test-webhook", "notify")
            #expect(sent.status == 1 && sent.stderr.contains("${env:A}"), "\(sent.stderr)")
        }
        #expect(try receiver.requests().isEmpty)
        session.environment["A"] = "tab\there"
        #expect(try session.flowctl("test-webhook", "notify").status == 0)
        let request = try #require(try receiver.requests().first)
        #expect(request.headers["x-a"] == "tab\there" && request.headers["x-count"] == "5")
    }

    @Test func setWebhooksFormatIsTheBodysNotTheOutputs() throws {
        let session = try session(url: "https://hooks.example.com/")
        let refused = try session.flowctl("set-webhook", "notify", "--method", "GET", "--format", "json")
        #expect(refused.status == 64 && refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(refused.stderr.contains("goes only with POST"))
    }

    @Test func aPlaceholderMayGiveTheHostAndPortAndADryRunResolvesIt() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: "http://${env:HOOK_HOST}/hook")
        session.environment["HOOK_HOST"] = "127.0.0.1:\(receiver.port)"
        let dry = try session.flowctl("simulate", "--from", "+15551230000", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("not sent (dry run): POST http://${env:HOOK_HOST}/hook"), "\(dry.stdout)")
        #expect(try receiver.requests().isEmpty, "a dry run sent a request")
        session.environment["HOOK_HOST"] = nil
        let unset = try session.flowctl("simulate", "--from", "+15551230000", "--dry-run")
        #expect(unset.stdout.contains("${env:HOOK_HOST} is not set"), "a dry run resolves as a real run: \(unset)")
        session.environment["HOOK_HOST"] = "127.0.0.1:\(receiver.port)"
        let sent = try session.flowctl("test-webhook", "notify")
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(try receiver.requests().count == 1)
    }

    @Test func aHostFromAPlaceholderIsNotPrintedInAnyForm() throws {
        let port = closedPort()
        let session = try session(url: "http://${env:HOOK_HOST}/hook")
        for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
            session.environment["HOOK_HOST"] = host
            for json in [false, true] {
                let result = try run(
                    Session.binary, ["test-webhook", "notify"] + (json ? ["--json"] : []), in: session.repo,
                    environment: session.environment)
                let said = result.stdout + result.stderr
                #expect(result.status == 1)
                #expect(said.contains("could not connect to the server"), "\(said)")
                for form in [host, "localhost", "127.0.0.1", "::1", "port \(port)", "\(port)"] {
                    #expect(!said.contains(form), "\(form) printed: \(said)")
                }
            }
        }
    }

    @Test func emptyHeaderValuesAreSentEmptyAndNeverRemoveFlowctlsHeaders() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url)
        try session.flowctl(
            "set-webhook", "notify", "--header", "X-Empty:", "--header", "Accept:", "--header", "X-Blank: ${env:BLANK}")
        session.environment["BLANK"] = ""
        #expect(try session.flowctl("test-webhook", "notify").status == 0)
        let request = try #require(try receiver.requests().first)
        #expect(request.headers["x-empty"] == "")
        #expect(request.headers["accept"] == "")
        #expect(request.headers["x-blank"] == "")
        #expect(request.headers["user-agent"]?.hasPrefix("flowctl/") == true)
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(request.headerLines.filter { $0.name.lowercased() == "accept" }.count == 1)

        try session.flowctl("set-webhook", "notify", "--header", "User-Agent:")
        #expect(try session.flowctl("test-webhook", "notify").status == 0)
        let second = try #require(try receiver.requests().last)
        #expect(second.headerLines.contains { $0.name.lowercased() == "user-agent" && $0.value.isEmpty })
    }

    @Test(arguments: ["Expect", "TE", "Upgrade", "Keep-Alive", "Trailer", "Proxy-Connection", "Connection"])
    func hopByHopAndFramingHeadersAreRefusedWhenSetAndWhenSent(_ name: String) throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url)
        let before = try session.snapshot()
        let set = try session.flowctl("set-webhook", "notify", "--header", "\(name): x")
        #expect(set.status != 0 && set.stderr.contains(name), "\(set.stderr)")
        #expect(try session.snapshot() == before)
        let file = try session.read("blocks/notify.yaml")
        try session.write("blocks/notify.yaml", file + "headers:\n  \(name): x\n")
        let sent = try session.flowctl("test-webhook", "notify")
        #expect(sent.status == 1 && sent.stderr.contains(name), "\(sent.stderr)")
        #expect(try receiver.requests().isEmpty)
    }

    @Test func anEditThatWouldWriteAnUnreadableFileIsRefused() throws {
        let session = try session(url: "https://hooks.example.com/")
        let before = try session.snapshot()
        let fileBefore = try session.read("blocks/notify.yaml")
        let big = String(repeating: "a", count: 70_000)
        let result = try session.flowctl("set-webhook", "notify", "--data", "big=\(big)")
        #expect(result.status == 1)
        #expect(result.stderr.contains("blocks/notify.yaml") && result.stderr.contains("65536"), "\(result.stderr)")
        #expect(try session.snapshot() == before)
        #expect(try session.read("blocks/notify.yaml") == fileBefore)
        #expect(try session.flowctl("status").status == 0, "the flow still reads")
    }

    @Test func typedDataHelpOffersOnlyWhatIsAccepted() throws {
        let session = try session(url: "https://hooks.example.com/")
        let refused = try session.flowctl("set-webhook", "notify", "--data", "n:=nope")
        #expect(!refused.stderr.contains("[1, 2]"), "\(refused.stderr)")
        for offered in ["5", "true", "null", "\"text\""] {
            #expect(try session.flowctl("set-webhook", "notify", "--data", "k:=\(offered)").status == 0, "\(offered)")
        }
    }

    @Test func aNegativeTimeoutIsNamedAsSuch() throws {
        let session = try session(url: "https://hooks.example.com/")
        for command in [["test-webhook", "notify"], ["simulate"]] {
            let result = try run(
                Session.binary, command + ["--timeout", "-1"], in: session.repo, environment: session.environment)
            #expect(result.status == 64)
            #expect(result.stderr.contains("--timeout must be more than 0"), "\(result.stderr)")
        }
    }
}
