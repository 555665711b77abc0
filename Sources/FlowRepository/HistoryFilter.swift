import CallFlow
import Foundation

/// Which saves `log` shows: those of one block (following its renames back) or one of its
/// fields, in a time window, by an author, with a message containing some text.
public struct HistoryFilter: Sendable {
    public var block: String?
    public var field: String?
    public var since: Date?
    public var until: Date?
    /// A part of the author's name or email, in any case.
    public var author: String?
    /// A part of the message.
    public var grep: String?

    public init(
        block: String? = nil, field: String? = nil, since: Date? = nil, until: Date? = nil, author: String? = nil,
        grep: String? = nil
    ) {
        (self.block, self.field, self.since, self.until, self.author, self.grep) = (
            block, field, since, until, author, grep
        )
    }

    /// Whether `save` is one to show; walking back, a rename of the block makes its old id the
    /// one followed from then on.
    mutating func keeps(_ save: SaveInfo) -> Bool {
        if let author {
            let who = "\(save.author.name) <\(save.author.email)>".lowercased()
            guard who.contains(author.lowercased()) else { return false }
        }
        if let grep, !save.message.contains(grep) { return false }
        guard let block else { return true }
        var touched = false
        for change in save.changes {
            switch change {
            case .blockRenamed(let from, let to) where to == block:
                touched = field == nil
                self.block = from
            case .blockAdded(let added) where added.id == block: touched = true
            case .blockRemoved(let removed) where removed.id == block: touched = true
            case .blockField(let id, let changed, _, _) where id == block && (field == nil || changed == field):
                touched = true
            case .mainField(let changed, _, _) where block == "main" && (field == nil || changed == field):
                touched = true
            default: break
            }
        }
        return touched
    }
}

extension HistoryFilter {
    /// A date as git users write one for `--since` and `--until`: ISO 8601 with or without a
    /// time (`2026-11-01`, `2026-11-01T09:00:00Z`), or `N units ago` (seconds to weeks), as
    /// git's `date.c` reads the common forms. Nil for anything else. Parsed here, below every
    /// command that takes a date, so that they all read the same forms.
    public static func date(_ text: String, now: Date = Date()) -> Date? {
        let words = text.lowercased().split(separator: " ")
        if words.count == 3, words[2] == "ago", let count = Double(words[0]) {
            let units: [String: Double] = ["second": 1, "minute": 60, "hour": 3_600, "day": 86_400, "week": 604_800]
            let unit = words[1].hasSuffix("s") ? String(words[1].dropLast()) : String(words[1])
            return units[unit].map { now.addingTimeInterval(-count * $0) }
        }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
