import Foundation
import TestSupport
import Testing

/// Delivery, retry, trust and proxy rules (README "Delivery rules") against real servers: the
/// receiver on 127.0.0.1 over HTTP and HTTPS with a CA the test makes, httpbin, and tinyproxy.
/// Each case counts the requests the server received.
@Suite struct WebhookDeliveryRulesTests {
    func session(url: String, retries: Int = 4) throws -> Session {
        try Session.withWebhook(url: url, retries: retries)
    }

    @Test(arguments: ["200:stall", "200:cut", "200:endless", "201:cut"])
    func aSuccessStatusLineIsDeliveryWhateverFollows(_ answer: String) throws {
        let receiver = try WebhookReceiver(answers: [answer])
        let session = try session(url: receiver.url, retries: 4)
        let result = try session.flowctl("test-webhook", "notify", "--timeout", "1")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("delivered (\(answer.prefix(3)) after 1 attempt"), "\(result.stdout)")
        #expect(result.stdout.contains("the rest of the answer did not arrive"), "\(result.stdout)")
        #expect(try receiver.requests().count == 1, "the event was sent again after a \(answer.prefix(3))")
    }

    @Test(arguments: ["101:close", "100:close", "103:hang"])
    func anInterimAnswerAloneIsAFinalAnswer(_ answer: String) throws {
        let receiver = try WebhookReceiver(answers: [answer])
        let session = try session(url: receiver.url, retries: 4)
        let result = try session.flowctl("test-webhook", "notify", "--timeout", "1")
        #expect(result.status == 1)
        #expect(result.stdout.contains("attempt 1: \(answer.prefix(3))"), "\(result.stdout)")
        #expect(try receiver.requests().count == 1, "the server answered; the event was sent again")
    }

    @Test func anUnavailableStatusLineIsRetriedEvenWhenTheBodyBreaks() throws {
        let receiver = try WebhookReceiver(answers: ["503:cut", "200"])
        let session = try session(url: receiver.url, retries: 1)
        let result = try session.flowctl("test-webhook", "notify", "--timeout", "1")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(try receiver.requests().count == 2)
    }

    @Test(arguments: ["0", "-5", "Tue, 14 Nov 2023 22:13:25 GMT", "soon"])
    func aRetryAfterThatAsksForNoWaitGetsTheNormalBackoff(_ value: String) throws {
        let receiver = try WebhookReceiver(answers: ["429:retry-after=\(value)", "200"])
        let session = try session(url: receiver.url, retries: 1)
        #expect(try session.flowctl("test-webhook", "notify").status == 0)
        let requests = try receiver.requests()
        #expect(requests.count == 2)
        // The normal first wait is 0.5 s; a resend at once would arrive within milliseconds.
        if requests.count == 2 { #expect(requests[1].time - requests[0].time >= 0.45, "Retry-After: \(value)") }
    }

    @Test func notModifiedIsAnAnswerNotARedirect() throws {
        let receiver = try WebhookReceiver(answers: ["304"])
        let session = try session(url: receiver.url, retries: 4)
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 1)
        #expect(result.stdout.contains("attempt 1: 304 Not Modified ("), "\(result.stdout)")
        #expect(!result.stdout.contains("redirect"), "\(result.stdout)")
        #expect(try receiver.requests().count == 1)
    }

    @Test func aPrivateCAIsTrustedTheWaysCurlAndGitUsersGiveIt() throws {
        let certificates = try TLSCertificates()
        let receiver = try WebhookReceiver(answers: ["200"], certificate: certificates.server("good"))
        let session = try session(url: receiver.url, retries: 4)
        let untrusted = try session.flowctl("test-webhook", "notify")
        #expect(untrusted.status == 1)
        #expect(untrusted.stdout.contains("certificate was not accepted"), "\(untrusted.stdout)")
        #expect(!untrusted.stdout.contains("attempt 2"), "a certificate error is final: \(untrusted.stdout)")
        for variable in ["SSL_CERT_FILE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO"] {
            var environment = session.environment
            environment[variable] = certificates.authority
            let trusted = try run(
                Session.binary, ["test-webhook", "notify"], in: session.repo, environment: environment)
            #expect(trusted.status == 0, "\(variable): \(trusted.stdout)")
        }
        try session.git("config", "http.sslCAInfo", certificates.authority)
        #expect(try session.flowctl("test-webhook", "notify").status == 0, "http.sslCAInfo")
        #expect(try receiver.requests().count == 4)
    }

    @Test(arguments: [("expired", "expired"), ("wrong-name", "127.0.0.1")])
    func aBadCertificateIsFinalAndSaysWhy(_ name: String, _ reason: String) throws {
        let certificates = try TLSCertificates()
        let receiver = try WebhookReceiver(answers: ["200"], certificate: certificates.server(name))
        let session = try session(url: receiver.url, retries: 4)
        session.environment["SSL_CERT_FILE"] = certificates.authority
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 1)
        #expect(result.stdout.contains("certificate was not accepted") && result.stdout.contains(reason))
        #expect(result.stdout.contains("trusting \(certificates.authority) (from SSL_CERT_FILE)"), "\(result.stdout)")
        #expect(result.stdout.contains("failed after 1 attempt"), "\(result.stdout)")
        #expect(try receiver.requests().isEmpty)
    }

    @Test func aHostFromAPlaceholderIsHiddenInCertificateErrors() throws {
        let certificates = try TLSCertificates()
        let receiver = try WebhookReceiver(answers: ["200"], certificate: certificates.server("wrong-name"))
        let session = try session(url: "https://${env:HOOK_HOST}/hook", retries: 0)
        session.environment["SSL_CERT_FILE"] = certificates.authority
        session.environment["HOOK_HOST"] = "127.0.0.1:\(receiver.port)"
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 1)
        #expect(result.stdout.contains("certificate was not accepted"), "\(result.stdout)")
        #expect(!result.stdout.contains("127.0.0.1") && !result.stdout.contains("\(receiver.port)"), "\(result.stdout)")
    }

    @Test func trustSaysWhichAuthoritiesWereTrusted() throws {
        let certificates = try TLSCertificates()
        let receiver = try WebhookReceiver(answers: ["200"], certificate: certificates.server("good"))
        let session = try session(url: receiver.url, retries: 4)
        let system = try session.flowctl("test-webhook", "notify")
        #expect(system.stdout.contains("trusting the system's certificate authorities"), "\(system.stdout)")
        session.environment["SSL_CERT_FILE"] = session.scratch.path + "/missing.pem"
        let missing = try session.flowctl("test-webhook", "notify")
        #expect(missing.status == 1 && missing.stdout.contains("failed after 1 attempt"), "\(missing.stdout)")
        #expect(missing.stdout.contains("certificate authorities to trust cannot be read"), "\(missing.stdout)")
        #expect(missing.stdout.contains("missing.pem (from SSL_CERT_FILE)"), "\(missing.stdout)")
        #expect(try receiver.requests().isEmpty)
    }

    @Test func aProxyIsUsedAsCurlUsesItAndNamedWhenItFails() throws {
        let proxy = try TinyProxy()
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url, retries: 0)
        try session.flowctl("set-webhook", "notify", "--header", "Authorization: Bearer ${env:TOKEN}")
        session.environment["TOKEN"] = "t0ken"
        session.environment["http_proxy"] = proxy.url
        let through = try session.flowctl("test-webhook", "notify")
        #expect(through.status == 0, "\(through.stdout)\(through.stderr)")
        #expect(through.stderr.contains("${env:TOKEN} over plain http"), "\(through.stderr)")
        #expect(through.stderr.contains("to the proxy \(proxy.url)"), "\(through.stderr)")
        let proxied = try #require(try receiver.requests().last)
        #expect(proxied.headers["via"]?.contains("tinyproxy") == true, "not through the proxy: \(proxied.headers)")
        #expect(proxied.headers["authorization"] == "Bearer t0ken")

        session.environment["no_proxy"] = "127.0.0.1"
        let direct = try session.flowctl("test-webhook", "notify")
        #expect(direct.status == 0)
        #expect(direct.stderr.contains("${env:TOKEN} over plain http") && !direct.stderr.contains("proxy"))
        #expect(try receiver.requests().last?.headers["via"] == nil, "no_proxy was not honoured")
        session.environment["no_proxy"] = nil
        session.environment["http_proxy"] = nil
        session.environment["HTTP_PROXY"] = proxy.url  // libcurl reads only the lowercase one for http
        #expect(try session.flowctl("test-webhook", "notify").status == 0)
        #expect(try receiver.requests().last?.headers["via"] == nil, "HTTP_PROXY was used")

        let dead = "http://127.0.0.1:\(closedPort())"
        session.environment["http_proxy"] = dead
        let failed = try session.flowctl("test-webhook", "notify")
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("could not go through the proxy \(dead)"), "\(failed.stdout)")
        #expect(try receiver.requests().count == 3)
    }

    @Test func httpsGoesThroughAProxyInATunnelWithoutAWarning() throws {
        let proxy = try TinyProxy()
        let certificates = try TLSCertificates()
        let receiver = try WebhookReceiver(answers: ["200"], certificate: certificates.server("good"))
        let session = try session(url: receiver.url, retries: 0)
        try session.flowctl("set-webhook", "notify", "--header", "Authorization: Bearer ${env:TOKEN}")
        session.environment["TOKEN"] = "t0ken"
        session.environment["HTTPS_PROXY"] = proxy.url
        session.environment["SSL_CERT_FILE"] = certificates.authority
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("plain http"))
        let request = try #require(try receiver.requests().first)
        #expect(request.headers["via"] == nil, "a tunnel does not let the proxy read the request")
        #expect(request.headers["authorization"] == "Bearer t0ken")
    }

    @Test func simulateGivesEachWebhookAsAnObject() throws {
        let receiver = try WebhookReceiver(answers: ["503", "200"])
        let session = try session(url: receiver.url, retries: 1)
        let result = try session.flowctl("simulate", "--from", "+15551230000", "--json")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let step = try #require((object?["steps"] as? [[String: Any]])?.first)
        let webhook = try #require(step["webhook"] as? [String: Any], "\(result.stdout)")
        #expect(webhook["sent"] as? Bool == true)
        #expect(webhook["delivered"] as? Bool == true)
        #expect((webhook["attempts"] as? [[String: Any]])?.compactMap { $0["status"] as? Int } == [503, 200])
        #expect(webhook["url"] as? String == receiver.url)
    }
}
