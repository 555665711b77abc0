import Foundation

/// What a change does to calls: every distinct way a call can go through a flow (each moment of
/// the week its time-of-day blocks tell apart, each menu digit, no input, invalid input until the
/// retries are used up, and an answer at each ringing block), walked before and after the change
/// as `simulate` walks (`CallSimulation`), with the paths whose outcome differs. Digits run out as
/// in `simulate`: once the caller presses nothing at a menu, they press nothing at later ones.
/// The walk is bounded: at most `walkLimit` inputs, breadth first (short paths first), so the
/// work is linear in the flow's size; at most `listLimit` changed paths are kept, the rest counted.
public struct CallEffects: Sendable, Equatable {
    public struct Path: Sendable, Equatable {
        /// How the call goes: "mon-fri 09:00-17:00, caller presses 1".
        public var label: String
        public var before: String
        public var after: String
    }

    public static let walkLimit = 256
    public static let listLimit = 50

    /// The changed paths, at most `listLimit`.
    public var changed: [Path] = []
    /// Changed paths beyond `listLimit`.
    public var moreChanged = 0
    /// Paths whose outcome is the same on both sides.
    public var unchanged = 0
    /// Inputs left unwalked when `walkLimit` was reached.
    public var notWalked = 0
    /// Blocks passed through by all the walks, both sides: the work done, which tests and the
    /// benchmark check grows linearly with the flow.
    public var stepsWalked = 0
    /// The zone the moments' labels are in (see `CallMoments`), nil when no block looks at the time.
    public var zone: String?

    public var changedCount: Int { changed.count + moreChanged }

    /// Compares the calls through `old` and `new` (versions of flow `id`); `loadFlow` gives the
    /// other flows a callflow block hands calls to, as they are on both sides.
    public init(
        id: String, old: Flow, new: Flow, defaultTimeZone: String?,
        loadFlow: (String) -> (id: String, flow: Flow)? = { _ in nil }
    ) {
        let moments = CallMoments(of: [new, old], defaultTimeZone: defaultTimeZone)
        zone = moments.zone
        var queue: [(moment: CallMoments.Moment, digits: String, words: [String])] = moments.moments.map {
            ($0, "", [])
        }
        var walked = 0
        // The menus (one per side) each moment's digits have run out at already: a path back to
        // them (a menu whose choice plays something and returns) goes on as that path went, so
        // its choices are not walked again.
        var menusWalked: Set<[String?]> = []
        while walked < queue.count {
            if walked == Self.walkLimit {
                notWalked = queue.count - walked
                break
            }
            let input = queue[walked]
            walked += 1
            let simulation = CallSimulation(from: "+15555550100", digits: input.digits, at: input.moment.date)
            let sides = [(old, simulation), (new, simulation)].map { flow, simulation in
                Walk(id: id, flow: flow, simulation: simulation, zone: defaultTimeZone, loadFlow: loadFlow)
            }
            let (before, after) = (sides[0], sides[1])
            stepsWalked += before.steps + after.steps
            var label = input.moment.label
            let words = input.words + (before.menu != nil || after.menu != nil ? ["nothing"] : [])
            if !words.isEmpty {
                label += (label.isEmpty ? "caller presses " : ", caller presses ") + words.joined(separator: ", then ")
            }
            compare(label.isEmpty ? "every call" : label, before.outcome, after.outcome)
            for ring in 0..<max(before.answered.count, after.answered.count) {
                let nth = ring == 0 ? "" : " \(Self.ordinal(ring + 1))"
                compare(
                    (label.isEmpty ? "every call" : label) + ", answered at the\(nth) ringing",
                    ring < before.answered.count ? before.answered[ring] : "no such ringing on this path",
                    ring < after.answered.count ? after.answered[ring] : "no such ringing on this path")
            }
            // Where the digits ran out at a menu, each choice either side offers is a way on.
            let menus = [before.menu, after.menu].compactMap { $0 }
            guard !menus.isEmpty,
                menusWalked.insert([input.moment.label, before.menuPlace, after.menuPlace]).inserted
            else { continue }
            let digits = Set(menus.flatMap { $0.exits.keys.filter { $0.count == 1 } })
            for digit in digits.sorted() {
                queue.append((input.moment, input.digits + digit, input.words + [digit]))
            }
            if let invalid = "0123456789*#".first(where: { !digits.contains(String($0)) }) {
                let retries = menus.map { $0.parameters["retries"]?.integer ?? MenuWalk.defaultRetries }.max()!
                let times = retries == 1 ? "once" : "\(retries) times"
                queue.append(
                    (
                        input.moment, input.digits + String(repeating: invalid, count: retries),
                        input.words + ["\(invalid) (no such choice) \(times)"]
                    ))
            }
        }
    }

