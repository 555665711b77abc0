import Foundation
import TestSupport
import Testing

/// Webhook delivery against real httpbin on 127.0.0.1 and [::1], as 0.1.0 was found wanting:
/// each numbered case of the webhook issue, with its outcome, exit status and time bound.
@Suite(.serialized) struct HTTPBinTests {
    let httpbin: HTTPBin
    let session: Session

    init() throws {
        httpbin = try HTTPBin()
        session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "hook")
    }

    /// Points the webhook at `url` and sends it; returns the result and the seconds it took.
    func send(_ url: String, method: String = "POST", timeout: String = "2", retries: String = "0", json: Bool = false)
        throws -> (result: ProcessResult, seconds: Double)
    {
        try session.flowctl("set-webhook", "hook", "--url", url, "--method", method, "--retries", retries)
        let started = Date()
        var arguments = ["test-webhook", "hook", "--timeout", timeout]
        if json { arguments.append("--json") }
        let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
        return (result, Date().timeIntervalSince(started))
    }

    @Test func aChallengeIsAFinalAnswerAndNeverAHang() throws {
        for path in ["/status/401", "/basic-auth/u/p"] {
            let (result, seconds) = try send(httpbin.url(path), method: "GET", timeout: "2", retries: "3")
            #expect(result.status == 1, "\(path)")
            #expect(result.stdout.contains("attempt 1: 401 Unauthorized"), "\(path): \(result.stdout)")
            #expect(!result.stdout.contains("attempt 2"), "a 401 is final: \(result.stdout)")
            #expect(seconds < 2, "\(path) took \(seconds) s, longer than its timeout")
        }
        let simulate = try session.flowctl("simulate", "--from", "+15551230000")
        #expect(simulate.stdout.contains("401"), "\(simulate.stdout)")
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectIsReportedNotFollowedAndNotDelivered(_ code: Int) throws {
        // The redirect points at another host: the receiver on 127.0.0.1, httpbin on [::1].
        let elsewhere = try WebhookReceiver(answers: ["200"])
        try session.flowctl("set-webhook", "hook", "--header", "Authorization:Bearer ${env:HOOK_TOKEN}")
        session.environment["HOOK_TOKEN"] = "tok-\(code)"
        let target = elsewhere.url.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (result, _) = try send(httpbin.url("/redirect-to?url=\(target)&status_code=\(code)", host: "[::1]"))
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(code)"), "\(result.stdout)")
        #expect(result.stdout.contains("to \(elsewhere.url) (not followed)"), "\(result.stdout)")
        #expect(!result.stdout.contains("delivered"))
        #expect(try elsewhere.requests().isEmpty, "the redirect was followed")
    }

    @Test func anIPv6LiteralIsDelivered() throws {
        let (result, _) = try send(httpbin.url("/anything", host: "[::1]"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("delivered (200"))
    }

    @Test func aFractionalTimeoutIsKeptToTheMillisecond() throws {
        let (result, _) = try send(httpbin.url("/delay/3"), timeout: "0.5", json: true)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let attempt = try #require((object?["attempts"] as? [[String: Any]])?.first)
        let duration = try #require(attempt["duration_ms"] as? Int)
        #expect(attempt["error"] as? String == "timed out")
        #expect(duration >= 450 && duration < 1_500, "a 0.5 s timeout ended after \(duration) ms")
    }

    @Test func unavailableIsRetriedAndAnAnswerIsNot() throws {
        let (unavailable, _) = try send(httpbin.url("/status/503"), retries: "2")
        #expect(unavailable.status == 1)
        #expect(unavailable.stdout.contains("attempt 3: 503"), "\(unavailable.stdout)")
        let (notFound, _) = try send(httpbin.url("/status/404"), retries: "4")
        #expect(notFound.stdout.contains("attempt 1: 404") && !notFound.stdout.contains("attempt 2"))
    }

    @Test func aSecretReachesTheServerResolvedAndNowhereElse() throws {
        let password = "pa55-\(UUID().uuidString.prefix(8))"
        let secrets = session.home.path + "/secrets"
        let basic = Data("ada:\(password)".utf8).base64EncodedString()
        try "# flowctl secrets\nHOOK_AUTH=\"Basic \(basic)\"\nHOOK_PASSWORD=\(password)\n"
            .write(toFile: secrets, atomically: true, encoding: .utf8)
        chmod(secrets, 0o600)
        session.environment["FLOWCTL_SECRETS"] = secrets
        try session.flowctl("set-webhook", "hook", "--header", "Authorization:${secret:HOOK_AUTH}")
        try session.flowctl("set-webhook", "hook", "--data", "note=${secret:HOOK_PASSWORD}")
        // httpbin answers 200 only when the credentials match the path: the secret arrived resolved.
        let (sent, _) = try send(httpbin.url("/basic-auth/ada/${secret:HOOK_PASSWORD}"), method: "GET")
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        try session.flowctl("save", "-m", "webhook with a secret")
        var printed = sent.stdout + sent.stderr
        for arguments in [["show"], ["log", "-n", "2"], ["diff", "@~1"], ["validate"], ["status"]] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            printed += result.stdout + result.stderr
        }
        let simulate = try session.flowctl("simulate", "--from", "+15551230000")
        printed += simulate.stdout + simulate.stderr
        #expect(!printed.contains(password) && !printed.contains(basic))
        #expect(printed.contains("${secret:HOOK_AUTH}"))
        let objects = try session.git("cat-file", "--batch-all-objects", "--batch")
        #expect(!objects.contains(password) && !objects.contains(basic))
        // git grep exits 1 when no file holds the text.
        #expect(try session.git.run(["grep", "-l", "-e", password, "--", "."]).status == 1)
    }

    @Test func anUnknownSecretOrAnOpenSecretsFileStopsBeforeSending() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        try session.flowctl("set-webhook", "hook", "--url", receiver.url, "--header", "X-Token:${secret:NOPE}")
        let secrets = session.home.path + "/secrets"
        try "OTHER=1\n".write(toFile: secrets, atomically: true, encoding: .utf8)
        session.environment["FLOWCTL_SECRETS"] = secrets
        chmod(secrets, 0o644)
        let open = try session.flowctl("test-webhook", "hook")
        #expect(open.status == 1)
        #expect(open.stderr.contains("can be read by others (mode 644): run 'chmod 600"), "\(open.stderr)")
        chmod(secrets, 0o600)
        let unknown = try session.flowctl("test-webhook", "hook")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("${secret:NOPE} is not in the secrets file"), "\(unknown.stderr)")
        #expect(try receiver.requests().isEmpty)
    }

    @Test func headersAreCheckedWhenSetAndSentOnce() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        try session.flowctl("set-webhook", "hook", "--url", receiver.url, "--header", "user-agent:first")
        try session.flowctl("set-webhook", "hook", "--header", "User-Agent:second")
        #expect(try session.flowctl("test-webhook", "hook").status == 0)
        let request = try #require(try receiver.requests().first)
        #expect(request.headers["user-agent"] == "second")
        for (header, message) in [
            ("Content-Length:5", "Content-Length is set by flowctl"), ("Host:evil.example", "Host is set by flowctl"),
            ("X-A:a\rb", "no CR, LF, NUL"), ("Transfer-Encoding:chunked", "cannot be set on a block"),
        ] {
            let refused = try session.flowctl("set-webhook", "hook", "--header", header)
            #expect(refused.status == 64, "\(header)")
            #expect(refused.stderr.contains(message), "\(header): \(refused.stderr)")
        }
        let clash = try session.flowctl("set-webhook", "hook", "--data", "event=HIJACK")
        #expect(clash.status == 64)
        #expect(clash.stderr.contains("data.event would replace a field every request carries"))
        try session.flowctl("set-webhook", "hook", "--header", "Authorization:Bearer literal-token")
        let validate = try session.flowctl("validate")
        #expect(
            (validate.stdout + validate.stderr).contains("header Authorization holds a credential in clear"),
            "\(validate.stdout)")
    }
}
