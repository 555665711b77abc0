import Foundation

/// When to try a webhook again and how long to wait: the configurator's "re-try if the host is
/// unavailable". Unavailable is no connection, a timeout, or an answer of 5xx or 429; any other
/// answer, 4xx included, is final.
public struct RetryPolicy: Sendable {
    /// The wait before the first re-try; each later one doubles it, up to `maximumDelay`.
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    /// The longest `Retry-After` honoured; a server asking for more gets this.
    public var maximumRetryAfter: TimeInterval

    public init(firstDelay: TimeInterval = 0.5, maximumDelay: TimeInterval = 4, maximumRetryAfter: TimeInterval = 10) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Whether an answer with `status` means the host is unavailable.
    public static func isUnavailable(status: Int) -> Bool {
        (500...599).contains(status) || status == 429
    }

    /// The wait before re-try number `retry` (1-based), or the server's `Retry-After` (seconds or
    /// an HTTP date), capped. A `Retry-After` that asks for no wait (0, a negative number, a date
    /// past) or cannot be read gets the normal wait: it would otherwise resend at once.
    public func delay(beforeRetry retry: Int, retryAfter: String? = nil, now: Date = Date()) -> TimeInterval {
        if let retryAfter, let asked = Self.seconds(retryAfter: retryAfter, now: now), asked > 0 {
            return min(asked, maximumRetryAfter)
        }
        return min(firstDelay * pow(2, Double(retry - 1)), maximumDelay)
    }

    static func seconds(retryAfter: String, now: Date) -> TimeInterval? {
        let text = retryAfter.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return TimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { $0.timeIntervalSince(now) }
    }
}
