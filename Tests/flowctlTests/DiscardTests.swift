import Foundation
import TestSupport
import Testing

/// Nothing flowctl throws away is gone at once: deleted flows and cancelled edits come back.
@Suite struct DiscardTests {
    func twoFlows() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Old Promo", "--extension", "150", "--seat", "alice")
        try session.flowctl("add-block", "play", "--id", "ad", "--set", "media=promo.mp3")
        try session.flowctl("save", "-m", "ad")
        try session.flowctl("create", "Helpdesk", "--extension", "101", "--seat", "bob")
        return session
    }

    @Test func aDeletedFlowComesBackWithItsHistory() throws {
        let session = try twoFlows()
        let tip = try session.git("rev-parse", "flows/old-promo")
        let refused = try session.flowctl("delete", "old-promo")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("without confirmation"))
        #expect(try session.flowctl("delete", "helpdesk", "--yes").stderr.contains("is open"))
        let deleted = try session.flowctl("delete", "Old Promo", "--yes")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try session.git.run(["rev-parse", "--verify", "-q", "flows/old-promo"]).status != 0)
        let kept = try session.git("for-each-ref", "--format=%(refname) %(objectname)", "refs/flowctl/deleted/")
        #expect(kept.hasPrefix("refs/flowctl/deleted/old-promo/") && kept.hasSuffix(tip))
        #expect(!(try session.flowctl("list").stdout.contains("old-promo")))
        #expect(try session.flowctl("delete", "--list").stdout.contains("old-promo  Old Promo  deleted"))
        let back = try session.flowctl("undelete", "old-promo")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try session.git("rev-parse", "flows/old-promo") == tip)
        #expect(try session.git("for-each-ref", "refs/flowctl/deleted/") == "")
        #expect(try session.flowctl("log", "old-promo", "--oneline").stdout.contains("ad (Update start; add ad)"))
        try session.git("fsck", "--strict")
    }

    @Test func cancelUndoRestoresTheEditsByteForByte() throws {
        let session = try twoFlows()
        try session.flowctl("set-main", "--seat", "carol")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.write("flow.yaml", try session.read("flow.yaml") + "# a hand-written note\n")
        let edited = (try session.read("flow.yaml"), try session.read("blocks/vm.yaml"))
        try session.flowctl("cancel", "--yes")
        #expect(try session.git("status", "--porcelain") == "")
        #expect(try session.flowctl("cancel", "--list").stdout.contains("discarded"))
        let undo = try session.flowctl("cancel", "--undo")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try session.read("flow.yaml") == edited.0)
        #expect(try session.read("blocks/vm.yaml") == edited.1)
        #expect(try session.flowctl("status").stdout.contains("main: seat: bob -> carol"))
        // Nothing more to bring back, and unsaved edits are never overwritten by an undo.
        let again = try session.flowctl("cancel", "--undo")
        #expect(again.status == 1)
        try session.git("fsck", "--strict")
    }

    @Test func duplicateTakesAName() throws {
        let session = try twoFlows()
        let copy = try session.flowctl("duplicate", "--name", "Billing Desk")
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(try session.git("symbolic-ref", "HEAD") == "refs/heads/flows/billing-desk")
        #expect(try session.flowctl("open", "billing-desk").stdout.contains("already open") == false)
        let taken = try session.flowctl("duplicate", "--name", "helpdesk")
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("is already named"))
    }
}
