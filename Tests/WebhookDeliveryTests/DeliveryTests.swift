import CallFlow
import Foundation
import TestSupport
import Testing

@testable import WebhookDelivery

/// Real requests to a real server on 127.0.0.1; only the waits between re-tries are shortened.
@Suite struct DeliveryTests {
    let sender = WebhookSender(policy: RetryPolicy(firstDelay: 0.05, maximumDelay: 0.1, maximumRetryAfter: 0.2))

    func block(url: String, method: String = "POST", format: String? = "json", retries: Int = 1) -> Block {
        var parameters: [String: Value] = ["url": .string(url), "method": .string(method), "retries": .int(retries)]
        parameters["format"] = format.map(Value.string)
        parameters["data"] = .map(["team": .string("support desk"), "event": .string("spoofed")])
        parameters["headers"] = .map(["X-Token": .string("secret")])
        return Block(id: "notify", type: "webhook", parameters: parameters)
    }

    let call = WebhookCall(
        callID: "call-1", from: "+15551230000", to: "101", callerIDName: "Ada Caller", flowID: "support-line",
        flowName: "Support Line", blockID: "notify", event: .answered, timestamp: Date(timeIntervalSince1970: 0))

    func send(_ block: Block, retries: Int, timeout: TimeInterval = 5) throws -> DeliveryReport {
        sender.deliver(
            try WebhookRequest(block: block, call: call, userAgent: "flowctl/test"), retries: retries, timeout: timeout)
    }

    @Test func postJSONSendsOneJSONObject() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let report = try send(block(url: receiver.url), retries: 1)
        #expect(report.delivered && report.attempts.count == 1)
        let requests = try receiver.requests()
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["user-agent"] == "flowctl/test")
        #expect(request.headers["x-token"] == "secret")
        let json = try #require(request.json)
        #expect(json["event"] as? String == "answered")
        #expect(json["from"] as? String == "+15551230000")
        #expect(json["caller_id_number"] as? String == "+15551230000")
        #expect(json["caller_id_name"] as? String == "Ada Caller")
        #expect(json["team"] as? String == "support desk")
        #expect(json["timestamp"] as? String == "1970-01-01T00:00:00.000Z")
        #expect(Set(json.keys) == Set(WebhookCall.fieldNames + ["team"]))
    }

    @Test func jsonBodiesCarryTheDataValuesTypes() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        var typed = block(url: receiver.url)
        typed.parameters["data"] = .map([
            "n": .int(5), "f": .number("1.5"), "e": .number("1e3"), "ok": .bool(true), "none": .null,
            "zip": .string("01234"),
        ])
        #expect(try send(typed, retries: 0).delivered)
        let json = try #require(try receiver.requests().first?.json)
        #expect(json["n"] as? Int == 5)
        #expect(json["f"] as? Double == 1.5)
        #expect(json["e"] as? Double == 1000)
        #expect(json["ok"] as? Bool == true)
        #expect(json["none"] is NSNull)
        #expect(json["zip"] as? String == "01234")
    }

    @Test func postFormSendsParseablePairs() throws {
        let receiver = try WebhookReceiver(answers: ["204"])
        #expect(try send(block(url: receiver.url, format: "form"), retries: 0).delivered)
        let request = try #require(try receiver.requests().first)
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        let pairs = WebhookReceiver.Request.pairs(request.body)
        #expect(pairs["from"] == "+15551230000")
        #expect(pairs["team"] == "support desk")
        #expect(pairs["event"] == "answered")
    }

    @Test func getPutsTheCallInTheQueryString() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        #expect(try send(block(url: receiver.url + "?source=pbx", method: "GET", format: nil), retries: 0).delivered)
        let request = try #require(try receiver.requests().first)
        #expect(request.method == "GET")
        #expect(request.body.isEmpty)
        let pairs = WebhookReceiver.Request.pairs(request.query)
        #expect(pairs["from"] == "+15551230000")
        #expect(pairs["source"] == "pbx")
        #expect(pairs["flow_name"] == "Support Line")
    }

    @Test func unavailableThenAvailableIsDeliveredOnTheThirdRequest() throws {
        let receiver = try WebhookReceiver(answers: ["503", "503", "200"])
        let report = try send(block(url: receiver.url), retries: 3)
        #expect(report.delivered)
        #expect(report.attempts.map(\.status) == [503, 503, 200])
        #expect(try receiver.requests().count == 3)
    }

    @Test func alwaysUnavailableFailsAfterOnePlusRetriesRequests() throws {
        let receiver = try WebhookReceiver(answers: ["503"])
        let report = try send(block(url: receiver.url), retries: 2)
        #expect(!report.delivered)
        #expect(try receiver.requests().count == 3)
    }

    @Test func noRetriesMeansOneRequest() throws {
        let receiver = try WebhookReceiver(answers: ["500"])
        #expect(!(try send(block(url: receiver.url), retries: 0).delivered))
        #expect(try receiver.requests().count == 1)
    }

    @Test func aClientErrorIsAnAnswerAndIsNotRetried() throws {
        let receiver = try WebhookReceiver(answers: ["404"])
        let report = try send(block(url: receiver.url), retries: 4)
        #expect(!report.delivered)
        #expect(report.attempts.map(\.status) == [404])
        #expect(try receiver.requests().count == 1)
    }

    @Test func tooManyRequestsIsRetriedHonouringRetryAfter() throws {
        let receiver = try WebhookReceiver(answers: ["429:retry-after=0", "200"])
        #expect(try send(block(url: receiver.url), retries: 1).delivered)
        #expect(try receiver.requests().count == 2)
    }

    @Test func aServerThatNeverAnswersTimesOutOnEveryAttempt() throws {
        let receiver = try WebhookReceiver(answers: ["hang"])
        let report = try send(block(url: receiver.url), retries: 1, timeout: 1)
        #expect(!report.delivered)
        #expect(report.attempts.map(\.error) == ["timed out", "timed out"])
    }

    @Test func aClosedPortFailsWithTheConnectionError() throws {
        let report = try send(block(url: "http://127.0.0.1:\(closedPort())/hook"), retries: 0)
        #expect(!report.delivered)
        #expect(report.attempts.first?.error?.contains("could not connect") == true)
    }

    @Test func retryDelaysGrowAndRetryAfterIsCapped() {
        let policy = RetryPolicy()
        #expect([1, 2, 3, 4, 5].map { policy.delay(beforeRetry: $0) } == [0.5, 1, 2, 4, 4])
        #expect(policy.delay(beforeRetry: 1, retryAfter: "3") == 3)
        #expect(policy.delay(beforeRetry: 1, retryAfter: "3600") == 10)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(policy.delay(beforeRetry: 1, retryAfter: "Tue, 14 Nov 2023 22:13:25 GMT", now: now) == 5)
        #expect(RetryPolicy.isUnavailable(status: 503) && RetryPolicy.isUnavailable(status: 429))
        #expect(!RetryPolicy.isUnavailable(status: 404) && !RetryPolicy.isUnavailable(status: 200))
    }

    @Test func aBlockWithoutAURLCannotBeSent() {
        #expect(throws: DeliveryError.self) {
            try WebhookRequest(block: Block(id: "notify", type: "webhook"), call: call, userAgent: "x")
        }
    }
}
