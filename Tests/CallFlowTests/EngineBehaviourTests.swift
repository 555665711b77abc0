import Foundation
import Testing

@testable import CallFlow

/// What a call does, read from the engine's own modules (2600hz/kazoo at
/// dcf86cbc6d06f85f0b9397fc115b52b6560967af, applications/callflow/src/module/), and `simulate`
/// agreeing with it. Each test names the lines it follows.
@Suite struct EngineBehaviourTests {
    static let mailbox = "5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"
    let vm = Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string(mailbox)])
    let sales = Block(id: "sales", type: "play", parameters: ["media": .string("sales.mp3")])
    let operatorDesk = Block(id: "desk", type: "play", parameters: ["media": .string("desk.mp3")])

    func menu(retries: Int = 3, exits: [String: String]) -> Block {
        Block(
            id: "menu", type: "menu", parameters: ["prompt": .string("choose.mp3"), "retries": .int(retries)],
            exits: exits)
    }

    func walk(_ start: Block, digits: String = "", zone: String? = nil, at: Date = Date())
        -> (steps: [CallSimulation.Step], ending: CallSimulation.Ending)
    {
        let flow = Flow(
            main: MainBlock(name: "Main", seat: "alice", start: start.id), blocks: [start, vm, sales, operatorDesk])
        return CallSimulation(from: "+15551230000", digits: digits, at: at, defaultTimeZone: zone).run(
            flowID: "main", flow: flow, loadFlow: { _ in nil }, webhook: { _, _, _ in "" })
    }

    // MARK: Menus (cf_menu.erl)

    /// :137-143: silence tries the `timeout` child first, at once, before any retry.
    @Test func silenceTakesTheTimeoutExitAtOnce() {
        let (steps, _) = walk(menu(exits: ["1": "sales", "timeout": "vm", "no-choice": "desk"]))
        #expect(steps.first?.exit == "timeout")
        #expect(steps.first?.action == "plays choose.mp3; caller pressed nothing")
    }

    /// :144-145 then :74-86: with no timeout child, silence replays the prompt until the
    /// retries are used up, then the call takes `_` (no-choice).
    @Test func silenceWithoutATimeoutExitReplaysThenTakesNoChoice() {
        let (steps, ending) = walk(menu(retries: 2, exits: ["1": "sales", "no-choice": "desk"]))
        #expect(steps.first?.exit == "no-choice")
        #expect(
            steps.first?.action
                == "plays choose.mp3; caller pressed nothing (played again), pressed nothing, retries used up")
        #expect(steps.map(\.block) == ["menu", "desk"])
        #expect(ending == .ended("the call ends after desk"))
    }

    /// :112-121: an invalid digit plays the prompt again and uses a retry; a valid one then
    /// takes its child.
    @Test func anInvalidDigitReplaysAndAValidOneIsTaken() {
        let (steps, _) = walk(menu(exits: ["1": "sales", "timeout": "vm", "no-choice": "desk"]), digits: "91")
        #expect(steps.first?.exit == "1")
        #expect(steps.first?.action == "plays choose.mp3; caller pressed 9 (no such choice, played again), pressed 1")
    }

    /// :118-121 then :74-86: invalid digits until the retries are used up take no-choice, even
    /// when there is a timeout exit.
    @Test func invalidDigitsUseUpTheRetriesAndTakeNoChoice() {
        let (steps, _) = walk(
            menu(retries: 2, exits: ["1": "sales", "timeout": "vm", "no-choice": "desk"]), digits: "78")
        #expect(steps.first?.exit == "no-choice")
        #expect(steps.map(\.block) == ["menu", "desk"])
    }

    /// :78-86: with retries used up and no `_` child, the engine says goodbye and continues to
    /// nothing: the call ends at the menu.
    @Test func withoutNoChoiceTheCallEndsAtTheMenu() {
        let (_, ending) = walk(menu(retries: 1, exits: ["1": "sales"]), digits: "5")
        #expect(ending == .ended("the call ends after menu"))
    }

    /// An old flow's lone `timeout` exit still reads and validates, with a warning that invalid
    /// digits no longer go there.
    @Test func aLoneTimeoutExitIsWarnedAbout() {
        let flow = Flow(
            main: MainBlock(name: "M", seat: "a", start: "menu"), blocks: [menu(exits: ["timeout": "vm"]), vm])
        let findings = FlowValidator.findings(in: flow, id: "m")
        #expect(findings.filter { $0.severity == .error }.isEmpty)
        #expect(findings.contains { $0.severity == .warning && $0.field == "exits.no-choice" })
    }

    /// :513-514 and :342-345: `media.greeting` is a media id the engine plays, never text.
    @Test func aGreetingIsMediaNotASentence() throws {
        let spec = try #require(Catalog.standard.type(named: "menu")?.parameter("prompt"))
        #expect(spec.problem(with: .string("greeting.mp3")) == nil)
        #expect(spec.problem(with: .string("https://media.example.com/hello.wav")) == nil)
        let problem = try #require(spec.problem(with: .string("Welcome to support")))
        #expect(problem.hasPrefix("prompt must name media: 'Welcome to support' is a sentence, not media"))
        #expect(problem.contains("tts block"))
        #expect(Catalog.standard.type(named: "play")?.parameter("media")?.problem(with: .string("Hi there")) != nil)
    }

    // MARK: Time of day (cf_temporal_route.erl:286, cf_util.erl:694-699)

    func clock(zone: String?) -> Block {
        var parameters: [String: Value] = ["rules": .map(["open": .string("mon-fri 09:00-17:00")])]
        parameters["timezone"] = zone.map(Value.string)
        return Block(
            id: "clock", type: "time-of-day", parameters: parameters, exits: ["open": "sales", "default": "vm"])
    }

    /// 2026-11-30 (a Monday) 16:30 UTC: 17:30 in Berlin (closed), 08:30 in Los Angeles (closed),
    /// 16:30 in London (open).
    let mondayAfternoon = ISO8601DateFormatter().date(from: "2026-11-30T16:30:00Z")!

    @Test func aBlockWithoutAZoneTakesTheRepositorysAndNeverUTCSilently() {
        #expect(walk(clock(zone: nil), zone: "Europe/London", at: mondayAfternoon).steps.first?.exit == "open")
        #expect(walk(clock(zone: nil), zone: "Europe/Berlin", at: mondayAfternoon).steps.first?.exit == "default")
        #expect(
            walk(clock(zone: "Europe/London"), zone: "Europe/Berlin", at: mondayAfternoon).steps.first?.exit == "open")
        let (steps, ending) = walk(clock(zone: nil), at: mondayAfternoon)
        #expect(steps.isEmpty)
        #expect(ending == .broken(flow: "main", block: "clock", reason: CallSimulation.noZone))
    }

    // MARK: Ring groups (cf_ring_group.erl:105, :358-362, :440-445)

    @Test func eachMemberRingsForTheGroupsTimeInEveryStrategy() {
        var group = Block(
            id: "team", type: "ring-group",
            parameters: ["members": .list([.string("amy"), .string("bo"), .string("cy")]), "timeout": .int(30)],
            exits: ["next": "vm"])
        #expect(
            walk(group).steps.first?.action == "rings amy, bo, cy at once, each 30 s (30 s in all); unanswered here")
        group.parameters["strategy"] = .string("single")
        group.parameters["repeats"] = .int(2)
        #expect(RingTimes(group).totalSeconds == 180)
        #expect(
            walk(group).steps.first?.action.hasPrefix("rings amy, bo, cy one after another, each 30 s, 2 rounds")
                == true)
    }

    // MARK: Sleep (cf_sleep.erl:52-69)

    @Test func aSleepIsAtMostOneDayInAnyUnit() {
        func errors(_ duration: Int, _ unit: String) -> [String] {
            let block = Block(
                id: "wait", type: "sleep", parameters: ["duration": .int(duration), "unit": .string(unit)])
            return BlockCheck(block).errors.map(\.message)
        }
        #expect(errors(24, "h").isEmpty)
        #expect(errors(1440, "m").isEmpty)
        #expect(errors(86_400_000, "ms").isEmpty)
        #expect(
            errors(25, "h") == [
                "duration 25 h is longer than a day, and the engine cuts every sleep to one day: at most 24 h"
            ])
        #expect(errors(86_400_000, "h").count == 1)
        #expect(errors(86_401, "s").count == 1)
        // An edit that would make one is refused, and the block stays as it was.
        var block = Block(id: "wait", type: "sleep", parameters: ["duration": .int(25), "unit": .string("m")])
        let sleep = Catalog.standard.type(named: "sleep")!
        #expect(throws: ValueError.self) { try block.apply([.value("unit", .string("h"))], type: sleep) }
        #expect(block.parameters["unit"] == .string("m"))
        try? block.apply([.value("duration", .int(24)), .value("unit", .string("h"))], type: sleep)
        #expect(block.parameters == ["duration": .int(24), "unit": .string("h")])
    }
}
