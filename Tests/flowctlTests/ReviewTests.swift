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
