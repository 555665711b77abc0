import ArgumentParser
import CallFlow
import Foundation
import WebhookDelivery

/// What test-webhook and simulate share: the call, the request, and how attempts read.
enum Webhooks {
    static let userAgent = "flowctl/\(Flowctl.version)"

    /// The number a call to `flow` dialled: its first number, else its extension, else its id.
    static func dialled(_ flow: Flow, id: String) -> String {
        flow.main.numbers.first ?? flow.main.extension ?? id
    }

    /// The plan for sending `block` for `call`: placeholders resolved from the environment and
    /// the secrets file (refused inside the working tree at `repositoryRoot`), the transport (proxy, trusted CAs) from the environment and git's
    /// configuration; its warnings are printed on stderr.
    static func plan(
        flowID: String, flow: Flow, block: Block, call: WebhookCall, transport: Transport, repositoryRoot: String
    ) throws -> WebhookPlan {
        let environment = ProcessInfo.processInfo.environment
        let plan: WebhookPlan
        do {
            plan = try WebhookPlan(
                flowID: flowID, flow: flow, block: block, call: call, userAgent: userAgent,
                secrets: Secrets(environment: environment, outside: [repositoryRoot]), transport: transport)
        } catch {
            throw UserError(error.description)
        }
        for warning in plan.warnings { Output.diagnostic("warning: \(warning)") }
        return plan
    }

    /// Proxies and trusted CAs, as curl and git users set them (`gitConfig` reads the repository's).
    static func transport(gitConfig: (String) throws -> String?) -> Transport {
        Transport(environment: ProcessInfo.processInfo.environment) { try? gitConfig($0) }
    }

    /// `503 (12 ms)`, `timed out (1002 ms)`.
    static func describe(_ attempt: Attempt) -> String {
        "\(outcome(attempt)) (\(Int((attempt.duration * 1000).rounded())) ms)"
    }

    /// `503 Service Unavailable`, `302 Found to https://x/ (not followed)`, `timed out`.
    static func outcome(_ attempt: Attempt) -> String {
        guard let status = attempt.status else { return attempt.error ?? "no answer" }
        let reason = HTTPURLStatus.reason(status)
        var text = reason.isEmpty ? "\(status)" : "\(status) \(reason)"
        if let location = attempt.location, (300...399).contains(status) {
            text += " to \(location) (not followed)"
        } else if [301, 302, 303, 307, 308].contains(status) {
            text += " (a redirect, not followed)"
        }
        return text
    }

    /// `delivered (200 after 1 attempt)`, `failed after 3 attempts: 503`.
    static func summary(_ report: DeliveryReport) -> String {
        let count = report.attempts.count
        let attempts = "\(count) attempt\(count == 1 ? "" : "s")"
        guard let last = report.attempts.last else { return "not sent" }
        if report.delivered {
            let warning = last.warning.map { "; \($0)" } ?? ""
            return "delivered (\(last.status ?? 0) after \(attempts)\(warning))"
        }
        return "failed after \(attempts): " + outcome(last)
    }

    /// The caller a made-up call comes from, when none is given.
    static let defaultCaller = "+15555550100"

    /// A caller's number is a phone number: 3 to 15 digits, optionally after '+'.
    static func caller(_ number: String) throws {
        if let problem = MainBlockRule.problem(number: number) {
            throw ValidationError("--from: " + problem)
        }
    }

    static func timeout(_ seconds: Double) throws {
        guard seconds > 0, seconds <= 300 else {
            throw ValidationError("--timeout must be more than 0 and at most 300 seconds (got \(seconds))")
        }
    }
}

/// HTTP reason phrases for the statuses a webhook server answers with.
enum HTTPURLStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}

struct AttemptJSON: Encodable {
    var number: Int
    @Nullable var status: Int?
    @Nullable var error: String?
    @Nullable var location: String?
    @Nullable var warning: String?
    var duration_ms: Int

    init(_ attempt: Attempt) {
        number = attempt.number
        status = attempt.status
        error = attempt.error
        location = attempt.location
        warning = attempt.warning
        duration_ms = Int((attempt.duration * 1000).rounded())
    }
}
