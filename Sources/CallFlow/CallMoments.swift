import Foundation

/// The moments of the week that a call is walked at to see every time-of-day branch of two
/// versions of a flow: the week is cut at every window's start and end, in each block's own zone,
/// and the pieces where every time-of-day block (of both versions) takes the same rule are one
/// moment, told by its pieces ("mon-fri 09:00-10:00"). The week is a fixed one (13 to 19 January
/// 2025, no daylight-saving change anywhere), so the same flows give the same moments; there is
/// at most one cut per minute, so the work grows with the number of blocks, not faster.
public struct CallMoments {
    public struct Moment: Sendable, Equatable {
        /// Where the call is walked: the first minute of the moment's first piece.
        public var date: Date
        /// The moment's pieces of the week ("mon-fri 09:00-10:00; sat 10:00-12:00"), in the
        /// zone of `zone`; empty when no block looks at the time.
        public var label: String
    }

    public static let minutesInWeek = 7 * 24 * 60
    public private(set) var moments: [Moment] = []
    /// The zone the labels are in: the first time-of-day block's (in call order, new side first).
    public private(set) var zone: String?

    /// The moments of `flows` (both versions of one flow), whose time-of-day blocks name their
    /// zone or take `defaultTimeZone`. A block with no zone or an unknown one cuts nothing (the
    /// walk reports it as broken).
    public init(of flows: [Flow], defaultTimeZone: String?) {
        var clocks: [(rules: [(name: String, rule: TimeRule)], offset: Int)] = []
        for flow in flows {
            for block in flow.blocksInCallOrder where block.type == "time-of-day" {
                guard let name = block.parameters["timezone"]?.string ?? defaultTimeZone,
                    TimeZoneName.problem(name) == nil, let timeZone = TimeZone(identifier: name)
                else { continue }
                if zone == nil { zone = name }
                guard case .map(let rules)? = block.parameters["rules"] else { continue }
                let parsed = rules.keys.sorted().compactMap { key in
                    rules[key]?.string.flatMap(TimeRule.init(parsing:)).map { (name: key, rule: $0) }
                }
                clocks.append((parsed, timeZone.secondsFromGMT(for: Self.referenceDate) / 60))
            }
        }
        let labelZone = zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let labelOffset = labelZone.secondsFromGMT(for: Self.referenceDate) / 60
        // Cuts in the label zone's minutes of the week (0 = Monday 00:00 there).
        var cuts: Set<Int> = [0]
        for clock in clocks {
            for (_, rule) in clock.rules {
                for day in rule.days {
                    let end = rule.end <= rule.start ? rule.end + 24 * 60 : rule.end
                    for local in [day * 24 * 60 + rule.start, day * 24 * 60 + end] {
                        cuts.insert(Self.wrap(local - clock.offset + labelOffset))
                    }
                }
            }
        }
        let starts = cuts.sorted()
        // Each piece's signature: the rule each clock takes there (nil: its default).
        var order: [[String?]] = []
        var pieces: [[String?]: [(start: Int, end: Int)]] = [:]
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : Self.minutesInWeek
            let signature = clocks.map { clock -> String? in
                let local = Self.wrap(start + clock.offset - labelOffset)
                return clock.rules.first { $0.rule.matches(weekday: local / (24 * 60), minute: local % (24 * 60)) }?
                    .name
            }
            if pieces[signature] == nil { order.append(signature) }
            pieces[signature, default: []].append((start, end))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = labelZone
        let monday = calendar.date(from: DateComponents(year: 2025, month: 1, day: 13))!
        moments = order.map { signature in
            let parts = pieces[signature]!
            let label = clocks.isEmpty ? "" : Self.label(parts)
            return Moment(date: monday.addingTimeInterval(Double(parts[0].start * 60)), label: label)
        }
    }

    /// A Monday in a week no zone changes its clocks in.
    static let referenceDate = Date(timeIntervalSince1970: 1_736_769_600)  // 2025-01-13T12:00:00Z

    static func wrap(_ minute: Int) -> Int {
        ((minute % minutesInWeek) + minutesInWeek) % minutesInWeek
    }

    /// Pieces of the week as rules write them, each time range once with all its days.
    static func label(_ parts: [(start: Int, end: Int)]) -> String {
        var days: [Int: [Int]] = [:]  // start * 10_000 + end -> days
        var order: [Int] = []
        for part in parts {
            var start = part.start
            while start < part.end {
                let day = start / (24 * 60)
                let end = min(part.end, (day + 1) * 24 * 60)
                let key = (start - day * 24 * 60) * 10_000 + (end - day * 24 * 60)
                if days[key] == nil { order.append(key) }
                days[key, default: []].append(day)
                start = end
            }
        }
        let rules = order.map { key in TimeRule(days: Set(days[key]!), start: key / 10_000, end: key % 10_000) }
        let texts = rules.sorted { ($0.days.min()!, $0.start) < ($1.days.min()!, $1.start) }.map(\.text)
        return texts.count <= 4
            ? texts.joined(separator: "; ") : texts.prefix(3).joined(separator: "; ") + "; and other times"
    }
}
