import CallFlow
import Foundation
import Testing

@testable import WebhookDelivery

/// The webhook layer's pure rules: where a placeholder may stand in a URL, what redaction hides,
/// which proxy and CAs a request uses, and how long a re-try waits.
@Suite struct RequestPolicyTests {
    @Test func aPlaceholderIsPlacedInThePartOfTheURLItFills() {
        let template = URLTemplate(text: "https://${env:U}@${env:H}:8080/a/${env:P}?q=${env:Q}#${env:F}")
        let parts = Placeholder.all(in: template.text).map { template.part(of: $0.range) }
        #expect(parts == [.user, .host, .path, .query, .fragment])
        let scheme = URLTemplate(text: "${env:S}://host/")
        #expect(Placeholder.all(in: scheme.text).map { scheme.part(of: $0.range) } == [.scheme])
    }

    @Test func aValueThatWouldMoveTheRequestIsRefused() {
        #expect(URLTemplate.problem(with: "hooks.example.com:8443", in: .host) == nil)
        #expect(URLTemplate.problem(with: "[::1]:8080", in: .host) == nil)
        #expect(URLTemplate.problem(with: "evil.example/x", in: .host) == "'/'")
        #expect(URLTemplate.problem(with: "a@b", in: .host) == "'@'")
        #expect(URLTemplate.problem(with: "v1/calls", in: .path) == nil)
        #expect(URLTemplate.problem(with: "x?y=1", in: .path) == "'?'")
        #expect(URLTemplate.problem(with: "a=b", in: .query) == nil)
        #expect(URLTemplate.problem(with: "a&event=answered", in: .query) == "'&'")
        #expect(URLTemplate.problem(with: "../admin", in: .path) == "a '.' or '..' segment")
        #expect(URLTemplate.problem(with: "127.0.0.1%2f", in: .host) == "'%'")
        #expect(URLTemplate.problem(with: "a\r\nb", in: .query) == "a line break")
        #expect(URLTemplate.problem(with: "a b", in: .fragment) == "a space")
        #expect(URLTemplate.problem(with: "p@ss", in: .user) == "'@'")
    }

    @Test func resolvingNamesThePlaceholderAndNeverTheValue() throws {
        let template = URLTemplate(text: "https://${env:H}/calls")
        #expect(try template.resolve { _ in "hooks.example.com" } == "https://hooks.example.com/calls")
        #expect {
            try template.resolve { _ in "hooks.example.com/evil?" }
        } throws: { error in
            let text = (error as? DeliveryError)?.description ?? ""
            return text.contains("${env:H} in the url's host") && !text.contains("evil")
        }
    }

    @Test func redactionHidesValuesWhereTheyStandAndNeverInsideWords() {
        let redactor = Redactor(["x", "next", "s3cret"])
        #expect(redactor.redact("http://elsewhere.example/box?token=x") == "http://elsewhere.example/box?token=***")
        #expect(redactor.redact("/next/box") == "/***/box")
        #expect(redactor.redact("nextx s3cret") == "nextx ***")
        #expect(Redactor(["a b&c"]).redact("?t=a%20b%26c and ?t=a+b%26c") == "?t=*** and ?t=***")
        #expect(Redactor(["ab"]).redact("ab-ab_ab") == "***-ab_ab")
        // However a server quotes a value back, it is hidden: the decoded form is shown.
        let secret = Redactor(["xyz", "p@ss:w0rd", "127.0.0.1:18406"])
        #expect(secret.redact("?a=Bearer%20xyz") == "?a=Bearer ***")
        #expect(secret.redact("?tok=p%40ss%3aw0rd") == "?tok=***")
        #expect(secret.redact("?e=%78%79%7a") == "?e=***")
        #expect(secret.redact("?u=http%3A%2F%2F127.0.0.1%3A18406") == "?u=http://***")
        #expect(secret.redact("?d=%2578%2579%257a") == "?d=***", "twice encoded")
        #expect(Redactor(["a"]).redact("?x=%1b%5b31m&y=a") == "?x=%1B[31m&y=***", "no control character decoded")
        // A value of punctuation alone is hidden only where no word touches it.
        #expect(Redactor(["-"]).redact("flow_id=support-line&x=-") == "flow_id=support-line&x=***")
        #expect(Redactor(["+", "%", "="]).redact("Support+Line from=%2B1555") == "Support+Line from=%2B1555")
    }

    @Test func theProxyIsChosenAsLibcurlChoosesIt() throws {
        let http = try #require(URL(string: "http://hooks.example.com/x"))
        let https = try #require(URL(string: "https://hooks.example.com/x"))
        #expect(Transport(environment: ["HTTP_PROXY": "p:1"]).proxy(for: http) == nil)
        #expect(Transport(environment: ["http_proxy": "p:1"]).proxy(for: http) == "http://p:1")
        #expect(Transport(environment: ["HTTPS_PROXY": "http://p:2"]).proxy(for: https) == "http://p:2")
        #expect(Transport(environment: ["ALL_PROXY": "socks5://p:3"]).proxy(for: http) == "socks5://p:3")
        #expect(Transport(environment: ["http_proxy": "p:1", "all_proxy": "q:2"]).proxy(for: http) == "http://p:1")
        for noProxy in ["example.com", ".example.com", "hooks.example.com", "*", "other, example.com"] {
            #expect(Transport(environment: ["http_proxy": "p:1", "NO_PROXY": noProxy]).proxy(for: http) == nil)
        }
        #expect(Transport(environment: ["http_proxy": "p:1", "no_proxy": "ample.com"]).proxy(for: http) != nil)
    }

    @Test func trustedCAsComeFromCurlsVariablesThenGits() {
        let git: (String) -> String? = { ["http.sslCAInfo": "/git.pem", "http.sslCAPath": "/git"][$0] }
        #expect(Transport(environment: [:], gitConfig: git).caFile?.path == "/git.pem")
        #expect(Transport(environment: [:], gitConfig: git).caPath?.source == "http.sslCAPath")
        #expect(Transport(environment: ["GIT_SSL_CAINFO": "/g.pem"], gitConfig: git).caFile?.path == "/g.pem")
        let curl = Transport(environment: ["SSL_CERT_FILE": "/s.pem", "SSL_CERT_DIR": "/s"], gitConfig: git)
        #expect(curl.caFile?.path == "/s.pem" && curl.caPath?.path == "/s")
        let bundle = Transport(environment: ["CURL_CA_BUNDLE": "/c.pem", "SSL_CERT_FILE": "/s.pem"])
        #expect(bundle.caFile?.path == "/c.pem" && bundle.caFile?.source == "CURL_CA_BUNDLE")
        #expect(Transport(environment: [:]).caFile == nil)
    }

    @Test func aRetryAfterAskingForNoWaitGetsTheNormalWait() {
        let policy = RetryPolicy()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for value in ["0", "-5", "Tue, 14 Nov 2023 22:00:00 GMT", "soon", ""] {
            #expect(policy.delay(beforeRetry: 2, retryAfter: value, now: now) == 1, "\(value)")
        }
        #expect(policy.delay(beforeRetry: 2, retryAfter: "2", now: now) == 2)
    }
}
