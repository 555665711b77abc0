import Foundation
import TestSupport
import Testing

/// diff, log, show --rev and rollback over three saves of a webhook, run as a user would.
@Suite struct ReviewTests {
    let session: Session

    init() throws {
        session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl(
            "create", "Support Line", "--extension", "101", "--number", "+15551234567", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://one.example.com/calls")
        try session.flowctl("save", "-m", "Add notify")
        try session.flowctl("set-webhook", "notify", "--url", "https://two.example.com/calls")
        try session.flowctl("save", "-m", "Second url")
        try session.flowctl("set-webhook", "notify", "--retries", "4")
        try session.flowctl("save", "-m", "More retries")
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func diffShowsUnsavedAndSavedChangesByBlockAndField() throws {
        try session.flowctl("set-webhook", "notify", "--url", "https://three.example.com/calls")
        let unsaved = try session.flowctl("diff")
        #expect(
            unsaved.stdout == "block notify: url: https://two.example.com/calls -> https://three.example.com/calls\n")
        let first = try session.git("rev-parse", "--short", "HEAD~2")
        let span = try session.flowctl("diff", first, "HEAD").stdout
        #expect(span.contains("block notify: url: https://one.example.com/calls -> https://two.example.com/calls"))
        #expect(span.contains("block notify: retries: 1 -> 4"))
        let previous = try session.flowctl("diff", "~1").stdout
        #expect(previous.contains("retries: 1 -> 4") && previous.contains("https://three.example.com/calls"))
        let named = try session.flowctl("diff", "Support Line", "~2", "~1").stdout
        #expect(named == "block notify: url: https://one.example.com/calls -> https://two.example.com/calls\n")

        let patch = try session.flowctl("diff", "--patch").stdout
        #expect(patch.hasPrefix("diff --git a/blocks/notify.yaml b/blocks/notify.yaml"))
        #expect(patch.contains("\n-url: https://two.example.com/calls\n+url: https://three.example.com/calls"))
        let object = try json("diff", "--json") as? [String: Any]
        let change = (object?["changes"] as? [[String: Any]])?.first
        #expect(change?["block"] as? String == "notify" && change?["field"] as? String == "url")
        #expect(change?["new"] as? String == "https://three.example.com/calls")
        #expect(try session.flowctl("diff", "--stat").stdout.contains("1 file changed"))
        #expect(try session.flowctl("diff", "--exit-code").status == 1)
        try session.flowctl("cancel", "--yes")
        let clean = try session.flowctl("diff", "--exit-code")
        #expect(clean.status == 0 && clean.stdout.isEmpty)
    }

    @Test func logListsSavesNewestFirst() throws {
        let log = try session.flowctl("log").stdout
        let positions = ["More retries", "Second url", "Add notify", "Create flow Support Line"].map {
            log.range(of: $0)?.lowerBound
        }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(log.contains("Author:  Ada Admin <ada@example.com>"))
        #expect(log.contains("Changed: Update notify.retries"))
        let oneline = try session.flowctl("log", "-n", "1", "--oneline").stdout
        #expect(oneline == "\(try session.git("rev-parse", "--short", "HEAD")) More retries (Update notify.retries)\n")
        let entries = try json("log", "--json") as? [[String: Any]]
        #expect(entries?.count == 4)
        #expect(entries?.first?["commit"] as? String == (try session.git("rev-parse", "HEAD")))
        #expect(entries?.first?["summary"] as? String == "Update notify.retries")
    }

    /// A walk lets go of libgit2's caches and pack mappings every thousand saves, to keep its
    /// memory flat; across those points every save is still read, and read right. The saves
    /// are written by git fast-import, as a plain git user could.
    @Test func aLongHistoryIsReadWholeAcrossCacheReleases() throws {
        let branch = try session.git("symbolic-ref", "HEAD")
        let block = try session.read("blocks/notify.yaml")
        let count = 2_345
        var stream = ""
        for n in 1...count {
            let file = block.replacingOccurrences(of: "https://two.example.com/calls", with: "https://h.example/\(n)")
            let message = "Save \(n)"
            stream += "commit \(branch)\ncommitter Ada Admin <ada@example.com> \(1_800_000_000 + n) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)\n"
            stream += n == 1 ? "from \(branch)^0\n" : ""
            stream += "M 100644 inline blocks/notify.yaml\ndata \(file.utf8.count)\n\(file)\n"
        }
        let imported = try run(
            "/usr/bin/git", ["fast-import", "--quiet"], in: session.repo, environment: session.environment,
            input: stream)
        #expect(imported.status == 0, "\(imported.stderr)")

        let oneline = try session.flowctl("log", "--oneline").stdout.split(separator: "\n")
        // Full ids: git lengthens a short id that another of these ten thousand objects shares.
        let gitLog = try session.git("log", "--format=%H %s", branch).split(separator: "\n")
        #expect(oneline.count == count + 4)
        #expect(oneline.first == "\(gitLog[0].prefix(7)) Save \(count) (Update notify.url)")

        let entries = try #require(try json("log", "--json") as? [[String: Any]])
        #expect(entries.count == count + 4)
        #expect(entries.map { $0["commit"] as? String } == gitLog.map { String($0.prefix(40)) })
        for (index, entry) in entries.prefix(count).enumerated() {
            let n = count - index
            let changes = entry["changes"] as? [[String: Any]]
            #expect(entry["message"] as? String == "Save \(n)")
            #expect(changes?.count == 1)
            #expect(changes?.first?["field"] as? String == "url")
            #expect(changes?.first?["new"] as? String == "https://h.example/\(n)")
            #expect(
                changes?.first?["old"] as? String
                    == (n == 1 ? "https://two.example.com/calls" : "https://h.example/\(n - 1)"))
        }
    }

