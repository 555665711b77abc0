import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// The read side's public API over a real repository, checked against what git holds; none of it
/// takes the lock, so each test reads while another writer holds it.
@Suite struct ReaderTests {
    let fixture: Fixture
    let reader: FlowReader
    /// Another writer's lock, held for the whole test.
    let otherWriter: RepositoryLock

    /// Support Line (two saves, a webhook block) and Sales, which is open.
    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        try fixture.writer.create(MainBlock(name: "Sales", extension: "101", seat: "eve"))
        reader = try FlowReader(discoveringFrom: fixture.scratch.path, environment: fixture.environment)
        otherWriter = try fixture.holdLock(as: "another writer")
    }

    @Test func whereTheRepositoryIsAndWhatIsOpen() throws {
        #expect(
            reader.root.standardizedFileURL.path == URL(fileURLWithPath: fixture.scratch.path).standardizedFileURL.path)
        #expect(reader.gitDirectory.hasSuffix("/.git/"))
        #expect(!reader.isBare)
        #expect(reader.recoveryNote == nil)
        #expect(try reader.openFlowID() == "sales")
        #expect(try reader.requireOpenFlowID() == "sales")
        #expect(try reader.flowIDs() == ["sales", "support-line"])
        try fixture.git("config", "core.pager", "more")
        #expect(try reader.gitConfig("core.pager") == "more")
        #expect(try reader.gitConfig("core.no-such-key") == nil)
        #expect(reader.operationInProgress == nil)
        #expect(!reader.mergeInProgress)
        #expect(try reader.mergeStatus() == nil)
    }

    @Test func flowsAsSavedAndAsEdited() throws {
        try fixture.scratch.write("flow.yaml", "schema: 1\nname: Sales\nextension: \"101\"\nseat: bob\n")
        #expect(try reader.workingFlow().main.seat == "bob")
        #expect(try reader.savedFlow("sales").main.seat == "eve")
        #expect(try reader.currentFlow("sales").main.seat == "bob")
        #expect(try reader.currentFlow("support-line").blocks.keys.sorted() == ["notify"])
        #expect(try reader.savedFlow("support-line", revision: "@~1").blocks.isEmpty)
        #expect(try FlowChecks(reader).knownFlows().names == ["sales": "Sales", "support-line": "Support Line"])
        let list = try reader.list()
        #expect(list.map(\.id) == ["sales", "support-line"])
        #expect(list.map(\.isOpen) == [true, false])
        #expect(list.map(\.blockCount) == [0, 1])
        let status = try #require(try FlowStatus(reader))
        #expect(status.flowID == "sales" && status.changedFiles == ["flow.yaml"])
        #expect(status.changes == [.mainField(field: "seat", old: .string("eve"), new: .string("bob"))])
        #expect(try fixture.git.porcelainStatus() == " M flow.yaml")
    }

    @Test func aNewFlowsIdIsFreeAndMadeFromItsName() throws {
        #expect(try reader.newFlowID(name: "Sales") == "sales-2")
        #expect(try reader.newFlowID(name: "Night Line") == "night-line")
        #expect(try reader.newFlowID(name: "Anything", preferred: "kept") == "kept")
        #expect(throws: WriteError.self) { try reader.newFlowID(name: "!!!") }
    }

    /// Both flows claim extension 101: `validate`, `clashes` and `validateAll` say so, each
    /// naming the other flow; a callflow block to a flow that does not exist is an error.
    @Test func checksFindWhatValidateReports() throws {
        let clashes = try FlowChecks(reader).clashes(of: "sales", main: try reader.savedFlow("sales").main)
        #expect(clashes.count == 1 && "\(clashes[0])".contains("support-line"))
        try fixture.scratch.write("blocks/away.yaml", "type: callflow\nflow: nowhere\n")
        try fixture.scratch.write("flow.yaml", "schema: 1\nname: Sales\nextension: \"101\"\nstart: away\n")
        let findings = try FlowChecks(reader).validate("sales")
        #expect(findings.contains { $0.severity == .error && $0.message.contains("nowhere") })
        #expect(findings.contains { $0.message.contains("support-line") })
        let all = try FlowChecks(reader).validateAll()
        #expect(all.contains { $0.flow == "sales" && $0.message.contains("nowhere") })
        #expect(all.filter { $0.message.contains("101") }.count == 2)
    }

    @Test func compareGivesTheChangesAndGitsOwnPatch() throws {
        let comparison = try FlowComparison(
            reader, from: "support-line", revision: "@~1", to: .saved(flow: "support-line", revision: nil))
        #expect(comparison.files == ["blocks/notify.yaml", "flow.yaml"])
        #expect(comparison.problem == nil)
        #expect(comparison.newCommit == (try fixture.git("rev-parse", "flows/support-line")))
        #expect(comparison.oldCommit == (try fixture.git("rev-parse", "flows/support-line~1")))
        #expect(
            comparison.changes.contains { if case .blockAdded(let block) = $0 { block.id == "notify" } else { false } })
        let git = try fixture.git("diff", "flows/support-line~1", "flows/support-line", "--", "flow.yaml", "blocks")
        #expect(try comparison.patch().trimmingCharacters(in: .newlines) == git)
        let stat = try fixture.git(
            "diff", "--stat", "flows/support-line~1", "flows/support-line", "--", "flow.yaml", "blocks")
        #expect(try comparison.stat().trimmingCharacters(in: .newlines) == stat)
    }

    @Test func publishedVersionsAreTheTagsAndTheLiveOneIsTheHighest() throws {
        #expect(try PublishedFlows(reader).publishedVersions("support-line").isEmpty)
        #expect(try PublishedFlows(reader).liveState("support-line") == LiveState(live: nil, savesBehind: 0))
        try fixture.git("tag", "-a", "-m", "first", "published/support-line/v1", "flows/support-line~1")
        let versions = try PublishedFlows(reader).publishedVersions("support-line")
        #expect(versions.map(\.number) == [1] && versions[0].message == "first\n")
        #expect(versions[0].commit == (try fixture.git("rev-parse", "flows/support-line~1")))
        let live = try PublishedFlows(reader).liveState("support-line")
        #expect(live.live?.tag == "published/support-line/v1" && live.savesBehind == 1)
        #expect(
            try PublishedFlows(reader).liveStates(["sales", "support-line"]) == [
                "sales": LiveState(live: nil, savesBehind: 0), "support-line": live,
            ])
    }

    /// A server's bare repository reads as any other, and refuses nothing but what needs a
    /// working tree.
    @Test func aBareRepositoryIsReadButHasNoOpenFlow() throws {
        let bare = try ScratchDirectory()
        try fixture.git("clone", "-q", "--bare", fixture.scratch.path, bare.path + "/server.git")
        let server = try FlowReader(discoveringFrom: bare.path + "/server.git", environment: fixture.environment)
        #expect(server.isBare)
        #expect(try server.openFlowID() == nil)
        #expect(try server.flowIDs() == ["sales", "support-line"])
        #expect(try server.savedFlow("support-line").blocks.keys.sorted() == ["notify"])
        #expect(throws: FlowError.self) { try server.requireOpenFlowID() }
        #expect(throws: FlowError.self) { try FlowWriter(reader: server).open("sales") }
    }
}

