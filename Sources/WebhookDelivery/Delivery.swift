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
    /// False when a re-try cannot help: nothing could be sent (libcurl missing), or the failure
    /// is permanent (a certificate, no TLS session).
    public var retryable = true
    /// What went wrong after a 2xx status line arrived (a body cut short or never ended): the
    /// event is delivered all the same, and never sent again.
    public var warning: String?

    public init(
        number: Int, status: Int?, error: String?, duration: TimeInterval, location: String? = nil,
        retryable: Bool = true, warning: String? = nil
    ) {
        self.number = number
        self.status = status
        self.error = error
        self.duration = duration
        self.location = location
        self.retryable = retryable
        self.warning = warning
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
/// Synchronous: a command-line tool sends one request at a time. Rules (README "Delivery
/// rules"): a 2xx status line is delivery, whatever happens to the rest of the answer; any other
/// answer is final (a redirect is reported with its Location, not followed), except 5xx and 429,
/// which count as unavailable with no answer and timeouts; certificate and TLS failures are final.
public struct WebhookSender: Sendable {
    public var policy: RetryPolicy
    public var transport: Transport

    public init(policy: RetryPolicy = RetryPolicy(), transport: Transport = Transport(environment: [:])) {
        self.policy = policy
        self.transport = transport
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
        // libcurl reads "Name:" as "remove the header"; "Name;" sends it with an empty value.
        let headerLines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        let proxy = transport.proxy(for: request.url)
        var response = fc_response()
        let started = Date()
        withCStrings(headerLines) { headers in
            let body = request.body ?? Data()
            body.withUnsafeBytes { bytes in
                var raw = fc_request(
                    url: nil, method: nil, headers: headers, header_count: headerLines.count,
                    body: bytes.bindMemory(to: UInt8.self).baseAddress, body_length: bytes.count,
                    timeout_ms: max(1, Int((timeout * 1000).rounded())), proxy: nil, ca_file: nil, ca_path: nil)
                withOptionalCStrings([
                    request.url.absoluteString, request.method, proxy ?? "", transport.caFile?.path,
                    transport.caPath?.path,
                ]) { strings in
                    (raw.url, raw.method, raw.proxy, raw.ca_file, raw.ca_path) = (
                        strings[0], strings[1], strings[2], strings[3], strings[4]
                    )
                    fc_send(&raw, &response)
                }
            }
        }
        defer { fc_response_free(&response) }
        let failure = AttemptReader(
            response: response, duration: Date().timeIntervalSince(started), proxy: proxy, transport: transport,
            redactor: redactor(for: request, response: response))
        return (failure.attempt(number: number), AttemptReader.text(response.retry_after))
    }

    /// The request's resolved values, and the address that answered when a placeholder gave the host.
    private func redactor(for request: WebhookRequest, response: fc_response) -> Redactor {
        var redactor = request.redactor
        if !redactor.isEmpty, let address = AttemptReader.text(response.primary_ip),
            redactor.values.contains(request.url.host ?? "")
        {
            redactor.add(address)
        }
        return redactor
    }
}

/// Calls `body` with C strings for `strings` (nil stays NULL), valid only inside `body`.
private func withOptionalCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}

/// Calls `body` with a C array of C strings for `strings`, valid only inside `body`.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
    withOptionalCStrings(strings) { pointers in pointers.withUnsafeBufferPointer { body($0.baseAddress) } }
}
