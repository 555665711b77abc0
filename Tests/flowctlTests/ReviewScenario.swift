import Foundation
import TestSupport

extension Session {
    static let mailbox = "5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"
    static let closedMailbox = "0d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f"

    /// Three flows pushed to a bare `origin`, then changed as a pull request of several flows
    /// would change them: Support Line's menu sends 1 to the sales ring group instead of
    /// voicemail, Office Hours stays open until 18:00 instead of 17:00, and Billing's voicemail
    /// block is renamed (which changes no call). Every save has a fixed date, so commit ids and
    /// the review are the same on every run. Billing is left open.
    static func withThreeFlowChange() throws -> Session {
        let session = try Session()
        session.environment["GIT_AUTHOR_DATE"] = "2026-12-01T10:00:00+01:00"
        session.environment["GIT_COMMITTER_DATE"] = "2026-12-01T10:00:00+01:00"
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.expect("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.expect("add-block", "menu", "--id", "menu", "--set", "prompt=choose.mp3")
        try session.expect("add-block", "ring-group", "--id", "sales", "--set", "members=alice,bob")
        try session.expect("add-block", "voicemail", "--id", "vm", "--set", "mailbox=\(mailbox)")
        try session.expect("connect", "menu:1", "vm")
        try session.expect("connect", "menu:2", "sales")
        try session.expect("connect", "sales", "vm")
        try session.expect("save", "-m", "Support menu")
        try session.expect("create", "Office Hours", "--extension", "102", "--seat", "bob")
        try session.expect(
            "add-block", "time-of-day", "--id", "hours", "--set", "rules.open=mon-fri 09:00-17:00", "--set",
            "timezone=America/New_York")
        try session.expect("add-block", "voicemail", "--id", "desk", "--set", "mailbox=\(mailbox)")
        try session.expect("add-block", "voicemail", "--id", "closed", "--set", "mailbox=\(closedMailbox)")
        try session.expect("connect", "hours:open", "desk")
        try session.expect("connect", "hours:default", "closed")
        try session.expect("save", "-m", "Office hours")
        try session.expect("create", "Billing", "--extension", "103", "--seat", "carol")
        try session.expect("add-block", "play", "--id", "greet", "--set", "media=billing.mp3")
        try session.expect("add-block", "voicemail", "--id", "vm", "--after", "greet", "--set", "mailbox=\(mailbox)")
        try session.expect("save", "-m", "Billing line")
        let origin = session.scratch.path + "/origin.git"
        try run(
            "/usr/bin/git", ["init", "-q", "--bare", origin], in: session.scratch.path, environment: session.environment
        )
        try session.git("remote", "add", "origin", origin)
        try session.git("push", "-q", "origin", "refs/heads/flows/*:refs/heads/flows/*")
        session.environment["GIT_AUTHOR_DATE"] = "2026-12-02T09:30:00+01:00"
        session.environment["GIT_COMMITTER_DATE"] = "2026-12-02T09:30:00+01:00"
        try session.expect("open", "support-line")
        try session.expect("connect", "menu:1", "sales")
        try session.expect("save", "-m", "Send 1 to sales")
        try session.expect("open", "office-hours")
        try session.expect("set", "hours", "rules.open=mon-fri 09:00-18:00")
        try session.expect("save", "-m", "Open until six")
        try session.expect("open", "billing")
        try session.expect("rename-block", "vm", "messages")
        try session.expect("save", "-m", "Name the mailbox block")
        return session
    }

    /// Runs flowctl and fails unless it succeeds.
    @discardableResult
    func expect(_ arguments: String...) throws -> ProcessResult {
        let result = try run(Self.binary, arguments, in: repo, environment: environment)
        guard result.status == 0 else {
            throw ScenarioError(description: "flowctl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result
    }

    /// The short id git gives `revision`.
    func short(_ revision: String) throws -> String {
        try git("rev-parse", "--short=7", revision).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var description: String
}
