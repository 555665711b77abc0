import Foundation
import Testing

@testable import CallFlow

@Suite struct SimulationTests {
    let monday10 = ISO8601DateFormatter().date(from: "2026-11-30T10:00:00Z")!

    func flow(start: String?, _ blocks: [Block]) -> Flow {
        Flow(main: MainBlock(name: "Main", extension: "101", seat: "alice", start: start), blocks: blocks)
    }

    @Test func webhooksAreHandedOutAndTheCallGoesOnWhateverTheyAnswer() {
        let main = flow(
            start: "notify",
            [
                Block(id: "notify", type: "webhook", parameters: ["url": .string("https://h/")], exits: ["next": "vm"]),
                Block(
                    id: "vm", type: "voicemail", parameters: ["mailbox": .string("5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")]),
            ])
        var fired: [String] = []
        let (steps, ending) = CallSimulation(from: "+1555", at: monday10).run(
            flowID: "main", flow: main, loadFlow: { _ in nil },
            webhook: { _, _, block in
                fired.append(block.id)
                return "failed"
            })
        #expect(fired == ["notify"])
        #expect(steps.map(\.block) == ["notify", "vm"])
        #expect(steps.first?.webhook == "failed")
        #expect(ending == .ended("the call ends in voicemail 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"))
    }

    @Test func aCallflowBlockContinuesInTheOtherFlow() {
        let main = flow(start: "jump", [Block(id: "jump", type: "callflow", parameters: ["flow": .string("other")])])
        let other = flow(start: "busy", [Block(id: "busy", type: "response", parameters: ["code": .int(486)])])
        let (steps, ending) = CallSimulation(from: "+1555").run(
            flowID: "main", flow: main, loadFlow: { $0 == "other" ? ("other", other) : nil }, webhook: { _, _, _ in "" }
        )
        #expect(steps.map { "\($0.flow)/\($0.block)" } == ["main/jump", "other/busy"])
        #expect(ending == .ended("the call ends with SIP 486"))
    }

    @Test func menusTakeDigitsAndTimeOfDayTheTime() {
        let main = flow(
            start: "hours",
            [
                Block(
                    id: "hours", type: "time-of-day",
                    parameters: [
                        "rules": .map(["office": .string("mon-fri 09:00-17:00")]), "timezone": .string("Europe/Berlin"),
                    ],
                    exits: ["office": "menu"]),
                Block(id: "menu", type: "menu", parameters: ["prompt": .string("p")], exits: ["2": "sales"]),
                Block(id: "sales", type: "play", parameters: ["media": .string("s.mp3")]),
            ])
        let (steps, _) = CallSimulation(from: "+1555", digits: "2", at: monday10).run(
            flowID: "main", flow: main, loadFlow: { _ in nil }, webhook: { _, _, _ in "" })
        #expect(steps.map(\.exit) == ["office", "2", "next"])
        let night = ISO8601DateFormatter().date(from: "2026-11-30T16:30:00Z")!  // 17:30 in Berlin
        let (late, ending) = CallSimulation(from: "+1555", at: night).run(
            flowID: "main", flow: main, loadFlow: { _ in nil }, webhook: { _, _, _ in "" })
        #expect(late.map(\.exit) == ["default"])
        #expect(ending == .ended("the call ends after hours"))
    }

    @Test func loopsAndMissingBlocksStopTheWalk() {
        let loop = flow(
            start: "a",
            [
                Block(id: "a", type: "play", parameters: ["media": .string("a")], exits: ["next": "b"]),
                Block(id: "b", type: "play", parameters: ["media": .string("b")], exits: ["next": "a"]),
            ])
        let noop: (String, Flow, Block) -> String = { _, _, _ in "" }
        #expect(
            CallSimulation(from: "1").run(flowID: "f", flow: loop, loadFlow: { _ in nil }, webhook: noop).ending
                == .loop(flow: "f", block: "a"))
        let dangling = flow(start: "gone", [])
        #expect(
            CallSimulation(from: "1").run(flowID: "f", flow: dangling, loadFlow: { _ in nil }, webhook: noop).ending
                == .missingBlock(flow: "f", block: "gone"))
    }
}

/// What the engine does that 0.1.0's walk did not: menus replay, seats default, flows by name.
@Suite struct EngineFaithfulSimulationTests {
    func flow(start: String, _ blocks: [Block], seat: String? = "alice") -> Flow {
        Flow(main: MainBlock(name: "Main", seat: seat, start: start), blocks: blocks)
    }

    let menu = Block(
        id: "menu", type: "menu", parameters: ["prompt": .string("choose.mp3"), "retries": .int(2)],
        exits: ["1": "sales", "timeout": "vm"])
    let sales = Block(
        id: "sales", type: "voicemail", parameters: ["mailbox": .string("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e")])
    let vm = Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string("5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")])

    func walk(_ digits: String) -> CallSimulation.Ending {
        CallSimulation(from: "+15551230000", digits: digits).run(
            flowID: "main", flow: flow(start: "menu", [menu, sales, vm]), loadFlow: { _ in nil },
            webhook: { _, _, _ in "" }
        ).ending
    }

    @Test func anInvalidDigitReplaysTheMenuUpToItsRetries() {
        #expect(walk("71") == .ended("the call ends in voicemail 5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"))
        // Invalid digits use up the retries and take no-choice (Kazoo's `_`), which this menu
        // lacks: the engine says goodbye and the call ends (cf_menu.erl:74-86).
        #expect(walk("77") == .ended("the call ends after menu"))
        #expect(walk("") == .ended("the call ends in voicemail 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"))
    }

    @Test func aSeatBlockWithoutASeatRingsTheFlows() {
        let ring = Block(id: "ring", type: "seat", parameters: [:], exits: ["next": "vm"])
        let (steps, _) = CallSimulation(from: "+15551230000").run(
            flowID: "main", flow: flow(start: "ring", [ring, vm]), loadFlow: { _ in nil }, webhook: { _, _, _ in "" })
        #expect(steps.first?.action.contains("rings alice (the flow's seat)") == true)
        #expect(
            FlowValidator.findings(in: flow(start: "ring", [ring, vm]), id: "main").filter { $0.severity == .error }
                .isEmpty)
    }

    @Test func aMissingFlowOrTimeZoneEndsTheWalkAsBroken() {
        let jump = Block(id: "jump", type: "callflow", parameters: ["flow": .string("nosuch")])
        let missing = CallSimulation(from: "+15551230000").run(
            flowID: "main", flow: flow(start: "jump", [jump]), loadFlow: { _ in nil }, webhook: { _, _, _ in "" })
        #expect(missing.ending == .missingFlow(flow: "main", block: "jump", target: "nosuch"))
        let clock = Block(
            id: "clock", type: "time-of-day",
            parameters: ["rules": .map(["open": .string("daily 09:00-17:00")]), "timezone": .string("Mars/Olympus")],
            exits: ["default": "vm"])
        let broken = CallSimulation(from: "+15551230000").run(
            flowID: "main", flow: flow(start: "clock", [clock, vm]), loadFlow: { _ in nil }, webhook: { _, _, _ in "" })
        #expect(!broken.ending.isSound)
    }
}
