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
                Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string("support")]),
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
        #expect(ending == .ended("the call ends in voicemail support"))
    }

    @Test func aCallflowBlockContinuesInTheOtherFlow() {
        let main = flow(start: "jump", [Block(id: "jump", type: "callflow", parameters: ["flow": .string("other")])])
        let other = flow(start: "busy", [Block(id: "busy", type: "response", parameters: ["code": .int(486)])])
        let (steps, ending) = CallSimulation(from: "+1555").run(
            flowID: "main", flow: main, loadFlow: { $0 == "other" ? other : nil }, webhook: { _, _, _ in "" })
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
