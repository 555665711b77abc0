import Testing

@testable import CallFlow

@Suite struct DiffTests {
    let base = Flow(
        main: MainBlock(name: "Support", extension: "101", seat: "alice", start: "notify"),
        blocks: [
            Block(id: "notify", type: "webhook", parameters: ["url": .string("https://one")], exits: ["next": "vm"]),
            Block(id: "vm", type: "voicemail"),
        ])

    @Test func unchangedFlowsHaveNoChanges() {
        #expect(FlowDiff.changes(from: base, to: base).isEmpty)
    }

    @Test func changesAreNamedByBlockAndField() {
        var edited = base
        edited.main.seat = "bob"
        edited.main.extension = nil
        edited.blocks["notify"]!.parameters["url"] = .string("https://two")
        edited.blocks["notify"]!.exits["next"] = nil
        edited.blocks["vm"] = nil
        edited.blocks["audit"] = Block(id: "audit", type: "webhook")
        #expect(
            FlowDiff.changes(from: base, to: edited) == [
                .mainField(field: "extension", old: .string("101"), new: nil),
                .mainField(field: "seat", old: .string("alice"), new: .string("bob")),
                .blockAdded(Block(id: "audit", type: "webhook")),
                .blockField(block: "notify", field: "url", old: .string("https://one"), new: .string("https://two")),
                .blockField(block: "notify", field: "next", old: .string("vm"), new: nil),
                .blockRemoved(Block(id: "vm", type: "voicemail")),
            ])
    }

    @Test func duplicateBlanksRoutingAndKeepsTheRest() {
        let copy = base.duplicated()
        #expect(copy.main.name == "Support copy")
        #expect(copy.main.extension == nil)
        #expect(copy.main.numbers.isEmpty)
        #expect(copy.main.seat == "alice")
        #expect(copy.blocks == base.blocks)
    }
}
