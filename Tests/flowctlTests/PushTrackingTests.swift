import Foundation
import TestSupport
import Testing

/// What a push records in the remote-tracking refs, with `git push` as the oracle: the same
/// push from two copies of one repository, one by flowctl and one by git, each into its own
/// empty server, leaves the same refs, the same reflog entries and a packed-refs file git reads.
@Suite struct PushTrackingTests {
    @Test(arguments: [nil, "false", "always"])
    func manyNewFlowsAreTrackedAsGitPushTracksThem(logAllRefUpdates: String?) throws {
        let team = try TeamTests.Team()
        let ours = team.a
        let theirs = team.root + "/g"
        for n in 0..<40 { try team.git(ours)("branch", "flows/copy-\(n)", "flows/support") }
        // A packed annotated tag: its peeled line must survive the rewrite of packed-refs.
        try team.git(ours)("tag", "-a", "kept", "-m", "kept", "flows/support")
        try team.git(ours)("pack-refs", "--all")
        if let logAllRefUpdates { try team.git(ours)("config", "core.logAllRefUpdates", logAllRefUpdates) }
        try FileManager.default.copyItem(atPath: ours, toPath: theirs)
        for (repository, server) in [(ours, "s1.git"), (theirs, "s2.git")] {
            try team.git(team.root)("init", "-q", "--bare", server)
            try team.git(repository)("remote", "set-url", "origin", team.root + "/" + server)
        }

        try team.flowctl(["push", "--all"], in: ours).expectSuccess()
        try team.git(theirs)("push", "-q", "origin", "refs/heads/flows/*:refs/heads/flows/*")

        let refs = ["for-each-ref", "--format=%(refname) %(objectname) %(*objectname)"]
        #expect(try team.git(ours).run(refs).stdout == (try team.git(theirs).run(refs).stdout))
        #expect(try team.git(ours)("show-ref", "-d", "kept") == (try team.git(theirs)("show-ref", "-d", "kept")))
        // The many new tracking refs went into packed-refs in one write, not a loose file each.
        #expect(!FileManager.default.fileExists(atPath: ours + "/.git/refs/remotes/origin/flows/copy-7"))
        for ref in ["refs/remotes/origin/flows/copy-7", "refs/remotes/origin/flows/support"] {
            let exists = ["reflog", "exists", ref]
            #expect(try team.git(ours).run(exists).status == (try team.git(theirs).run(exists).status), "\(ref)")
            let entries = ["reflog", "show", "--format=%H %gs %gn <%ge>", ref]
            let (mine, git) = (try team.git(ours).run(entries).stdout, try team.git(theirs).run(entries).stdout)
            #expect(mine == git, "\(ref): \(mine) against git's \(git)")
        }
        #expect(
            try team.git(ours).run(["reflog", "exists", "refs/remotes/origin/flows/copy-7"]).status
                == (logAllRefUpdates == "false" ? 1 : 0))
        #expect(try team.git(ours).run(["fsck", "--strict"]).status == 0)
        try team.git(ours)("pack-refs", "--all")
        #expect(try team.git(ours).run(refs).stdout == (try team.git(theirs).run(refs).stdout))
    }
}
