/// A weekly time window of a time-of-day block: `mon-fri 09:00-17:00`, `sat,sun 10:00-14:00`,
/// `daily 00:00-24:00`. Days are mon..sun, single, in ranges or comma-separated.
public struct TimeRule: Hashable, Sendable {
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// 0 = Monday ... 6 = Sunday.
    public var days: Set<Int>
    /// Minutes after midnight; the window is [start, end).
    public var start: Int
    public var end: Int

    public init?(parsing text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let days = Self.days(parts[0]), !days.isEmpty else { return nil }
        let times = parts[1].split(separator: "-")
        guard times.count == 2, let start = Self.minutes(times[0]), let end = Self.minutes(times[1]), start < end
        else { return nil }
        self.days = days
        self.start = start
        self.end = end
    }

    /// Whether the window holds on `weekday` (0 = Monday) at `minute` after midnight.
    public func matches(weekday: Int, minute: Int) -> Bool {
        days.contains(weekday) && start <= minute && minute < end
    }

    public static let syntax = "'<days> HH:MM-HH:MM', days as mon-fri, sat,sun or daily"

    private static func days(_ text: Substring) -> Set<Int>? {
        if text == "daily" { return Set(0...6) }
        var days = Set<Int>()
        for item in text.split(separator: ",") {
            let bounds = item.split(separator: "-").map { dayNames.firstIndex(of: String($0)) }
            switch bounds.count {
            case 1:
                guard let day = bounds[0] else { return nil }
                days.insert(day)
            case 2:
                guard let first = bounds[0], let last = bounds[1], first <= last else { return nil }
                days.formUnion(first...last)
            default:
                return nil
            }
        }
        return days
    }

    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0...24).contains(hours), (0...59).contains(minutes),
            hours < 24 || minutes == 0
        else { return nil }
        return hours * 60 + minutes
    }
}