/// `log` and `blame` read the history: each save's changes, filtered as `git log` filters.
@Suite struct FlowHistoryTests {
    let fixture: Fixture
    let history: FlowHistory

    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        try fixture.edit { $0.blocks["notify"]?.parameters["url"] = .string("https://hooks.example.com/v2") }
        _ = try fixture.writer.save(message: "Second url")
        try fixture.edit { $0.main.seat = "bob" }
        _ = try fixture.writer.save(message: "Bob takes it")
        history = FlowHistory(fixture.reader)
    }

    @Test func savesAreGitsFirstParentLogNewestFirst() throws {
        let saves = try history.history("support-line")
        let git = try fixture.git("log", "--first-parent", "--format=%H %s", "flows/support-line")
        #expect(saves.map { "\($0.commit) \($0.subject)" }.joined(separator: "\n") == git)
        #expect(saves.last?.summary == "New flow")
        var streamed: [String] = []
        try history.forEachSave("support-line", limit: 2) { streamed.append($0.commit) }
        #expect(streamed == Array(saves.prefix(2).map(\.commit)))
        #expect(try history.recentSaveIDs("support-line", limit: 3) == saves.prefix(3).map(\.commit))
    }

    @Test func filtersKeepWhatTheyName() throws {
        func subjects(_ filter: HistoryFilter) throws -> [String] {
            try history.history("support-line", filter: filter).map(\.subject)
        }
        #expect(try subjects(HistoryFilter(block: "notify")) == ["Second url", "Add notify"])
        #expect(try subjects(HistoryFilter(block: "notify", field: "url")) == ["Second url", "Add notify"])
        #expect(
            try subjects(HistoryFilter(block: "main", field: "seat")) == ["Bob takes it", "Create flow Support Line"])
        #expect(try subjects(HistoryFilter(grep: "url")) == ["Second url"])
        #expect(try subjects(HistoryFilter(author: "NOBODY")) == [])
        #expect(try subjects(HistoryFilter(since: Date().addingTimeInterval(3_600))) == [])
        #expect(try subjects(HistoryFilter(until: Date().addingTimeInterval(-3_600))) == [])
    }

    @Test func blameNamesTheSaveThatLastSetEachField() throws {
        let entries = try history.blame("support-line")
        func save(_ block: String?, _ field: String) -> String? {
            entries.first { $0.block == block && $0.field == field }?.save?.subject
        }
        #expect(save(nil, "seat") == "Bob takes it")
        #expect(save(nil, "name") == "Create flow Support Line")
        #expect(save("notify", "url") == "Second url")
        #expect(save("notify", "type") == "Add notify")
    }
}