    /// `list` and `validate --all` let go of libgit2's caches every thousand flows; every flow
    /// is still read, and its checks see every other flow's name.
    @Test func everyFlowOfAThousandIsListedAndChecked() throws {
        let count = 1_050
        var stream = ""
        for n in 0..<count {
            let id = String(format: "flow-%04d", n)
            let target = n == count - 1 ? "nowhere" : String(format: "flow-%04d", n + 1)
            let files = [
                ("flow.yaml", "schema: 1\nname: Flow \(n)\nseat: alice\nstart: next\n"),
                ("blocks/next.yaml", "type: callflow\nflow: \(target)\n"),
            ]
            stream += "commit refs/heads/flows/\(id)\ncommitter Ada Admin <ada@example.com> 1800000000 +0000\n"
            stream += "data 6\nCreate\n"
            for (path, text) in files { stream += "M 100644 inline \(path)\ndata \(text.utf8.count)\n\(text)\n" }
        }
        let imported = try run(
            "/usr/bin/git", ["fast-import", "--quiet"], in: session.repo, environment: session.environment,
            input: stream)
        #expect(imported.status == 0, "\(imported.stderr)")

        let listed = try session.flowctl("list").stdout.split(separator: "\n")
        #expect(listed.count == count + 1)
        let columns = listed.map { $0.split(separator: " ").map(String.init) }
        for n in [0, 999, 1_000, 1_001, count - 1] {
            #expect(columns.contains { $0.starts(with: [String(format: "flow-%04d", n), "Flow", "\(n)"]) })
        }

        let validate = try session.flowctl("validate", "--all")
        #expect(validate.status == 1)
        let lines = validate.stdout.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("error:") }
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasPrefix("error: flow-1049: block next: flow: flow 'nowhere' does not exist; flows: ")
                == true)
        for n in 0..<count {
            #expect(
                lines.contains(
                    Substring(
                        String(format: "warning: flow-%04d: main: ", n)
                            + "no extension and no number: no call can reach this flow")))
        }
    }

    @Test func showRevShowsTheFlowAsItWas() throws {
        let old = try session.flowctl("show", "--rev", "~2", "--format", "yaml").stdout
        #expect(old.contains("url: https://one.example.com/calls"))
    }

    @Test func rollbackAddsACommitWithTheFirstSavesTree() throws {
        let first = try session.git("rev-parse", "HEAD~2")
        let result = try session.flowctl("rollback", String(first.prefix(9)))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try session.git("rev-list", "--count", "HEAD") == "5")
        #expect(
            try session.git("rev-parse", "flows/support-line^{tree}") == session.git("rev-parse", "\(first)^{tree}"))
        #expect(try session.git("log", "-1", "--format=%s") == "Roll back to \(first.prefix(7)): Add notify")
        #expect(try session.git.porcelainStatus() == "")
        #expect(try session.read("blocks/notify.yaml").contains("url: https://one.example.com/calls"))
        try session.git("fsck", "--strict")

        let before = try session.snapshot()
        let bad = try session.flowctl("rollback", "not-a-revision")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown revision 'not-a-revision'"))
        #expect(try session.snapshot() == before)
    }

    @Test func aDuplicateShowsItsOriginInLogAndDiffAgainst() throws {
        try session.flowctl("duplicate")
        let log = try session.flowctl("log", "--oneline").stdout.split(separator: "\n")
        #expect(log.count == 5)
        #expect(log.first?.contains("[copied from support-line]") == true)
        #expect(log.contains { $0.contains("Second url") })
        let against = try session.flowctl("diff", "--against", "support-line").stdout
        #expect(against.contains("main: name: Support Line -> Support Line copy"))
        #expect(against.contains("main: extension: removed (was 101)"))
        #expect(against.contains("main: numbers: removed (was [+15551234567])"))
    }
}
