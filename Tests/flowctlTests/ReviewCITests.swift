import Foundation
import TestSupport
import Testing

/// scripts/ci-review as a pull request check runs it: in a fresh clone of the server, detached at
/// the request's source commit, with the target branch named as GitHub Actions names it.
@Suite struct ReviewCITests {
    let session: Session
    let server: String
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init() throws {
        session = try .withThreeFlowChange()
        server = session.scratch.path + "/origin.git"
        // The request: Support Line's change pushed to a branch of its own, targeting flows/support-line.
        try session.git("push", "-q", "origin", "flows/support-line:refs/heads/change/sales")
    }

    /// Clones the server and runs the script as CI would; returns its result and the comment.
    func check(head: String) throws -> (result: ProcessResult, comment: String) {
        let clone = session.scratch.path + "/ci-\(UUID().uuidString.prefix(8))"
        try run(
            "/usr/bin/git", ["clone", "-q", server, clone], in: session.scratch.path, environment: session.environment)
        let git = GitCLI(directory: clone, environment: session.environment)
        try git("checkout", "-q", "--detach", head)
        var environment = session.environment
        environment["GITHUB_BASE_REF"] = "flows/support-line"
        environment["FLOWCTL"] = Session.binary
        let result = try run(
            root + "/scripts/ci-review", ["origin/flows/support-line", head], in: clone, environment: environment)
        let comment = (try? String(contentsOfFile: clone + "/review.md", encoding: .utf8)) ?? ""
        return (result, comment)
    }

    @Test func aRequestGetsItsReviewAsAComment() throws {
        let head = try session.git("rev-parse", "flows/support-line")
        let (result, comment) = try check(head: head)
        #expect(result.status == 0, "\(result.stderr)")
        let base = try session.short("origin/flows/support-line")
        #expect(comment.hasPrefix("# Review: support-line: \(base) to \(head.prefix(7))\n"))
        #expect(comment.contains("| caller presses 1 | menu plays choose.mp3 → voicemail"))
        #expect(comment.contains("| `\(head.prefix(7))` | Ada Admin | 2026-12-02T09:30:00+01:00 | Send 1 to sales |"))
        #expect(!comment.contains("validate --all"))
    }

    @Test func aRequestThatFailsValidateFailsTheCheckWithTheFindingsInTheComment() throws {
        // Extension 102 is Office Hours': claiming it too fails validate --all.
        try session.expect("open", "support-line")
        try session.expect("set-main", "--extension", "102")
        try session.expect("save", "-m", "Take 102")
        try session.git("push", "-q", "origin", "flows/support-line:refs/heads/change/sales", "--force")
        let (result, comment) = try check(head: try session.git("rev-parse", "flows/support-line"))
        #expect(result.status == 1)
        #expect(comment.contains("main: extension: set to 102") || comment.contains("extension: 101 → 102"))
        #expect(comment.contains("\n## validate --all\n\n```text\n"))
        #expect(comment.contains("extension 102 is also claimed by office-hours"), "\(comment)")
    }
}
