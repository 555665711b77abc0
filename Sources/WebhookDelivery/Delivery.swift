import CCurl
import Foundation

/// One try at sending a webhook and what came of it.
public struct Attempt: Sendable, Equatable {
    public var number: Int
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// Why there was no answer (no connection, a timeout), when there was none.
    public var error: String?
    public var duration: TimeInterval
    /// Where a redirect pointed: reported, never followed, as the payload and the headers are
    /// the URL's host's alone.
    public var location: String?
    /// False when nothing could be sent at all (libcurl missing): no re-try helps then.
    public var retryable = true

    public init(
        number: Int, status: Int?, error: String?, duration: TimeInterval, location: String? = nil,
        retryable: Bool = true
    ) {
        self.number = number
        self.status = status
        self.error = error
        self.duration = duration
        self.location = location
        self.retryable = retryable
    }

    /// Whether the host counts as unavailable after this attempt, so a re-try may follow.
    public var hostUnavailable: Bool {
        retryable && (status.map(RetryPolicy.isUnavailable(status:)) ?? true)
    }

    public var delivered: Bool { status.map { (200...299).contains($0) } ?? false }
}

/// Every attempt of one webhook, and whether it was delivered.
public struct DeliveryReport: Sendable, Equatable {
    public var attempts: [Attempt]

    public var delivered: Bool { attempts.last?.delivered ?? false }
}

/// Sends webhook requests through libcurl, re-trying while the host is unavailable.
/// Synchronous: a command-line tool sends one request at a time. Rules (README "Webhooks"): a
/// 2xx is delivered; any other answer is final (a redirect is reported with its Location, not
/// followed), except 5xx and 429, which count as unavailable with no answer and timeouts.
public struct WebhookSender: Sendable {
    public var policy: RetryPolicy

    public init(policy: RetryPolicy = RetryPolicy()) {
        self.policy = policy
    }

    /// Sends `request`, then re-tries up to `retries` more times while the host is unavailable,
    /// each attempt limited to `timeout` seconds by the client. `progress` hears of each attempt.
    public func deliver(
        _ request: WebhookRequest, retries: Int, timeout: TimeInterval, progress: (Attempt) -> Void = { _ in }
    ) -> DeliveryReport {
        var report = DeliveryReport(attempts: [])
        for number in 1...(1 + max(0, retries)) {
            let (attempt, retryAfter) = send(request, number: number, timeout: timeout)
            report.attempts.append(attempt)
            progress(attempt)
            guard attempt.hostUnavailable, number <= retries else { break }
            Thread.sleep(forTimeInterval: policy.delay(beforeRetry: number, retryAfter: retryAfter))
        }
        return report
    }

    /// One attempt through libcurl: no redirect followed, the whole attempt within `timeout`
    /// (to the millisecond), IPv4, IPv6 literals and names alike.
    private func send(_ request: WebhookRequest, number: Int, timeout: TimeInterval) -> (Attempt, String?) {
        let headerLines = request.headers.map { "\($0.name): \($0.value)" }
        var response = fc_response()
        let started = Date()
        withCStrings(headerLines) { headers in
            let body = request.body ?? Data()
            body.withUnsafeBytes { bytes in
                var raw = fc_request(
                    url: nil, method: nil, headers: headers, header_count: headerLines.count,
                    body: bytes.bindMemory(to: UInt8.self).baseAddress, body_length: bytes.count,
                    timeout_ms: max(1, Int((timeout * 1000).rounded())))
                request.url.absoluteString.withCString { url in
                    request.method.withCString { method in
                        raw.url = url
                        raw.method = method
                        fc_send(&raw, &response)
                    }
                }
            }
        }
        defer { fc_response_free(&response) }
        let duration = Date().timeIntervalSince(started)
        let text = { (pointer: UnsafeMutablePointer<CChar>?) in pointer.map { String(cString: $0) } }
        let error = withUnsafeBytes(of: response.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let attempt: Attempt
        switch response.outcome {
        case FC_ANSWERED:
            attempt = Attempt(
                number: number, status: Int(response.status), error: nil, duration: duration,
                location: text(response.location))
        case FC_TIMED_OUT:
            attempt = Attempt(number: number, status: nil, error: "timed out", duration: duration)
        case FC_CONNECT_FAILED:
            attempt = Attempt(
                number: number, status: nil, error: "could not connect to the server (\(error))", duration: duration)
        case FC_RESOLVE_FAILED:
            attempt = Attempt(number: number, status: nil, error: "could not find the host", duration: duration)
        case FC_NO_LIBCURL:
            attempt = Attempt(number: number, status: nil, error: error, duration: duration, retryable: false)
        default:
            attempt = Attempt(number: number, status: nil, error: error, duration: duration)
        }
        return (attempt, text(response.retry_after))
    }
}

/// Calls `body` with C strings for `strings`, valid only inside `body`.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let constants = copies.map { UnsafePointer($0) }
    return constants.withUnsafeBufferPointer { body($0.baseAddress) }
}
