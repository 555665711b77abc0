import Foundation

/// A call walked through a flow, block by block, as the engine would route it: menus take the
/// caller's digits, time-of-day blocks the time, ringing goes unanswered, and a callflow block
/// continues in the other flow. Webhooks are handed to the caller of `run` to fire or not.
public struct CallSimulation {
    /// One block the call passed through.
    public struct Step: Sendable, Equatable {
        public var flow: String
        public var block: String
        public var type: String
        /// What happened there, in words: "plays welcome.mp3", "caller pressed 1".
        public var action: String
        /// The exit the call left by, nil where it ended.
        public var exit: String?
        /// For a webhook: what became of its request.
        public var webhook: String?
        /// How many of the call's digits had been pressed when the step ended: where the
        /// digits ran out, which is where `CallEffects` tries each choice.
        public var digitsPressed = 0
    }

    /// How the walk ended.
    public enum Ending: Sendable, Equatable {
        /// The call ended where the flow ends it (voicemail, a response, no next exit).
        case ended(String)
        /// The walk came back to a block in the same state: the flow loops.
        case loop(flow: String, block: String)
        /// An exit or the start leads to a block that does not exist.
        case missingBlock(flow: String, block: String)
        /// A callflow block hands the call to a flow that does not exist.
        case missingFlow(flow: String, block: String, target: String)
        /// A block cannot route the call as written (an unknown time zone).
        case broken(flow: String, block: String, reason: String)

        /// Whether the walk ended as the flow means it to, not at something missing or broken.
        public var isSound: Bool {
            if case .ended = self { return true }
            return false
        }
    }

    public var from: String
    public var digits: [Character]
    public var at: Date
    /// The repository's zone (git config `flowctl.timezone`), for time-of-day blocks that name none.
    public var defaultTimeZone: String?

    public init(from: String, digits: String = "", at: Date = Date(), defaultTimeZone: String? = nil) {
        self.from = from
        self.digits = Array(digits)
        self.at = at
        self.defaultTimeZone = defaultTimeZone
    }

    /// Walks the call from `flow`'s start. `loadFlow` gives another flow, with its id, by the id
    /// or name a callflow block names; `webhook` is called for each webhook block reached and
    /// returns what happened.
    public func run(
        flowID: String, flow: Flow, loadFlow: (String) -> (id: String, flow: Flow)?,
        webhook: (_ flowID: String, _ flow: Flow, Block) -> String,
        onStep: (Step) -> Void = { _ in }
    ) -> (steps: [Step], ending: Ending) {
        var steps: [Step] = []
        var digitIndex = 0
        // Each step is told as it is taken: a walk that waits on webhooks shows its progress.
        func record(_ step: Step) {
            var step = step
            step.digitsPressed = digitIndex
            steps.append(step)
            onStep(step)
        }
        var (currentID, current) = (flowID, flow)
        var next = current.main.start
        var seen = Set<String>()
        while true {
            guard let id = next else {
                let last = steps.last.map { "after \($0.block)" } ?? "at once: the flow has no start"
                return (steps, .ended("the call ends \(last)"))
            }
            guard let block = current.blocks[id] else { return (steps, .missingBlock(flow: currentID, block: id)) }
            guard seen.insert("\(currentID)/\(id)/\(digitIndex)").inserted else {
                return (steps, .loop(flow: currentID, block: id))
            }
            var step = Step(flow: currentID, block: id, type: block.type, action: "", exit: Block.nextExit)
            let parameter = { (name: String) in block.parameters[name]?.inlineText ?? "?" }
            switch block.type {
            case "webhook":
                step.action = "sends \(parameter("method")) \(parameter("url"))"
                step.webhook = webhook(currentID, current, block)
            case "menu":
                let (exit, heard) = MenuWalk(block: block).walk(digits: digits, from: &digitIndex)
                step.exit = exit
                step.action = "plays \(parameter("prompt")); caller " + heard.joined(separator: ", ")
            case "time-of-day":
                guard let zone = block.parameters["timezone"]?.string ?? defaultTimeZone else {
                    return (steps, .broken(flow: currentID, block: id, reason: Self.noZone))
                }
                if let problem = TimeZoneName.problem(zone) {
                    return (steps, .broken(flow: currentID, block: id, reason: problem))
                }
                let rule = matchingRule(block, zone: zone)
                step.action = (rule.map { "rule \($0) holds" } ?? "no rule holds") + " (\(zone))"
                step.exit = rule ?? "default"
            case "seat":
                let seat = block.parameters["seat"]?.inlineText ?? current.main.seat.map { "\($0) (the flow's seat)" }
                step.action = "rings \(seat ?? "no seat") for \(parameter("timeout")) s; unanswered here"
            case "user":
                step.action = "rings \(parameter("user")) for \(parameter("timeout")) s; unanswered here"
            case "ring-group":
                step.action = RingTimes(block).description + "; unanswered here"
            case "voicemail":
                record(
                    Step(
                        flow: currentID, block: id, type: block.type,
                        action: "takes a message for \(parameter("mailbox"))"))
                return (steps, .ended("the call ends in voicemail \(parameter("mailbox"))"))
            case "response":
                record(
                    Step(flow: currentID, block: id, type: block.type, action: "answers SIP \(parameter("code"))"))
                return (steps, .ended("the call ends with SIP \(parameter("code"))"))
            case "callflow":
                let target = parameter("flow")
                step.action = "continues in flow \(target)"
                step.exit = nil
                record(step)
                guard let (otherID, other) = loadFlow(target) else {
                    return (steps, .missingFlow(flow: currentID, block: id, target: target))
                }
                (currentID, current, next) = (otherID, other, other.main.start)
                continue
            default:
                let details = block.orderedParameterNames.map { "\($0)=\(block.parameters[$0]!.inlineText)" }
                step.action = details.isEmpty ? block.type : details.joined(separator: ", ")
            }
            record(step)
            next = step.exit.flatMap { block.exits[$0] }
        }
    }

    /// Why a time-of-day block cannot route: the engine would take the account's zone
    /// (cf_util.erl:694-699), which flowctl cannot know, so no zone is guessed.
    static let noZone =
        "no time zone: the block names none and the repository declares none; set the block's timezone "
        + "or 'git config flowctl.timezone ZONE' (the engine would use the account's zone)"

    /// The first rule, by name, whose window holds at `at` in `zone`.
    func matchingRule(_ block: Block, zone: String) -> String? {
        guard case .map(let rules)? = block.parameters["rules"], let timeZone = TimeZone(identifier: zone) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute, .second], from: at)
        let weekday = ((parts.weekday ?? 1) + 5) % 7  // Calendar: 1 = Sunday; here 0 = Monday
        let second = ((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) * 60 + (parts.second ?? 0)
        return rules.keys.sorted().first { name in
            rules[name]?.string.flatMap(TimeRule.init(parsing:))?.matches(weekday: weekday, second: second) == true
        }
    }
}
