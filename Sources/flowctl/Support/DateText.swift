import Foundation

/// A save's date as `log` prints it, worked out from its seconds: a DateFormatter (ICU) cost more
/// per save than reading the save. The same text Foundation's formatters give, which a test
/// checks over thousands of dates up to 9999. Before 1970 (where calendars change) the
/// formatters themselves are used; after 9999, or 14 hours off UTC, they stop the process.
enum DateText {
    /// git's default form, `Sun Nov 29 10:00:00 2026 +0100`, in the author's time zone.
    static func git(_ date: Date, offsetMinutes: Int, fallback: @autoclosure () -> DateFormatter) -> String {
        guard let local = Local(date, offsetMinutes: offsetMinutes) else {
            let formatter = fallback()
            formatter.setTimeZone(offsetMinutes: offsetMinutes)
            return formatter.string(from: date)
        }
        // Written as bytes: an interpolation of fourteen parts cost more than the rest of a save's
        // entry.
        var text: [UInt8] = []
        text.reserveCapacity(32)
        text += weekdays[local.weekday].utf8
        text.append(UInt8(ascii: " "))
        text += months[local.month - 1].utf8
        text.append(UInt8(ascii: " "))
        appendNumber(local.day, to: &text)
        text.append(UInt8(ascii: " "))
        appendClock(local, to: &text)
        text.append(UInt8(ascii: " "))
        appendNumber(local.year, to: &text)
        text.append(UInt8(ascii: " "))
        appendOffset(offsetMinutes, separator: nil, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `10:00:00`.
    private static func appendClock(_ local: Local, to text: inout [UInt8]) {
        appendNumber(local.hour, to: &text, width: 2)
        text.append(UInt8(ascii: ":"))
        appendNumber(local.minute, to: &text, width: 2)
        text.append(UInt8(ascii: ":"))
        appendNumber(local.second, to: &text, width: 2)
    }

    /// `+0100` (git) or, with a `separator`, `+01:00` (ISO 8601).
    private static func appendOffset(_ offsetMinutes: Int, separator: UInt8?, to text: inout [UInt8]) {
        text.append(UInt8(ascii: offsetMinutes < 0 ? "-" : "+"))
        appendNumber(abs(offsetMinutes) / 60, to: &text, width: 2)
        if let separator { text.append(separator) }
        appendNumber(abs(offsetMinutes) % 60, to: &text, width: 2)
    }

    /// `number`'s decimal digits (it is not negative), zero-padded to `width`.
    private static func appendNumber(_ number: Int, to text: inout [UInt8], width: Int = 1) {
        var (power, count) = (1, 1)
        while power <= number / 10 {
            power *= 10
            count += 1
        }
        for _ in count..<max(width, count) { text.append(UInt8(ascii: "0")) }
        var rest = number
        while power > 0 {
            text.append(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
    }

    /// ISO 8601 as ISO8601DateFormatter writes it: `2026-11-29T10:00:00+01:00`, `Z` for UTC.
    static func iso8601(
        _ date: Date, offsetMinutes: Int, fallback: @autoclosure () -> ISO8601DateFormatter
    ) -> String {
        guard let local = Local(date, offsetMinutes: offsetMinutes) else {
            let formatter = fallback()
            formatter.setTimeZone(offsetMinutes: offsetMinutes)
            return formatter.string(from: date)
        }
        var text: [UInt8] = []
        text.reserveCapacity(32)
        appendNumber(local.year, to: &text)
        text.append(UInt8(ascii: "-"))
        appendNumber(local.month, to: &text, width: 2)
        text.append(UInt8(ascii: "-"))
        appendNumber(local.day, to: &text, width: 2)
        text.append(UInt8(ascii: "T"))
        appendClock(local, to: &text)
        if offsetMinutes == 0 {
            text.append(UInt8(ascii: "Z"))
        } else {
            appendOffset(offsetMinutes, separator: UInt8(ascii: ":"), to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The local calendar fields of a whole second from 1970 on.
    private struct Local {
        var year, month, day, hour, minute, second, weekday: Int

        init?(_ date: Date, offsetMinutes: Int) {
            let utc = date.timeIntervalSince1970
            guard utc >= 0, utc < 1e15, utc == utc.rounded(.down) else { return nil }
            let seconds = Int(utc) + offsetMinutes * 60
            guard seconds >= 0 else { return nil }
            let days = seconds / 86_400
            let time = seconds % 86_400
            (hour, minute, second) = (time / 3_600, time / 60 % 60, time % 60)
            weekday = (days + 4) % 7  // 1970-01-01 was a Thursday
            // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
            let shifted = days + 719_468
            let era = shifted / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }
    }
}