    private mutating func compare(_ label: String, _ before: String, _ after: String) {
        guard before != after else {
            unchanged += 1
            return
        }
        if changed.count < Self.listLimit {
            changed.append(Path(label: label, before: before, after: after))
        } else {
            moreChanged += 1
        }
    }

    static func ordinal(_ number: Int) -> String {
        switch number {
        case 2: "2nd"
        case 3: "3rd"
        default: "\(number)th"
        }
    }

    /// One side's walk of one input: its outcome in words, without block ids (a rename changes
    /// no call), what an answer at each ringing block would be, and the menu the digits ran out at.
    struct Walk {
        var outcome = ""
        var answered: [String] = []
        var menu: Block?
        /// Where `menu` is: "flow/block".
        var menuPlace: String?
        var steps = 0

        init(
            id: String, flow: Flow, simulation: CallSimulation, zone: String?,
            loadFlow: (String) -> (id: String, flow: Flow)?
        ) {
            var simulation = simulation
            simulation.defaultTimeZone = zone
            var pressed = 0
            var heard: [String] = []
            var menuStep: CallSimulation.Step?
            let (taken, ending) = simulation.run(
                flowID: id, flow: flow, loadFlow: loadFlow, webhook: { _, _, _ in "not sent" },
                onStep: { step in
                    defer { pressed = step.digitsPressed }
                    if step.type == "menu" && menuStep == nil && pressed == simulation.digits.count {
                        menuStep = step
                    }
                    guard step.type != "time-of-day" else { return }
                    let words = Self.words(step)
                    if ["seat", "user", "ring-group"].contains(step.type) {
                        answered.append(
                            (heard + [words.replacingOccurrences(of: "; unanswered here", with: "")])
                                .joined(separator: " → ") + ", answered")
                    }
                    heard.append(words.replacingOccurrences(of: "; unanswered here", with: ", unanswered"))
                })
            steps = taken.count
            // A call that ends in voicemail or a response ends there: only other endings are said.
            let last = Self.ending(ending)
            outcome = (heard + (last.isEmpty ? [] : [last])).joined(separator: " → ")
            if let menuStep {
                menuPlace = menuStep.flow + "/" + menuStep.block
                menu =
                    menuStep.flow == id
                    ? flow.blocks[menuStep.block] : loadFlow(menuStep.flow)?.flow.blocks[menuStep.block]
            }
        }

        /// A step as the caller (or a webhook's server) meets it: the type and what it does.
        static func words(_ step: CallSimulation.Step) -> String {
            switch step.type {
            case "menu":
                // "plays X; caller pressed 1": the prompt is the caller's; the digits are the path's.
                "menu " + (step.action.components(separatedBy: "; caller ").first ?? step.action)
            case "voicemail": "voicemail " + step.action.replacingOccurrences(of: "takes a message for ", with: "")
            case "ring-group": "ring group " + step.action.replacingOccurrences(of: "rings ", with: "")
            default: step.type + " " + step.action
            }
        }

        static func ending(_ ending: CallSimulation.Ending) -> String {
            switch ending {
            case .ended(let how): how.hasPrefix("the call ends after") || how.contains("no start") ? "hangs up" : ""
            case .loop(let flow, let block): "loops back to \(block) in \(flow)"
            case .missingBlock(let flow, let block): "reaches missing block \(block) in \(flow)"
            case .missingFlow(_, _, let target): "reaches missing flow \(target)"
            case .broken(_, let block, let reason): "stops at \(block): \(reason)"
            }
        }
    }
}
