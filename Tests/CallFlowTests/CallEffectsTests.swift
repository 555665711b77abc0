import Foundation
import Testing

@testable import CallFlow

/// Effect on calls over changes whose answer is known by construction.
@Suite struct CallEffectsTests {
    func flow(start: String?, _ blocks: [Block]) -> Flow {
        Flow(main: MainBlock(name: "Main", extension: "101", seat: "alice", start: start), blocks: blocks)
    }

    /// A menu: 1 leaves a message, 2 rings sales then leaves a message.
    func menu(one: String) -> Flow {
        flow(
            start: "menu",
            [
                Block(
                    id: "menu", type: "menu", parameters: ["prompt": .string("hi.mp3")],
                    exits: ["1": one, "2": "sales"]),
                Block(
                    id: "sales", type: "ring-group",
                    parameters: ["members": .list([.string("alice"), .string("bob")]), "timeout": .int(20)],
                    exits: ["next": "vm"]),
                Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string("vm")]),
            ])
    }

    @Test func aRewiredDigitIsTheOnlyChangedPathWithItsRinging() {
        let effects = CallEffects(id: "main", old: menu(one: "vm"), new: menu(one: "sales"), defaultTimeZone: nil)
        #expect(effects.changed.map(\.label) == ["caller presses 1", "caller presses 1, answered at the ringing"])
        let rewired = effects.changed[0]
        #expect(rewired.before == "menu plays hi.mp3 → voicemail vm")
        #expect(
            rewired.after
                == "menu plays hi.mp3 → ring group alice, bob at once, each 20 s (20 s in all), unanswered → voicemail vm"
        )
        #expect(effects.changed[1].before == "no such ringing on this path")
        // Pressing nothing, 2 (and its answer) and an invalid digit 3 times: as before.
        #expect(effects.unchanged == 4 && effects.notWalked == 0)
    }

    func hours(_ window: String) -> Flow {
        flow(
            start: "hours",
            [
                Block(
                    id: "hours", type: "time-of-day",
                    parameters: ["rules": .map(["open": .string(window)]), "timezone": .string("America/New_York")],
                    exits: ["open": "desk", "default": "closed"]),
                Block(id: "desk", type: "voicemail", parameters: ["mailbox": .string("desk")]),
                Block(id: "closed", type: "voicemail", parameters: ["mailbox": .string("closed")]),
            ])
    }

    @Test func aWindowShiftedByAnHourChangesTheTwoHoursBetween() {
        let effects = CallEffects(
            id: "main", old: hours("mon-fri 09:00-17:00"), new: hours("mon-fri 10:00-18:00"), defaultTimeZone: nil)
        #expect(
            effects.changed == [
                .init(
                    label: "mon-fri 09:00-10:00", before: "voicemail desk",
                    after: "voicemail closed"),
                .init(
                    label: "mon-fri 17:00-18:00", before: "voicemail closed",
                    after: "voicemail desk"),
            ])
        #expect(effects.unchanged == 2)  // outside both windows, and inside both
    }

    @Test func windowsAreLabelledInTheBlocksZoneAndOtherZonesCutAtTheirOwnHours() {
        let moments = CallMoments(of: [hours("mon-fri 09:00-17:00")], defaultTimeZone: nil)
        #expect(moments.zone == "America/New_York")
        #expect(
            moments.moments.map(\.label) == [
                "mon-fri 00:00-09:00; mon-fri 17:00-24:00; sat,sun 00:00-24:00", "mon-fri 09:00-17:00",
            ])
        // The open moment is walked at Monday 09:00 in New York, 14:00 UTC.
        #expect(moments.moments[1].date == ISO8601DateFormatter().date(from: "2025-01-13T14:00:00Z"))
        var paris = hours("mon-fri 09:00-17:00")
        paris.blocks["hours"]!.parameters["timezone"] = .string("Europe/Paris")
        let both = CallMoments(of: [hours("mon-fri 09:00-17:00"), paris], defaultTimeZone: nil)
        // 09:00-17:00 in Paris is 03:00-11:00 in New York: open in both from 09:00 to 11:00.
        #expect(both.moments.map(\.label).contains("mon-fri 09:00-11:00"))
    }

    @Test func aRenameWithNoEffectChangesNoPath() {
        let old = menu(one: "vm")
        var new = old
        new.blocks["vm"] = nil
        new.blocks["messages"] = Block(id: "messages", type: "voicemail", parameters: ["mailbox": .string("vm")])
        new.blocks["menu"]!.exits["1"] = "messages"
        new.blocks["sales"]!.exits["next"] = "messages"
        let effects = CallEffects(id: "main", old: old, new: new, defaultTimeZone: nil)
        #expect(effects.changedCount == 0)
        #expect(effects.unchanged == 5)
    }

    /// A time-of-day block, a menu, then `length` plays before voicemail.
    func long(_ length: Int, last: String) -> Flow {
        var blocks = [
            Block(
                id: "hours", type: "time-of-day",
                parameters: ["rules": .map(["open": .string("mon-fri 09:00-17:00")]), "timezone": .string("UTC")],
                exits: ["open": "menu", "default": "p1"]),
            Block(id: "menu", type: "menu", parameters: ["prompt": .string("m")], exits: ["1": "p1", "2": "vm"]),
            Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string(last)]),
        ]
        for index in 1...length {
            blocks.append(
                Block(
                    id: "p\(index)", type: "play", parameters: ["media": .string("\(index).mp3")],
                    exits: ["next": index == length ? "vm" : "p\(index + 1)"]))
        }
        return flow(start: "hours", blocks)
    }

    @Test func theWorkGrowsLinearlyWithTheFlow() {
        let small = CallEffects(id: "main", old: long(500, last: "a"), new: long(500, last: "b"), defaultTimeZone: nil)
        let large = CallEffects(
            id: "main", old: long(2000, last: "a"), new: long(2000, last: "b"), defaultTimeZone: nil)
        #expect(large.changedCount == small.changedCount && large.changedCount > 0)
        // Four times the blocks, four times the steps (each walk passes the chain once).
        let ratio = Double(large.stepsWalked) / Double(small.stepsWalked)
        #expect(ratio > 3.5 && ratio < 4.05, "\(small.stepsWalked) -> \(large.stepsWalked)")
    }

    @Test func menusInsideMenusAreWalkedUpToTheLimitAndTheRestCounted() {
        // A tree of menus nine deep, 1 and 2 each to a menu of its own and silence to voicemail:
        // far more than walkLimit inputs, most of them ending in the changed voicemail.
        var blocks: [Block] = []
        func menu(_ path: String) {
            let leaf = path.count == 9
            blocks.append(
                Block(
                    id: "m" + path, type: "menu", parameters: ["prompt": .string("p")],
                    exits: ["1": leaf ? "vm" : "m\(path)1", "2": leaf ? "vm" : "m\(path)2", "timeout": "vm"]))
            if !leaf { (menu(path + "1"), menu(path + "2")) }
        }
        menu("")
        blocks.append(Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string("x")]))
        let old = flow(start: "m", blocks)
        var new = old
        new.blocks["vm"]!.parameters["mailbox"] = .string("y")
        let effects = CallEffects(id: "main", old: old, new: new, defaultTimeZone: nil)
        #expect(effects.notWalked > 0)
        #expect(effects.changed.count == CallEffects.listLimit && effects.moreChanged > 0)
    }

    /// A choice that plays something and comes back to the menu is listed once: the menu's
    /// choices are not walked again from there ("1, then 1, then 1"), nor from a second way to
    /// the same menu.
    @Test func aWayBackToAMenuIsNotWalkedAgain() {
        func looping(_ mailbox: String) -> Flow {
            flow(
                start: "menu",
                [
                    Block(
                        id: "menu", type: "menu", parameters: ["prompt": .string("hi.mp3")],
                        exits: ["1": "hours", "2": "vm", "timeout": "vm"]),
                    Block(
                        id: "hours", type: "play", parameters: ["media": .string("hours.mp3")], exits: ["next": "menu"]),
                    Block(id: "vm", type: "voicemail", parameters: ["mailbox": .string(mailbox)]),
                ])
        }
        let effects = CallEffects(id: "main", old: looping("a"), new: looping("b"), defaultTimeZone: nil)
        let labels = effects.changed.map(\.label)
        #expect(labels.contains("caller presses 1, then nothing"), "\(labels)")
        #expect(!labels.contains { $0.contains("1, then 1") || $0.contains("1, then 2") }, "\(labels)")
        #expect(effects.notWalked == 0)
    }
}
