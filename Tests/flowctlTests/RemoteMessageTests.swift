import Foundation
import TestSupport
import Testing

/// What a failed transfer says: what happened and what to do, in the user's terms, never
/// libgit2's or git's own words. git's answer to the same case is the oracle where it has one.
@Suite struct RemoteMessageTests {
    @Test func aMissingPathIsARepositoryThatDoesNotExistAsGitSaysIt() throws {
        let team = try TeamTests.Team()
        let missing = team.root + "/missing.git"
        let byGit = try team.git(team.root).run(["clone", missing, "g"])
        #expect(byGit.stderr.contains("repository '\(missing)' does not exist"), "\(byGit.stderr)")
        try team.flowctl(["remote", "add", "gone", missing], in: team.a).expectSuccess()
        for (arguments, folder) in [
            (["clone", missing, "x"], team.root), (["clone", "file://" + missing, "y"], team.root),
            (["fetch", "gone"], team.a), (["push", "gone"], team.a),
        ] {
            let result = try team.flowctl(arguments, in: folder)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("does not exist"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("unsupported URL protocol"), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: team.root + "/x"))
        #expect(!FileManager.default.fileExists(atPath: team.root + "/y"))
        try team.expectNothingLost()
    }

    /// No helper and no way to ask: one sentence saying credentials are needed and how to give
    /// them; the URL's own scheme; not git's "fatal: could not read Username".
    @Test func anHTTPServerWithNoCredentialsSaysHowToGiveThem() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let server = try GitServer.http(root: root, user: "flows", password: "s3cret-pw")
        var environment = session.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        let byGit = try run(
            "/usr/bin/git", ["clone", server.url("server.git"), "g"], in: session.scratch.path,
            environment: environment)
        #expect(byGit.stderr.contains("could not read Username"), "git's own words: \(byGit.stderr)")
        let cloned = try run(
            Session.binary, ["clone", server.url("server.git"), "one"], in: session.scratch.path,
            environment: environment)
        #expect(cloned.status == 1)
        #expect(cloned.stderr.contains("http: 127.0.0.1 needs credentials"), "\(cloned.stderr)")
        #expect(cloned.stderr.contains("credential.helper") && cloned.stderr.contains("GIT_ASKPASS"))
        #expect(!cloned.stderr.contains("fatal:") && !cloned.stderr.contains("https:"), "\(cloned.stderr)")
        #expect(cloned.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "\(cloned.stderr)")
    }

    /// During a merge the flow's branch is where the merge started: the advice is to finish
    /// the merge, not to pull again.
    @Test func pushDuringAMergeSaysToFinishIt() throws {
        let team = try TeamTests.Team()
        try TeamTests.conflict(team)
        let pulled = try team.flowctl(["pull"], in: team.b)
        #expect(pulled.status == 1, "a conflict: \(pulled.stdout)\(pulled.stderr)")
        let server = team.git(team.root + "/server.git")
        let before = try server("for-each-ref")
        let pushed = try team.flowctl(["push"], in: team.b)
        #expect(pushed.status == 1)
        #expect(pushed.stderr.contains("a merge into flow support is in progress"), "\(pushed.stderr)")
        #expect(!pushed.stderr.contains("flowctl pull"), "\(pushed.stderr)")
        #expect(try server("for-each-ref") == before)
        try team.expectNothingLost()
    }
}
