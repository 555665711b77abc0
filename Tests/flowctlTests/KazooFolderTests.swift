import Foundation
import TestSupport
import Testing

/// Folders of engine documents: `export --all -o DIR` read back into the flows it came from,
/// `--seat` only where nothing else gives one, and what a folder can hold that is wrong.
@Suite struct KazooFolderTests {
    static func twoFlows() throws -> Session {
        let session = try KazooBehaviourTests.repository()
        for (name, ext, text) in [("Sales", "201", "Hello"), ("Support", "202", "Welcome")] {
            try session.flowctl("create", name, "--extension", ext, "--seat", "alice")
            try session.flowctl("add-block", "tts", "--id", "say", "--set", "text=\(text)")
            try session.flowctl("save", "-m", "Greeting")
        }
        return session
    }

    static func edit(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func anExportAllFolderImportsBackIntoEachFlowAsOneSaveEach() throws {
        let session = try Self.twoFlows()
        let folder = session.scratch.path + "/all"
        #expect(try session.flowctl("export", "--all", "-o", folder).status == 0)
        try Self.edit(folder + "/callflows/sales.json", "\"Hello\"", "\"Hi\"")
        try Self.edit(folder + "/callflows/support.json", "\"Welcome\"", "\"Bonjour\"")
        let imported = try session.flowctl("import", folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("into flow sales: saved as"), "\(imported.stdout)")
        #expect(try session.git("log", "--format=%s", "-1", "flows/sales") == "Import Sales from Kazoo")
        #expect(try session.git("log", "--format=%s", "-1", "flows/support") == "Import Support from Kazoo")
        #expect(try session.git("show", "flows/sales:blocks/say.yaml").contains("text: Hi"))
        #expect(try session.git("show", "flows/support:blocks/say.yaml").contains("text: Bonjour"))
        // The open flow (support, created last) follows its branch: nothing is left unsaved.
        #expect(try session.git.porcelainStatus().isEmpty)
        #expect(try session.read("blocks/say.yaml").contains("text: Bonjour"))
        let again = try session.flowctl("import", folder)
        #expect(again.status == 0 && again.stdout.contains("2 flows already as imported"), "\(again.stdout)")
    }

    @Test func unsavedChangesStopAFolderImportBeforeAnythingMoves() throws {
        let session = try Self.twoFlows()
        let folder = session.scratch.path + "/all"
        try session.flowctl("export", "--all", "-o", folder)
        try Self.edit(folder + "/callflows/sales.json", "\"Hello\"", "\"Hi\"")
        try session.flowctl("set", "say", "text=Draft")
        let before = try session.snapshot()
        let refused = try session.flowctl("import", folder)
        #expect(refused.status == 1 && refused.stderr.contains("unsaved changes"), "\(refused.stderr)")
        #expect(try session.snapshot() == before)
    }

    @Test func seatFillsOnlyASeatTheNotesDoNotGive() throws {
        let session = try Self.twoFlows()
        let folder = session.scratch.path + "/all"
        try session.flowctl("export", "--all", "-o", folder)
        let other = try KazooBehaviourTests.repository()
        let imported = try other.flowctl("import", folder, "--seat", "bob")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try other.git("show", "flows/sales:flow.yaml").contains("seat: alice"))
        try other.scratch.write(
            "plain.json", #"{"name": "Plain", "numbers": ["300"], "flow": {"module": "play", "data": {"id": "a.mp3"}}}"#
        )
        #expect(try other.flowctl("import", other.scratch.path + "/plain.json", "--seat", "bob").status == 0)
        #expect(try other.git("show", "flows/plain:flow.yaml").contains("seat: bob"))
    }

    @Test func controlCharactersInWarningsAreEscapedAndADanglingLinkSaysWhy() throws {
        let session = try KazooBehaviourTests.repository()
        try session.scratch.write(
            "odd.json",
            "{\"name\": \"Odd\", \"numbers\": [\"301\"], \"flow\": {\"module\": \"x\\u0000y\\u202Ez\", \"data\": {}}}")
        let imported = try session.flowctl("import", session.scratch.path + "/odd.json", "--seat", "alice")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("module 'x\\x0y\\x202Ez'"), "\(imported.stderr)")
        #expect(!imported.stderr.contains("\u{202E}") && !imported.stderr.contains("\u{0}"))
        try FileManager.default.createDirectory(
            atPath: session.scratch.path + "/links", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: session.scratch.path + "/links/gone.json", withDestinationPath: "/nonexistent/gone.json")
        let dangling = try session.flowctl("import", session.scratch.path + "/links")
        #expect(dangling.status == 1)
        #expect(
            dangling.stderr.contains(
                "gone.json: cannot read: a symbolic link to '/nonexistent/gone.json', which does not exist"),
            "\(dangling.stderr)")
    }

    /// cf_util.erl:694-699: the zone the repository declares is the one export writes and
    /// simulate walks in.
    @Test func theRepositorysZoneIsWhatExportWritesAndSimulateUses() throws {
        let session = try KazooBehaviourTests.repository()
        try session.flowctl("create", "Hours", "--extension", "400", "--seat", "alice")
        try session.flowctl("add-block", "time-of-day", "--id", "clock", "--set", "rules.open=mon-fri 09:00-17:00")
        try session.flowctl("add-block", "play", "--id", "open", "--after", "clock:open", "--set", "media=open.mp3")
        let noZone = try session.flowctl("simulate", "--from", "+15550001111", "--at", "2026-11-30T16:30:00Z")
        #expect(noZone.stdout.contains("no time zone") || noZone.stderr.contains("no time zone"), "\(noZone.stdout)")
        try session.git("config", "flowctl.timezone", "Europe/London")
        let london = try session.flowctl("simulate", "--from", "+15550001111", "--at", "2026-11-30T16:30:00Z")
        #expect(london.stdout.contains("rule open holds (Europe/London)"), "\(london.stdout)\(london.stderr)")
        let bundle = try session.flowctl("export").stdout
        #expect(bundle.contains("\"timezone\": \"Europe/London\""), "\(bundle)")
        try session.git("config", "flowctl.timezone", "Europe/Londres")
        let bad = try session.flowctl("export")
        #expect(bad.status == 1 && bad.stderr.contains("git config flowctl.timezone"), "\(bad.stderr)")
    }
}
