import Foundation

/// A weekly time window of a time-of-day block: `mon-fri 09:00-17:00`, `sat,sun 10:00-14:00`,
/// `daily 00:00-24:00`, or overnight, `mon-fri 22:00-06:00` (from 22:00 on each day named to
/// 06:00 the next morning). Days are mon..sun in any case, single, in ranges or comma-separated.
public struct TimeRule: Hashable, Sendable {
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// 0 = Monday ... 6 = Sunday: the days the window starts on.
    public var days: Set<Int>
    /// Minutes after midnight; the window is [start, end), past midnight when end <= start.
    public var start: Int
    public var end: Int

    public init?(parsing text: String) {
        guard case .success(let rule) = Self.parse(text) else { return nil }
        self = rule
    }

    /// A rule from its parts, as the engine's temporal rules give them; `text` writes it.
    public init(days: Set<Int>, start: Int, end: Int) {
        self.days = days
        self.start = start
        self.end = end
    }

    /// The rule as a flow file writes it: `mon-fri 09:00-17:00`, `sat,sun 10:00-14:00`,
    /// `daily 00:00-24:00`; three or more days in a row as a range.
    public var text: String {
        let sorted = days.sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            if end - index >= 2 {
                parts.append("\(Self.dayNames[sorted[index]])-\(Self.dayNames[sorted[end]])")
            } else {
                parts += sorted[index...end].map { Self.dayNames[$0] }
            }
            index = end + 1
        }
        func time(_ minutes: Int) -> String {
            let (hours, rest) = (minutes / 60, minutes % 60)
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        let dayText = sorted == Array(0...6) ? "daily" : parts.joined(separator: ",")
        return "\(dayText) \(time(start))-\(time(end))"
    }

    /// What is wrong with `text` as a rule, precisely; nil when it is one.
    public static func problem(_ text: String) -> String? {
        if case .failure(let problem) = parse(text) { return problem.description }
        return nil
    }

    /// Whether the window holds on `weekday` (0 = Monday) at `second` after midnight.
    public func matches(weekday: Int, second: Int) -> Bool {
        let (start, end) = (self.start * 60, self.end * 60)
        guard end <= start else { return days.contains(weekday) && start <= second && second < end }
        // Overnight: the evening of a day named, or the morning after one.
        return (days.contains(weekday) && second >= start) || (days.contains((weekday + 6) % 7) && second < end)
    }

    /// Whether the window holds on `weekday` (0 = Monday) at the start of `minute` after midnight.
    public func matches(weekday: Int, minute: Int) -> Bool { matches(weekday: weekday, second: minute * 60) }

    public static let syntax = "'<days> HH:MM-HH:MM', days as mon-fri, sat,sun or daily"

    private static func parse(_ text: String) -> Result<TimeRule, ValueError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else {
            return .failure(ValueError("'\(text)' is not \(syntax)"))
        }
        let days: Set<Int>
        switch Self.days(parts[0].lowercased()) {
        case .success(let found): days = found
        case .failure(let problem): return .failure(problem)
        }
        let times = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard times.count == 2 else {
            return .failure(ValueError("'\(parts[1])' is not a time range HH:MM-HH:MM"))
        }
        guard let start = minutes(times[0]), start < 24 * 60 else {
            return .failure(ValueError("'\(times[0])' is not a start time from 00:00 to 23:59"))
        }
        guard let end = minutes(times[1]) else {
            return .failure(ValueError("'\(times[1])' is not an end time from 00:00 to 24:00"))
        }
        guard start != end % (24 * 60) || end == 24 * 60 && start == 0 else {
            return .failure(ValueError("'\(parts[1])' starts and ends at the same time: use 00:00-24:00 for all day"))
        }
        return .success(TimeRule(days: days, start: start, end: end))
    }

    private static func days(_ text: String) -> Result<Set<Int>, ValueError> {
        if text == "daily" { return .success(Set(0...6)) }
        var days = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let names = item.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            let bounds = names.map { dayNames.firstIndex(of: $0) }
            if let unknown = zip(names, bounds).first(where: { $0.1 == nil })?.0 {
                return .failure(ValueError("'\(unknown)' is not a day: use mon, tue, wed, thu, fri, sat, sun or daily"))
            }
            switch bounds.count {
            case 1: days.insert(bounds[0]!)
            case 2:
                let (first, last) = (bounds[0]!, bounds[1]!)
                guard first <= last else {
                    return .failure(
                        ValueError("'\(item)' runs backwards: write the days from mon to sun, as sat,sun,mon"))
                }
                days.formUnion(first...last)
            default: return .failure(ValueError("'\(item)' is not a day or a range of days like mon-fri"))
            }
        }
        return .success(days)
    }

    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0...24).contains(hours), (0...59).contains(minutes),
            hours < 24 || minutes == 0
        else { return nil }
        return hours * 60 + minutes
    }
}

/// IANA time zones, as the system's database has them: exact names, with a suggestion for a
/// slip of case or spelling.
public enum TimeZoneName {
    /// The git config key a repository declares its default zone by.
    public static let configKey = "flowctl.timezone"

    public static func problem(_ name: String) -> String? {
        guard TimeZone(identifier: name) == nil || !known.contains(name) && !["UTC", "GMT"].contains(name) else {
            return nil
        }
        let suggestion = closest(to: name).map { "; did you mean \($0)?" } ?? ""
        return "'\(name)' is not an IANA time zone (as Europe/Paris or America/New_York)\(suggestion)"
    }

    static let known = Set(TimeZone.knownTimeZoneIdentifiers)

    /// Time zone names are long: a few slips are allowed, whatever their length.
    static func closest(to name: String) -> String? {
        Suggestion.closest(to: name, among: known.union(["UTC"]), limit: 3)
    }
}
