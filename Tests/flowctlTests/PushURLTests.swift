import Foundation
import TestSupport
import Testing

/// Where a push goes, with `git push` as the oracle: url, pushurl, insteadOf and pushInsteadOf
/// as git applies them (the longest matching prefix; pushInsteadOf for the url's push form
/// only, never for an explicit pushurl). Each case pushes the same save with git and with
/// flowctl from one repository, each into fresh copies of the same empty targets.
@Suite struct PushURLTests {
    static let cases: [[(String, String)]] = [
        [("remote.origin.url", "alias:srv"), ("url.ROOT/T1.git.insteadOf", "alias:srv")],
        [
            ("remote.origin.url", "alias:srv"), ("url.ROOT/T1.git.insteadOf", "alias:s"),
            ("url.ROOT/T2.git.insteadOf", "alias:srv"),
        ],
        [
            ("remote.origin.url", "alias:srv"), ("url.ROOT/T1.git.pushInsteadOf", "alias:srv"),
            ("url.ROOT/T2.git.insteadOf", "alias:srv"),
        ],
        [
            ("remote.origin.url", "ROOT/T3.git"), ("remote.origin.pushurl", "alias:p"),
            ("url.ROOT/T1.git.insteadOf", "alias:p"), ("url.ROOT/T2.git.pushInsteadOf", "alias:p"),
        ],
        [("remote.origin.url", "alias:srv"), ("url.../T2.git.insteadOf", "alias:srv")],
        [("remote.origin.url", "ROOT/T3.git"), ("url.ROOT/T1.pushInsteadOf", "ROOT/T3")],
    ]

    @Test(arguments: 0..<cases.count) func aPushGoesWhereGitPushGoes(index: Int) throws {
        let team = try TeamTests.Team()
        let root = team.root
        let targets = ["T1.git", "T2.git", "T3.git"].map { root + "/" + $0 }
        for (key, value) in Self.cases[index] {
            try team.git(team.a)(
                "config", key.replacingOccurrences(of: "ROOT", with: root),
                value.replacingOccurrences(of: "ROOT", with: root))
        }
        try team.flowctl(["set", "hello", "text=Case \(index)"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Case"], in: team.a).expectSuccess()
        let saved = try team.git(team.a)("rev-parse", "flows/support")

        func landed(_ push: () throws -> Void) throws -> [String] {
            for target in targets {
                try? FileManager.default.removeItem(atPath: target)
                try team.git(root)("init", "-q", "--bare", target)
            }
            try push()
            return try targets.filter { target in
                try team.git(target).run(["rev-parse", "--verify", "-q", "flows/support"]).stdout.hasPrefix(saved)
            }
        }
        let byGit = try landed { try team.git(team.a)("push", "-q", "origin", "flows/support") }
        let byFlowctl = try landed { try team.flowctl(["push"], in: team.a).expectSuccess() }
        #expect(byGit.count == 1, "case \(index): git pushed to \(byGit)")
        #expect(byFlowctl == byGit, "case \(index)")
    }
}
