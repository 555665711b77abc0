import Foundation
import TestSupport
import Testing

/// test-webhook and simulate against a real HTTP server on 127.0.0.1, run as a user would.
@Suite struct WebhookTests {
    func session(url: String, retries: Int = 1, format: String = "json") throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--set", "url=\(url)", "--set", "format=\(format)",
            "--set", "retries=\(retries)")
        return session
    }

    @Test func testWebhookSendsTheEditedBlockAndReportsDelivery() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url)
        let result = try session.flowctl("test-webhook", "notify", "--event", "answered", "--from", "+15551230000")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("attempt 1: 200 OK"))
        #expect(result.stdout.contains("delivered (200 after 1 attempt)"))
        let requests = try receiver.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.headers["content-type"] == "application/json")
        #expect(requests.first?.headers["user-agent"]?.hasPrefix("flowctl/") == true)
        #expect(requests.first?.json?["event"] as? String == "answered")
        #expect(requests.first?.json?["from"] as? String == "+15551230000")
        #expect(requests.first?.json?["to"] as? String == "101")
    }

    @Test func retriesFollowTheBlockAndTheAnswers() throws {
        let flaky = try WebhookReceiver(answers: ["503", "503", "200"])
        let session = try session(url: flaky.url, retries: 3)
        let delivered = try session.flowctl("test-webhook", "notify", "--json")
        #expect(delivered.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(delivered.stdout.utf8)) as? [String: Any]
        #expect((object?["attempts"] as? [[String: Any]])?.compactMap { $0["status"] as? Int } == [503, 503, 200])
        #expect(try flaky.requests().count == 3)

        let missing = try WebhookReceiver(answers: ["404"])
        try session.flowctl("set-webhook", "notify", "--url", missing.url, "--retries", "4")
        let failed = try session.flowctl("test-webhook", "notify")
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("failed after 1 attempt: 404"))
        #expect(try missing.requests().count == 1)
    }

    @Test func aSilentServerTimesOutAndAClosedPortSaysSo() throws {
        let silent = try WebhookReceiver(answers: ["hang"])
        let session = try session(url: silent.url, retries: 1)
        let timedOut = try session.flowctl("test-webhook", "notify", "--timeout", "1")
        #expect(timedOut.status == 1)
        #expect(timedOut.stdout.contains("attempt 1: timed out") && timedOut.stdout.contains("attempt 2: timed out"))
        try session.flowctl("set-webhook", "notify", "--url", "http://127.0.0.1:\(closedPort())/hook", "--retries", "0")
        let refused = try session.flowctl("test-webhook", "notify")
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("could not connect to the server"))
    }

    @Test func onlyValidWebhookBlocksAreSent() throws {
        let session = try session(url: "https://hooks.example.com/")
        try session.flowctl("add-block", "play", "--id", "greet", "--set", "media=x.mp3")
        let wrongType = try session.flowctl("test-webhook", "greet")
        #expect(wrongType.status == 1 && wrongType.stderr.contains("greet is a play block"))
        try session.write("blocks/notify.yaml", "type: webhook\nurl: https://hooks.example.com/\nretries: 9\n")
        let invalid = try session.flowctl("test-webhook", "notify")
        #expect(invalid.status == 1 && invalid.stderr.contains("retries must be 0 to 4 (got 9)"))
        let timeout = try session.flowctl("test-webhook", "notify", "--timeout", "0")
        #expect(timeout.status == 64)
    }

    @Test func simulateFiresTheWebhookAtTheStartWithTheCaller() throws {
        let receiver = try WebhookReceiver(answers: ["200"])
        let session = try session(url: receiver.url, format: "form")
        try session.flowctl(
            "add-block", "voicemail", "--id", "vm", "--after", "notify", "--set",
            "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        let result = try session.flowctl("simulate", "--from", "+15559876543")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("1. notify (webhook): sends POST \(receiver.url): delivered (200 after 1 attempt)"))
        #expect(result.stdout.contains("2. vm (voicemail): takes a message for 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"))
        let request = try #require(try receiver.requests().first)
        let pairs = WebhookReceiver.Request.pairs(request.body)
        #expect(pairs["from"] == "+15559876543")
        #expect(pairs["event"] == "reached")

        let dry = try session.flowctl("simulate", "--from", "+15559876543", "--dry-run")
        #expect(dry.stdout.contains("not sent (dry run)"))
        #expect(try receiver.requests().count == 1)
    }

    @Test func simulateTakesDigitsAndTimeAndReportsLoops() throws {
        let session = try session(url: "https://hooks.example.com/")
        try session.flowctl("remove-block", "notify")
        try session.flowctl(
            "add-block", "time-of-day", "--id", "hours", "--set", "rules.office=mon-fri 09:00-17:00", "--set",
            "timezone=UTC")
        try session.flowctl(
            "add-block", "menu", "--id", "menu", "--after", "hours:office", "--set", "prompt=choose.mp3")
        try session.flowctl(
            "add-block", "voicemail", "--id", "closed", "--after", "hours:default", "--set",
            "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("add-block", "tts", "--id", "sales", "--after", "menu:1", "--set", "text=Sales")
        try session.flowctl("connect", "sales", "menu")
        let monday = try session.flowctl(
            "simulate", "--from", "+1555", "--at", "2026-11-30T10:00:00Z", "--digits", "11")
        #expect(monday.stdout.contains("hours (time-of-day): rule office holds (UTC) -> office"))
        #expect(monday.stdout.contains("caller pressed 1 -> 1"))
        // No timeout exit: silence replays the menu until its retries are used up (cf_menu).
        #expect(
            monday.stdout.contains(
                "caller pressed nothing (played again), pressed nothing (played again), "
                    + "pressed nothing, retries used up -> no-choice"), "\(monday.stdout)")
        #expect(monday.status == 0)
        let sunday = try session.flowctl("simulate", "--from", "+1555", "--at", "2026-11-29T10:00:00Z")
        #expect(sunday.stdout.contains("no rule holds (UTC) -> default"))
        #expect(sunday.stdout.contains("The call ends in voicemail 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f."))
        try session.flowctl("connect", "menu:timeout", "sales")
        let loop = try session.flowctl("simulate", "--from", "+1555", "--at", "2026-11-30T10:00:00Z")
        #expect(loop.status == 1)
        #expect(loop.stdout.contains("Loop: the call comes back to"))
    }
}
