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

/// The order of a diff's changes and its one-line summary, over generated pairs of flows,
/// against a reference written from the documented order alone: main fields, then blocks by
/// id; within a block, type, the catalog's parameters in its order, other parameters by name,
/// then `next` and the other exits by name.
@Suite struct DiffOrderTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 ^ state
        }
    }

    static func randomBlock(_ id: String, _ random: inout Generator) -> Block {
        let type = ["webhook", "menu", "voicemail", "play", "no-such-type"].randomElement(using: &random)!
        let known = Catalog.standard.type(named: type)?.parameters.map(\.name) ?? []
        var block = Block(id: id, type: type)
        for name in known + ["zeta", "alpha", "x-note"] where Bool.random(using: &random) {
            block.parameters[name] = [.string("a"), .string("b"), .int(3)].randomElement(using: &random)!
        }
        for exit in ["next", "1", "2", "timeout"] where Bool.random(using: &random) {
            block.exits[exit] = ["b1", "b2", "b3"].randomElement(using: &random)!
        }
        return block
    }

    static func randomFlow(_ random: inout Generator) -> Flow {
        let main = MainBlock(
            name: "Flow", extension: Bool.random(using: &random) ? "101" : nil,
            seat: Bool.random(using: &random) ? "alice" : "bob")
        let ids = ["b1", "b2", "b10", "b3"].filter { _ in Int.random(in: 0..<4, using: &random) > 0 }
        return Flow(main: main, blocks: ids.map { randomBlock($0, &random) })
    }

    /// The changes within one block, in the documented order.
    static func referenceFieldChanges(_ old: Block, _ new: Block) -> [FlowChange] {
        let catalog = Catalog.standard.type(named: new.type)?.parameters.map(\.name) ?? []
        let names = Set(old.parameters.keys).union(new.parameters.keys)
        let ordered =
            catalog.filter(names.contains) + names.filter { !catalog.contains($0) }.sorted()
        let exits = Set(old.exits.keys).union(new.exits.keys).sorted {
            ($0 == "next" ? 0 : 1, $0) < ($1 == "next" ? 0 : 1, $1)
        }
        var changes: [FlowChange] = []
        if old.type != new.type {
            changes.append(.blockField(block: new.id, field: "type", old: .string(old.type), new: .string(new.type)))
        }
        for name in ordered where old.parameters[name] != new.parameters[name] {
            changes.append(
                .blockField(block: new.id, field: name, old: old.parameters[name], new: new.parameters[name]))
        }
        for exit in exits where old.exits[exit] != new.exits[exit] {
            changes.append(
                .blockField(
                    block: new.id, field: exit == "next" ? exit : "exits.\(exit)",
                    old: old.exits[exit].map(Value.string),
                    new: new.exits[exit].map(Value.string)))
        }
        return changes
    }

    @Test func changesComeInTheDocumentedOrder() {
        var random = Generator(state: 7)
        var compared = 0
        for _ in 0..<2_000 {
            let (old, new) = (Self.randomFlow(&random), Self.randomFlow(&random))
            let changes = FlowDiff.changes(from: old, to: new)
            // Renames pair blocks by likeness; the reference covers flows without them.
            guard !changes.contains(where: { if case .blockRenamed = $0 { true } else { false } }) else { continue }
            var expected: [FlowChange] = []
            for (field, before) in old.main.fields {
                let after = new.main.fields.first { $0.name == field }?.value
                if before != after { expected.append(.mainField(field: field, old: before, new: after)) }
            }
            for id in Set(old.blocks.keys).union(new.blocks.keys).sorted(by: BlockOrder.natural) {
                switch (old.blocks[id], new.blocks[id]) {
                case (let before?, let after?): expected += Self.referenceFieldChanges(before, after)
                case (nil, let added?): expected.append(.blockAdded(added))
                case (let removed?, nil): expected.append(.blockRemoved(removed))
                case (nil, nil): break
                }
            }
            #expect(changes == expected)
            compared += 1
        }
        #expect(compared > 1_000)
    }

    @Test func theSummaryGroupsByVerbInOrder() {
        let notify = Block(id: "notify", type: "webhook")
        let changes: [FlowChange] = [
            .mainField(field: "seat", old: nil, new: .string("bob")),
            .blockAdded(Block(id: "audit", type: "webhook")),
            .blockField(block: "notify", field: "url", old: nil, new: .string("https://two")),
            .blockRemoved(Block(id: "vm", type: "voicemail")),
            .blockRenamed(from: "a", to: "b"),
            .blockAdded(notify),
        ]
        #expect(FlowDiff.summary(changes) == "Update seat, notify.url; add audit, notify; remove vm; rename a to b")
        #expect(FlowDiff.summary([.blockAdded(notify)]) == "Add notify")
        #expect(
            FlowDiff.summary([.blockRemoved(notify), .blockRenamed(from: "a", to: "b")])
                == "Remove notify; rename a to b")
        #expect(FlowDiff.summary([]) == "Rewrite files canonically")
    }
}
