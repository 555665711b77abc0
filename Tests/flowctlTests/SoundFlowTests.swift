import Foundation
import TestSupport
import Testing

/// Flows that validate are flows that work: each case 0.1.0 accepted silently, on the built binary.
@Suite struct SoundFlowTests {
    /// "Helpdesk" (extension 101, number +15551234567, seat alice), open.
    func helpdesk() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl(
            "create", "Helpdesk", "--extension", "101", "--number", "+15551234567", "--seat", "alice")
        return session
    }

    @Test func aFormattingOnlyEditSaysItWasRewritten() throws {
        let session = try helpdesk()
        try session.write(
            "flow.yaml", try session.read("flow.yaml").replacingOccurrences(of: "seat: alice", with: "seat:   alice"))
        let save = try session.flowctl("save")
        #expect(save.stdout.contains("Rewrote flow.yaml canonically (only formatting differed)"), "\(save.stdout)")
        #expect(try session.read("flow.yaml").contains("seat: alice\n"))
    }

    @Test func aTimeZoneMustBeIANAsOwn() throws {
        let session = try helpdesk()
        try session.flowctl("add-block", "time-of-day", "--id", "hours", "--set", "rules.open=mon-fri 09:00-17:00")
        let refused = try session.flowctl("set", "hours", "timezone=america/new_york")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("did you mean America/New_York?"), "\(refused.stderr)")
        try session.write(
            "blocks/hours.yaml", "type: time-of-day\nrules:\n  open: mon-fri 09:00-17:00\ntimezone: Mars/Olympus\n")
        let validate = try session.flowctl("validate")
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("block hours: timezone: timezone: 'Mars/Olympus' is not an IANA time zone"))
        let simulate = try session.flowctl("simulate")
        #expect(simulate.status == 1)
        #expect(simulate.stdout.contains("cannot route the call"), "\(simulate.stdout)")
        let json = try session.flowctl("validate", "--json").stdout
        #expect(json.contains("\"file\" : \"blocks/hours.yaml\""), "\(json)")
        #expect(json.contains("\"field\" : \"timezone\""))
    }

    @Test func overnightAndAnyCaseRulesWork() throws {
        let session = try helpdesk()
        try session.flowctl("add-block", "time-of-day", "--id", "hours")
        try session.git("config", "flowctl.timezone", "UTC")  // the block names no zone: the repository's
        let set = try session.flowctl("set", "hours", "rules.night=Mon-Fri 22:00-06:00", "rules.late=sat 22:00-24:00")
        #expect(set.status == 0, "\(set.stderr)")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("connect", "hours:night", "vm")
        try session.flowctl("connect", "hours:late", "vm")
        try session.flowctl("connect", "hours:default", "vm")
        // Tuesday 05:00 UTC follows Monday night; Saturday 23:59:30 is still in 22:00-24:00.
        let tuesday = try session.flowctl("simulate", "--at", "2026-12-01T05:00:00Z")
        #expect(tuesday.stdout.contains("rule night holds"), "\(tuesday.stdout)")
        let saturday = try session.flowctl("simulate", "--at", "2026-12-05T23:59:30Z")
        #expect(saturday.stdout.contains("rule late holds"), "\(saturday.stdout)")
        let wrong = try session.flowctl("set", "hours", "rules.x=mon-fri 9:00-17:00")
        #expect(wrong.stderr.contains("'9:00' is not a start time from 00:00 to 23:59"), "\(wrong.stderr)")
    }

    @Test func aCallflowBlockMustNameAFlowByIDOrName() throws {
        let session = try helpdesk()
        try session.flowctl("create", "After Hours", "--extension", "102", "--seat", "bob")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("save", "-m", "vm")
        try session.flowctl("open", "helpdesk")
        try session.flowctl("add-block", "callflow", "--id", "jump", "--set", "flow=nosuch")
        let validate = try session.flowctl("validate", "--all")
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("block jump: flow: flow 'nosuch' does not exist"), "\(validate.stdout)")
        #expect(try session.flowctl("validate").status == 1)
        let simulate = try session.flowctl("simulate")
        #expect(simulate.status == 1)
        #expect(simulate.stdout.contains("hands the call to flow 'nosuch', which does not exist"))
        try session.flowctl("set", "jump", "flow=After Hours")
        #expect(try session.flowctl("validate").status == 0)
        let walked = try session.flowctl("simulate")
        #expect(walked.status == 0, "\(walked.stdout)")
        #expect(walked.stdout.contains("voicemail 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"))
    }

    @Test func aClashIsNamedByEveryCommandThatMakesIt() throws {
        let session = try helpdesk()
        try session.flowctl("save", "--create", "Sales")
        try session.flowctl("set-main", "--seat", "bob", "--number", "+15559990000")
        try session.flowctl("save", "-m", "own number")
        let setMain = try session.flowctl("set-main", "--extension", "101")
        #expect(setMain.stderr.contains("warning: sales: main: extension: extension 101 is also claimed by helpdesk"))
        let save = try session.flowctl("save", "-m", "clash")
        #expect(save.stderr.contains("extension 101 is also claimed by helpdesk"))
        #expect(try session.flowctl("validate").status == 1)
        // A copy rolled back to before the copy brings back the original's name and routes.
        try session.flowctl("open", "helpdesk")
        try session.flowctl("duplicate")
        let rollback = try session.flowctl("rollback", "@~1")
        #expect(rollback.status == 0)
        #expect(rollback.stderr.contains("number +15551234567 is also claimed by helpdesk"), "\(rollback.stderr)")
        #expect(rollback.stderr.contains("the name is also used by helpdesk"), "\(rollback.stderr)")
    }

    @Test func namesAreUniqueAndCopiesAreNumbered() throws {
        let session = try helpdesk()
        let again = try session.flowctl("create", "helpdesk")
        #expect(again.status == 1)
        #expect(again.stderr.contains("flow 'helpdesk' is already named 'helpdesk'"), "\(again.stderr)")
        try session.flowctl("duplicate")
        try session.flowctl("open", "helpdesk")
        try session.flowctl("duplicate")
        let list = try session.flowctl("list")
        #expect(list.stdout.contains("Helpdesk copy 2"), "\(list.stdout)")
        #expect(try session.flowctl("open", "Helpdesk copy").status == 0)
        let rename = try session.flowctl("set-main", "--name", "Helpdesk")
        #expect(rename.status == 1)
    }

    @Test func aCallersNumberIsAPhoneNumberAndDefaultsAlike() throws {
        let session = try helpdesk()
        for bad in ["abc", "+1"] {
            let simulate = try session.flowctl("simulate", "--from", bad)
            #expect(simulate.status == 64, "\(bad)")
            #expect(simulate.stderr.contains("phone number must be 3 to 15 digits"))
        }
        #expect(try session.flowctl("simulate").status == 0)
    }

    @Test func aSeatBlockRingsTheFlowsSeatAndAMenuPlaysAgain() throws {
        let session = try helpdesk()
        try session.flowctl("add-block", "menu", "--id", "menu", "--set", "prompt=choose.mp3", "--set", "retries=2")
        try session.flowctl("add-block", "seat", "--id", "ring")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("connect", "menu:1", "ring")
        try session.flowctl("connect", "menu:timeout", "vm")
        try session.flowctl("connect", "ring", "vm")
        #expect(try session.flowctl("validate").status == 0)
        let replay = try session.flowctl("simulate", "--digits", "71")
        #expect(
            replay.stdout.contains("caller pressed 7 (no such choice, played again), pressed 1"), "\(replay.stdout)")
        #expect(replay.stdout.contains("rings alice (the flow's seat)"))
        let twice = try session.flowctl("simulate", "--digits", "77")
        // Invalid digits use up the retries and take no-choice, not timeout (cf_menu.erl:74-86).
        #expect(twice.stdout.contains("retries used up -> no-choice"), "\(twice.stdout)")
    }

    @Test func revisionsNeedNoQuotingAndErrorsSpeakOfSaves() throws {
        let session = try helpdesk()
        try session.flowctl("set-main", "--seat", "bob")
        try session.flowctl("save", "-m", "bob")
        #expect(try session.flowctl("diff", "@~1").status == 0)
        #expect(try session.flowctl("diff", "HEAD~1").status == 0)
        #expect(try session.flowctl("show", "--rev", "@^").stdout.contains("alice"))
        let past = try session.flowctl("diff", "@~5")
        #expect(past.stderr.contains("flow 'helpdesk' has only 2 saves, so @~1 is its first"), "\(past.stderr)")
        let nosuch = try session.flowctl("diff", "nosuch")
        #expect(nosuch.stderr.contains("no flow and no revision is called 'nosuch'"))
        #expect(!(nosuch.stderr + past.stderr).contains("(git_"))
    }
}
