/// Checks that follow what the engine's modules do with a block's values, beyond each value's
/// own range (2600hz/kazoo at dcf86cbc6d06f85f0b9397fc115b52b6560967af).
enum EngineRules {
    /// Milliseconds in one unit of a sleep block's duration (cf_sleep.erl:52-63).
    static let sleepUnits = ["ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000]
    /// cf_sleep.erl:67-68 caps every pause at `?MILLISECONDS_IN_DAY`.
    static let longestSleep = 86_400_000

    static func errors(in block: Block) -> [BlockCheck.Note] {
        guard block.type == "sleep", case .int(let duration)? = block.parameters["duration"] else { return [] }
        let unit = block.parameters["unit"]?.string ?? "s"
        guard let factor = sleepUnits[unit] else { return [] }
        let (milliseconds, overflow) = duration.multipliedReportingOverflow(by: factor)
        guard overflow || milliseconds > longestSleep else { return [] }
        let most = longestSleep / factor
        return [
            BlockCheck.Note(
                field: "duration",
                message: "duration \(duration) \(unit) is longer than a day, and the engine cuts every sleep to "
                    + "one day: at most \(most) \(unit)")
        ]
    }

    static func warnings(in block: Block) -> [BlockCheck.Note] {
        // cf_menu.erl:74-86 and :137-147: with a timeout child, silence goes there at once and
        // only invalid digits use up the retries, after which the call takes `_` (no-choice) or,
        // with none, hears goodbye and ends.
        guard block.type == "menu", block.exits[MenuExit.timeout] != nil, block.exits[MenuExit.noChoice] == nil
        else { return [] }
        return [
            BlockCheck.Note(
                field: "exits.\(MenuExit.noChoice)",
                message: "invalid digits end the call once the retries are used up: connect no-choice "
                    + "(menus from before it existed sent them to timeout)")
        ]
    }
}
