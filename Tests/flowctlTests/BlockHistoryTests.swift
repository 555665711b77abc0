import Foundation
import TestSupport
import Testing

/// The history of one block and one field, and who set each field: "who changed the webhook's
/// URL, and when".
@Suite struct BlockHistoryTests {
    func session() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Helpdesk", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://a.example/x")
        try session.flowctl("save", "-m", "notify a")
        session.environment["GIT_AUTHOR_NAME"] = "Bea Builder"
        session.environment["GIT_AUTHOR_EMAIL"] = "bea@example.com"
        try session.flowctl("set-webhook", "notify", "--url", "https://b.example/x")
        try session.flowctl("save", "-m", "notify b")
        try session.flowctl("set-webhook", "notify", "--retries", "3")
        try session.flowctl("set-main", "--seat", "carol")
        try session.flowctl("save", "-m", "retries and seat")
        try session.flowctl("rename-block", "notify", "crm")
        try session.flowctl("save", "-m", "call it crm")
        return session
    }

    @Test func logOfABlockAndAFieldFollowsRenames() throws {
        let session = try session()
        let block = try session.flowctl("log", "--block", "crm", "--oneline").stdout
        for subject in ["call it crm", "retries and seat", "notify b", "notify a"] {
            #expect(block.contains(subject), "\(subject) missing from \(block)")
        }
        #expect(!block.contains("Create flow"))
        let url = try session.flowctl("log", "--block", "crm", "--field", "url", "--oneline").stdout
        #expect(url.contains("notify b") && url.contains("notify a"))
        #expect(!url.contains("retries and seat") && !url.contains("call it crm"))
        let seat = try session.flowctl("log", "--block", "main", "--field", "seat", "--oneline").stdout
        #expect(seat.contains("retries and seat") && !seat.contains("notify b"))
    }

    @Test func logFiltersByAuthorMessageAndTime() throws {
        let session = try session()
        let bea = try session.flowctl("log", "--author", "BEA@example", "--oneline").stdout
        #expect(bea.split(separator: "\n").count == 3, "\(bea)")
        #expect(try session.flowctl("log", "--grep", "retries", "--oneline").stdout.contains("retries and seat"))
        #expect(try session.flowctl("log", "--until", "2000-01-01", "--oneline").stdout.isEmpty)
        #expect(
            try session.flowctl("log", "--since", "1 hour ago", "--oneline").stdout.split(separator: "\n").count == 5)
        #expect(try session.flowctl("log", "--since", "yesterdayish").status == 64)
        #expect(try session.flowctl("log", "--field", "url").status == 64)
    }

    @Test func blameNamesTheSaveThatLastSetEachField() throws {
        let session = try session()
        let blame = try session.flowctl("blame").stdout
        let lines = blame.split(separator: "\n").map(String.init)
        func line(_ location: String) -> String { lines.first { $0.hasPrefix(location + " ") } ?? "" }
        #expect(line("main.name").contains("Create flow Helpdesk"))
        #expect(line("main.seat").contains("Bea Builder") && line("main.seat").contains("retries and seat"))
        #expect(line("crm.url").contains("https://b.example/x") && line("crm.url").contains("notify b"))
        #expect(line("crm.retries").contains("retries and seat"))
        #expect(line("crm.method").contains("notify a"), "\(blame)")
        let json = try session.flowctl("blame", "--json").stdout
        let entries = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        let url = entries.first { $0["block"] as? String == "crm" && $0["field"] as? String == "url" }
        #expect(url?["subject"] as? String == "notify b")
        #expect((url?["author"] as? [String: String])?["name"] == "Bea Builder")
    }
}
