import Foundation
import TestSupport
import Testing

/// Renaming flows and blocks without leaving anything pointing at the old names.
@Suite struct RenameTests {
    /// Helpdesk, and Front and Lobby, which hand calls to it by id and by name.
    func threeFlows() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Helpdesk", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("save", "-m", "vm")
        try session.flowctl("publish")
        for (name, ext, target) in [("Front", "100", "helpdesk"), ("Lobby", "102", "Helpdesk")] {
            try session.flowctl("create", name, "--extension", ext, "--seat", "bob")
            try session.flowctl("add-block", "callflow", "--id", "hand-off", "--set", "flow=\(target)")
            try session.flowctl("save", "-m", "hand off")
        }
        return session
    }

    @Test func renamingWithANewIDLeavesEveryFlowValid() throws {
        let session = try threeFlows()
        let history = try session.git("rev-parse", "flows/helpdesk")
        let renamed = try session.flowctl("rename", "helpdesk", "Billing Desk", "--id", "billing-desk")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(try session.git.run(["rev-parse", "--verify", "-q", "flows/helpdesk"]).status != 0)
        #expect(try session.git("rev-parse", "flows/billing-desk^") == history)
        #expect(try session.git("show", "flows/billing-desk:flow.yaml").contains("name: Billing Desk"))
        for flow in ["front", "lobby"] {
            #expect(try session.git("show", "flows/\(flow):blocks/hand-off.yaml").contains("flow: billing-desk"))
        }
        let validate = try session.flowctl("validate", "--all")
        #expect(validate.status == 0, "\(validate.stdout)")
        #expect(try session.flowctl("simulate", "front").stdout.contains("voicemail 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"))
        try session.git("fsck", "--strict")
    }

    @Test func aRenameThatCannotHappenChangesNothing() throws {
        let session = try threeFlows()
        let before = try session.snapshot()
        #expect(try session.flowctl("rename", "helpdesk", "Front").stderr.contains("is already named"))
        #expect(try session.flowctl("rename", "helpdesk", "X", "--id", "front").stderr.contains("exists now"))
        #expect(try session.flowctl("rename", "helpdesk", "X", "--id", "Not An Id").status == 1)
        _ = FileManager.default.createFile(atPath: session.repo + "/.git/index.lock", contents: nil)
        #expect(try session.flowctl("rename", "lobby", "Lobby 2", "--id", "lobby-2").stderr.contains("index.lock"))
        try FileManager.default.removeItem(atPath: session.repo + "/.git/index.lock")
        #expect(try session.snapshot() == before)
    }

    @Test func aRenamedBlockIsRewiredAndShownAsARename() throws {
        let session = try threeFlows()
        try session.flowctl("open", "helpdesk")
        try session.flowctl("add-block", "play", "--id", "greet", "--after", "main", "--set", "media=hi.mp3")
        try session.flowctl("save", "-m", "greet")
        let renamed = try session.flowctl("rename-block", "vm", "voicebox")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(try session.read("blocks/greet.yaml").contains("next: voicebox"))
        #expect(!session.scratch.exists("repo/blocks/vm.yaml"))
        let diff = try session.flowctl("diff").stdout
        #expect(diff.contains("block vm: renamed to voicebox"), "\(diff)")
        #expect(!diff.contains("removed") && !diff.contains("added"))
        #expect(try session.flowctl("diff", "--patch").stdout.contains("rename from blocks/vm.yaml"))
        #expect(try session.flowctl("diff", "--json").stdout.contains("\"kind\" : \"renamed\""))
        try session.flowctl("save", "-m", "rename")
        // A rename made by hand with git reads the same way.
        try session.git("mv", "blocks/greet.yaml", "blocks/hello.yaml")
        try session.write(
            "flow.yaml", try session.read("flow.yaml").replacingOccurrences(of: "start: greet", with: "start: hello"))
        #expect(try session.flowctl("diff").stdout.contains("block greet: renamed to hello"))
    }
}
