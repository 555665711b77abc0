import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One try at sending a webhook and what came of it.
public struct Attempt: Sendable, Equatable {
    public var number: Int
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// Why there was no answer (no connection, a timeout), when there was none.
    public var error: String?
    public var duration: TimeInterval

    /// Whether the host counts as unavailable after this attempt, so a re-try may follow.
    public var hostUnavailable: Bool {
        status.map(RetryPolicy.isUnavailable(status:)) ?? true
    }

    public var delivered: Bool { status.map { (200...299).contains($0) } ?? false }
}

/// Every attempt of one webhook, and whether it was delivered.
public struct DeliveryReport: Sendable, Equatable {
    public var attempts: [Attempt]

    public var delivered: Bool { attempts.last?.delivered ?? false }
}

/// Sends webhook requests through Foundation's URLSession (libcurl on Linux), re-trying while
/// the host is unavailable. Synchronous: a command-line tool sends one request at a time.
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

    private func send(_ request: WebhookRequest, number: Int, timeout: TimeInterval) -> (Attempt, String?) {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let outcome = Outcome()
        let started = Date()
        session.dataTask(with: urlRequest) { _, response, error in
            outcome.finish(response as? HTTPURLResponse, error)
        }.resume()
        let (response, error) = outcome.wait()
        let attempt = Attempt(
            number: number, status: response?.statusCode, error: error.map(Self.describe),
            duration: Date().timeIntervalSince(started))
        return (attempt, response?.value(forHTTPHeaderField: "Retry-After"))
    }

    /// URLSession's words for a failure, with the URL error's name where it has one.
    static func describe(_ error: Error) -> String {
        guard let urlError = error as? URLError else { return error.localizedDescription }
        switch urlError.code {
        case .timedOut: return "timed out"
        case .cannotConnectToHost: return "could not connect to the server (connection refused)"
        case .cannotFindHost: return "could not find the host"
        case .networkConnectionLost: return "the connection was lost"
        case .notConnectedToInternet: return "no network"
        default: return urlError.localizedDescription
        }
    }
}

/// The result of one data task, handed from URLSession's thread to the waiting one.
private final class Outcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var response: HTTPURLResponse?
    private var error: Error?

    func finish(_ response: HTTPURLResponse?, _ error: Error?) {
        self.response = response
        self.error = error
        done.signal()
    }

    /// Blocks until `finish`; the semaphore orders the writes before these reads.
    func wait() -> (HTTPURLResponse?, Error?) {
        done.wait()
        return (response, error)
    }
}