/// The server's check of a push: the flows as the push would leave them.
@Suite struct PushCheckTests {
    let fixture: Fixture
    let check: PushCheck

    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        check = PushCheck(fixture.reader)
    }

    /// A commit on `flows/<id>` made with git alone, holding `files`.
    func commitByHand(_ files: [String: String]) throws -> String {
        try fixture.git("switch", "-q", "--orphan", "by-hand-\(UUID().uuidString.prefix(8))")
        try fixture.git("rm", "-rq", "--cached", "--ignore-unmatch", ".")
        for (path, text) in files {
            try fixture.scratch.write(path, text)
            try fixture.git("add", path)
        }
        try fixture.git("commit", "-qm", "by hand")
        return try fixture.git("rev-parse", "HEAD")
    }

    @Test func aSoundFlowPassesABrokenOneIsNamed() throws {
        let zero = String(repeating: "0", count: 40)
        let (tip, sound) = (
            try fixture.git("rev-parse", "flows/support-line"), try fixture.git("rev-parse", "flows/support-line~1")
        )
        #expect(try check.problems([RefUpdate(line: "\(tip) \(sound) refs/heads/flows/support-line")!]) == [])
        let broken = try commitByHand(["flow.yaml": "schema: 1\nname: [broken\n"])
        let problems = try check.problems([RefUpdate(line: "\(zero) \(broken) refs/heads/flows/broken")!])
        #expect(problems.count == 1 && problems[0].hasPrefix("flows/broken: flow.yaml"))
        #expect(try check.problems([RefUpdate(line: "\(zero) \(broken) refs/heads/main")!]) == [])
        #expect(try check.problems([RefUpdate(line: "\(zero) \(sound) refs/heads/flows/Bad_ID")!]).count == 1)
    }

    @Test func deletingAFlowAnotherCallsIsRefused() throws {
        let zero = String(repeating: "0", count: 40)
        let caller = try commitByHand([
            "flow.yaml": "schema: 1\nname: Caller\nstart: away\n",
            "blocks/away.yaml": "type: callflow\nflow: support-line\n",
        ])
        try fixture.git("update-ref", "refs/heads/flows/caller", caller)
        let tip = try fixture.git("rev-parse", "flows/support-line")
        let problems = try check.problems([RefUpdate(line: "\(tip) \(zero) refs/heads/flows/support-line")!])
        #expect(problems == ["flows/caller: block away: hands calls to flow 'support-line', which this push deletes"])
    }

    /// A push that renames a flow another calls by its old name is refused, as deleting it is
    /// (`validate --all` would find the call leading nowhere after it); a caller by id is fine.
    @Test func renamingAFlowAwayFromANameAnotherCallsIsRefused() throws {
        let byName = try commitByHand([
            "flow.yaml": "schema: 1\nname: Caller\nstart: away\n",
            "blocks/away.yaml": "type: callflow\nflow: Support Line\n",
        ])
        let byID = try commitByHand([
            "flow.yaml": "schema: 1\nname: Other Caller\nstart: away\n",
            "blocks/away.yaml": "type: callflow\nflow: support-line\n",
        ])
        try fixture.git("update-ref", "refs/heads/flows/caller", byName)
        try fixture.git("update-ref", "refs/heads/flows/other-caller", byID)
        try fixture.git("switch", "-q", "flows/support-line")
        let old = try fixture.git("rev-parse", "flows/support-line")
        try fixture.edit { $0.main.name = "Help Line" }
        _ = try fixture.writer.save(message: "Rename")
        let renamed = try fixture.git("rev-parse", "flows/support-line")
        try fixture.git("update-ref", "refs/heads/flows/support-line", old)
        let problems = try check.problems([RefUpdate(line: "\(old) \(renamed) refs/heads/flows/support-line")!])
        #expect(
            problems == [
                "flows/caller: block away: hands calls to flow 'Support Line', which this push renames to 'Help Line'"
            ], "\(problems)")
    }

    /// The flows a push leaves alone are read once for their main blocks, then from
    /// `flowctl/gate-mains` by commit: a clash with one of them is found from the cache, an
    /// entry there is what the check believes, and a file that does not read exactly is ignored.
    @Test func theMainsOfFlowsAPushLeavesAloneComeFromTheCacheByCommit() throws {
        let zero = String(repeating: "0", count: 40)
        let other = try commitByHand(["flow.yaml": "schema: 1\nname: Other\nextension: \"777\"\n"])
        try fixture.git("update-ref", "refs/heads/flows/other", other)
        let clash = try commitByHand(["flow.yaml": "schema: 1\nname: Clash\nextension: \"777\"\n"])
        let push = [RefUpdate(line: "\(zero) \(clash) refs/heads/flows/clash")!]
        let claimed = "flows/clash: main: extension: extension 777 is also claimed by other"
        let found = try check.problems(push)
        #expect(found == [claimed], "\(found)")

        let path = fixture.scratch.path + "/.git/flowctl/gate-mains"
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("\(other)\tOther\t=777\n"), "\(written)")
        #expect(written.contains("\(clash)\tClash\t=777\n"), "the pushed tip is kept too: \(written)")
        // The check believes the cache: the same commit said to claim 555 clashes with nothing.
        try written.replacingOccurrences(of: "\(other)\tOther\t=777", with: "\(other)\tOther\t=555")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try check.problems(push) == [])
        // A cache cut short, written by another build, with a line ending it never writes, or
        // not UTF-8, is read from the flows again.
        let notUTF8 = Data(written.replacingOccurrences(of: "\tOther\t=777", with: "\tOther\t=7\u{1}7").utf8).map {
            $0 == 1 ? 0xFF : $0
        }
        for broken in [
            Data(written.dropLast(5).utf8),
            Data(written.replacingOccurrences(of: "gate-mains 1 ", with: "gate-mains 1 x").utf8),
            Data(written.replacingOccurrences(of: "\tOther\t=777\n", with: "\tOther\t=777\r\n").utf8),
            Data(notUTF8),
        ] {
            try broken.write(to: URL(fileURLWithPath: path))
            #expect(try check.problems(push) == [claimed])
        }
    }

    @Test func namesWithTabsAndPercentSignsGoThroughTheCacheAsTheyWere() throws {
        var cache = GateMainsCache()
        let id = try #require(ObjectID(hex: try fixture.git("rev-parse", "flows/support-line")))
        let main = MainBlock(name: "Sales\t100% %0A\nnight", extension: "200", numbers: ["+15551234567", "42"])
        cache.entries[id] = .main(main)
        cache.write(to: fixture.reader.git)
        #expect(GateMainsCache(of: fixture.reader.git).entries == [id: .main(main)])
    }
}
