import Foundation
import TestSupport
import Testing

/// The walk-through of the README, run as a user would run it.
@Suite struct ScenarioTests {
    func supportLine() throws -> Session {
        let session = try Session()
        let initialized = try session.flowctl("init", "repo", in: session.scratch.path)
        #expect(initialized.status == 0)
        #expect(initialized.stdout.contains("Initialized empty flowctl repository"))
        let created = try session.flowctl(
            "create", "Support Line", "--extension", "101", "--number", "+15551234567", "--seat", "alice")
        #expect(created.status == 0, "\(created.stderr)")
        return session
    }

    @Test func createMakesTheBranchWithOneCommitAndACleanStatus() throws {
        let session = try supportLine()
        let git = session.git
        #expect(try git("branch", "--list") == "* flows/support-line")
        #expect(try git("rev-list", "--count", "HEAD") == "1")
        #expect(
            try session.read("flow.yaml")
                == "schema: 1\nname: Support Line\nextension: \"101\"\nnumbers:\n  - \"+15551234567\"\nseat: alice\n")
        #expect(try git.porcelainStatus() == "")
    }

    @Test func anEditShowsInBothStatusesAndSaveCommitsItOnce() throws {
        let session = try supportLine()
        let edit = try session.flowctl("set-main", "--seat", "bob")
        #expect(edit.status == 0)
        #expect(edit.stdout.contains("seat: alice -> bob"))
        let status = try session.flowctl("status")
        #expect(status.stdout.contains("main: seat: alice -> bob"))
        #expect(try session.git.porcelainStatus() == " M flow.yaml")
        let json = try session.flowctl("status", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let changes = object?["changes"] as? [[String: Any]]
        #expect(changes?.first?["field"] as? String == "seat")
        #expect(changes?.first?["new"] as? String == "bob")

        let saved = try session.flowctl("save", "-m", "Give the line to bob")
        #expect(saved.status == 0)
        #expect(
            try session.git("log", "--format=%s|%an|%ae")
                == "Give the line to bob|Ada Admin|ada@example.com\nCreate flow Support Line|Ada Admin|ada@example.com")
        #expect(try session.git.porcelainStatus() == "")
        let again = try session.flowctl("save", "-m", "nothing")
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing to save"))
        #expect(try session.git("rev-list", "--count", "HEAD") == "2")
    }

    @Test func cancelRefusesWithoutATerminalAndAsksOnOne() throws {
        let session = try supportLine()
        try session.flowctl("set-main", "--seat", "bob")
        let edited = try session.read("flow.yaml")

        let refused = try session.flowctl("cancel")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error:") && refused.stderr.contains("--yes"))
        #expect(try session.read("flow.yaml") == edited)

        let declined = try session.flowctlOnTerminal("cancel", input: "n\n")
        #expect(declined.stdout.contains("Discard the unsaved changes to flow support-line? [y/N]"))
        #expect(try session.read("flow.yaml") == edited)

        let confirmed = try session.flowctlOnTerminal("cancel", input: "y\n")
        #expect(confirmed.status == 0)
        #expect(try session.read("flow.yaml").contains("seat: alice"))

        try session.flowctl("set-main", "--seat", "carol")
        let yes = try session.flowctl("cancel", "--yes")
        #expect(yes.status == 0)
        #expect(try session.read("flow.yaml").contains("seat: alice"))
        #expect(try session.git.porcelainStatus() == "")
        #expect(try session.git("rev-list", "--count", "HEAD") == "1")
    }

    @Test func duplicateCopiesWithHistoryAndBlanksRouting() throws {
        let session = try supportLine()
        try session.flowctl("set-main", "--seat", "bob")
        let result = try session.flowctl("save", "--duplicate", "-m", "bob")
        #expect(result.status == 0, "\(result.stderr)")
        let git = session.git
        #expect(try git("symbolic-ref", "--short", "HEAD") == "flows/support-line-copy")
        #expect(try git("merge-base", "--is-ancestor", "flows/support-line", "flows/support-line-copy") == "")
        #expect(
            try git("log", "--format=%s", "flows/support-line-copy")
                == "Duplicate Support Line as Support Line copy\nbob\nCreate flow Support Line")
        #expect(try session.read("flow.yaml") == "schema: 1\nname: Support Line copy\nseat: bob\n")
        #expect(try git("show", "flows/support-line:flow.yaml").contains("extension: \"101\""))
        let plain = try session.flowctl("duplicate", "Support Line")
        #expect(plain.stdout.contains("support-line-copy-2"))
        let list = try session.flowctl("list", "--json")
        let ids = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.compactMap {
            $0["id"] as? String
        }
        #expect(ids == ["support-line", "support-line-copy", "support-line-copy-2"])
    }

    @Test func createAndSaveCreateMakeOrphanBranches() throws {
        let session = try supportLine()
        try session.flowctl("set-main", "--seat", "bob")
        let result = try session.flowctl("save", "--create", "After Hours")
        #expect(result.status == 0)
        let git = session.git
        #expect(try git("show", "flows/support-line:flow.yaml").contains("seat: bob"))
        #expect(try git("rev-list", "--count", "flows/after-hours") == "1")
        #expect(try git("rev-list", "--max-parents=0", "flows/after-hours") == git("rev-parse", "flows/after-hours"))
        #expect(try git("symbolic-ref", "--short", "HEAD") == "flows/after-hours")
        let created = try session.flowctl("create", "Sales")
        #expect(created.status == 0)
        #expect(try git("rev-list", "--count", "flows/sales") == "1")
    }

    @Test func openSwitchesAndRefusesWhileEditsAreUnsaved() throws {
        let session = try supportLine()
        try session.flowctl("create", "Sales", "--seat", "eve")
        try session.flowctl("set-main", "--seat", "frank")
        let before = try session.snapshot()
        let refused = try session.flowctl("open", "support-line")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("unsaved changes"))
        #expect(try session.snapshot() == before)
        #expect(try session.read("flow.yaml").contains("seat: frank"))
        try session.flowctl("cancel", "--yes")
        let opened = try session.flowctl("open", "Support Line")
        #expect(opened.status == 0)
        #expect(try session.read("flow.yaml").contains("seat: alice"))
        #expect(try session.git("symbolic-ref", "--short", "HEAD") == "flows/support-line")
    }

    @Test func showPrintsTheFlowInEveryFormat() throws {
        let session = try supportLine()
        #expect(try session.flowctl("show").stdout.contains("Support Line (support-line)"))
        #expect(try session.flowctl("show", "--format", "yaml").stdout.hasPrefix("# flow.yaml\nschema: 1\n"))
        let json = try session.flowctl("show", "support-line", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["extension"] as? String == "101")
        #expect(object?["numbers"] as? [String] == ["+15551234567"])
        try session.flowctl("set-main", "--seat", "bob")
        try session.flowctl("save")
        #expect(try session.flowctl("show", "--rev", "~1").stdout.contains("seat:      alice"))
    }

    @Test func everythingPassesFsckStrict() throws {
        let session = try supportLine()
        try session.flowctl("set-main", "--seat", "bob", "--name", "Support")
        try session.flowctl("save", "--duplicate")
        try session.flowctl("save", "--create", "Other")
        let fsck = try session.git.run(["fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0 && fsck.stdout.isEmpty && fsck.stderr.isEmpty, "\(fsck.stdout)\(fsck.stderr)")
        // A rename keeps the id and the branch.
        #expect(try session.git("show", "flows/support-line:flow.yaml").contains("name: Support\n"))
    }
}
