import Foundation
import TestSupport
import Testing

/// Two people sharing flows through a bare repository, with flowctl's clone, push and pull: the
/// merge is by block and field, conflicts are settled with resolve or edits, and no save is ever
/// lost (every test ends with git fsck --strict and every branch that existed still there).
@Suite struct TeamTests {
    /// A server (`server.git`, seeded with flow support: a webhook notify then a tts hello) and
    /// two clones of it made by flowctl: `a` by path, `b` by file:// URL.
    struct Team {
        let session: Session
        var root: String { session.scratch.path }
        var a: String { root + "/a" }
        var b: String { root + "/b" }

        init() throws {
            session = try Session()
            try session.flowctl("init", "seed", in: session.scratch.path)
            let seed = session.scratch.path + "/seed"
            for step in [
                ["create", "Support", "--seat", "alice", "--extension", "101"],
                ["add-block", "webhook", "--id", "notify", "--set", "url=https://a.example.com/calls"],
                ["add-block", "tts", "--id", "hello", "--after", "notify", "--set", "text=Hello"],
                ["save", "-m", "Base"],
            ] {
                let result = try run(Session.binary, step, in: seed, environment: session.environment)
                #expect(result.status == 0, "\(step): \(result.stderr)")
            }
            try GitCLI(directory: session.scratch.path, environment: session.environment)(
                "clone", "-q", "--bare", "seed", "server.git")
            try flowctl(["clone", "server.git", "a"], in: root).expectSuccess()
            try flowctl(["clone", "file://\(root)/server.git", "b"], in: root).expectSuccess()
        }

        @discardableResult
        func flowctl(_ arguments: [String], in folder: String) throws -> ProcessResult {
            try run(Session.binary, arguments, in: folder, environment: session.environment)
        }

        func git(_ folder: String) -> GitCLI { GitCLI(directory: folder, environment: session.environment) }

        /// Every repository checks clean and keeps every branch it had.
        func expectNothingLost(branches: [String: [String]] = [:]) throws {
            for folder in [a, b, root + "/server.git"] {
                #expect(try git(folder).run(["fsck", "--strict"]).status == 0, "fsck \(folder)")
            }
            for (folder, commits) in branches {
                for commit in commits {
                    #expect(
                        try git(folder).run(["merge-base", "--is-ancestor", commit, "flows/support"]).status == 0,
                        "\(commit) still reachable in \(folder)")
                }
            }
        }
    }

    /// A relative URL means what it means to git, which works from the top of the working tree:
    /// `../server.git` from a subfolder is still the server beside the repository, never a
    /// repository of that name beside the subfolder.
    @Test func aRelativeRemoteMeansTheSameFromASubfolder() throws {
        let team = try Team()
        try team.git(team.a)("remote", "set-url", "origin", "../server.git")
        try team.git(team.root)("init", "-q", "--bare", team.a + "/server.git")  // ../server.git from a/docs
        let docs = team.a + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        try team.flowctl(["set", "hello", "text=Hi"], in: docs).expectSuccess()
        try team.flowctl(["save", "-m", "Hi"], in: docs).expectSuccess()
        try team.flowctl(["push"], in: docs).expectSuccess()
        let saved = try team.git(team.a)("rev-parse", "flows/support")
        #expect(try team.git(team.root + "/server.git")("rev-parse", "flows/support") == saved)
        #expect(try team.git(team.a + "/server.git")("for-each-ref") == "", "the decoy got the push")
        try team.flowctl(["fetch"], in: docs).expectSuccess()
        #expect(try team.git(team.a)("rev-parse", "origin/flows/support") == saved)
        try team.flowctl(["pull"], in: team.b).expectSuccess()
        #expect(try team.git(team.b)("rev-parse", "flows/support") == saved)
    }

    /// `srv:server.git` is ssh's host:path to git even with a folder of that name here: git
    /// push fails to reach host srv and leaves the folder alone; so must flowctl, every command.
    @Test func aHostColonPathIsSshEvenWithAFolderOfThatName() throws {
        let team = try Team()
        try team.git(team.a)("remote", "set-url", "origin", "srv:server.git")
        try team.git(team.a)("init", "-q", "--bare", "srv:server.git")
        try team.flowctl(["set", "hello", "text=Hi"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Hi"], in: team.a).expectSuccess()
        #expect(try team.git(team.a).run(["push", "origin", "flows/support"]).status != 0)
        for command in [["push"], ["fetch"], ["pull"]] {
            let result = try team.flowctl(command, in: team.a)
            #expect(result.status != 0, "\(command): \(result.stdout)")
        }
        #expect(try team.git(team.a + "/srv:server.git")("for-each-ref") == "", "the folder got the push")
    }

    /// git pushes to each of several pushurls and fetches from the first of several urls;
    /// flowctl reaches one repository per remote, so it refuses, changes nothing, and its
    /// advice, followed word for word, makes the push work.
    @Test func aRemoteWithSeveralURLsIsRefusedWithAWayOut() throws {
        let team = try Team()
        let mirrors = ["B.git", "C.git"].map { team.root + "/" + $0 }
        for mirror in mirrors {
            try team.git(team.root)("init", "-q", "--bare", mirror)
            try team.git(team.a)("config", "--add", "remote.origin.pushurl", mirror)
        }
        try team.flowctl(["set", "hello", "text=Hi"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Hi"], in: team.a).expectSuccess()
        let refused = try team.flowctl(["push"], in: team.a)
        #expect(refused.status == 1 && refused.stderr.contains("remote 'origin' has 2 pushurls"), "\(refused.stderr)")
        for mirror in mirrors { #expect(try team.git(mirror)("for-each-ref") == "") }
        try team.git(team.a)("config", "--unset-all", "remote.origin.pushurl")
        try team.git(team.a)("config", "remote.origin.pushurl", mirrors[0])
        try team.flowctl(["push"], in: team.a).expectSuccess()
        #expect(
            try team.git(mirrors[0])("rev-parse", "flows/support")
                == (try team.git(team.a)("rev-parse", "flows/support")))

        try team.git(team.b)("config", "--add", "remote.origin.url", mirrors[1])
        let fetch = try team.flowctl(["fetch"], in: team.b)
        #expect(fetch.status == 1 && fetch.stderr.contains("remote 'origin' has 2 urls"), "\(fetch.stderr)")
        #expect(try team.git(team.b).run(["rev-parse", "--verify", "-q", "origin/flows/support"]).status == 0)
    }

    /// git clone reads a relative URL, and one an insteadOf rule makes relative, from the folder
    /// it runs in, and a path through a link as the file system has it; flowctl clone, which
    /// works in a staging folder beside the target, must reach and record the same. Decoys sit
    /// where the URL would lead from the staging folder, or with `x/..` tidied away.
    @Test func cloneReadsARelativeURLAsGitCloneDoes() throws {
        let team = try Team()
        let root = team.root
        let git = team.git(root)
        // srv:server.git -> ../../server.git, from cl/a/b: cl/server.git; from the staging
        // folder cl/a/b/.f1...: cl/a/server.git, the decoy.
        let work = root + "/cl/a/b"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try git("clone", "-q", "--bare", "server.git", "cl/server.git")
        try git("init", "-q", "--bare", "cl/a/server.git")
        let global = team.session.home.path + "/.gitconfig"
        let rule = "[url \"../../\"]\n\tinsteadOf = srv:\n"
        try (((try? String(contentsOfFile: global, encoding: .utf8)) ?? "") + rule).write(
            toFile: global, atomically: true, encoding: .utf8)
        try team.flowctl(["clone", "srv:server.git", "f1"], in: work).expectSuccess()
        try team.git(work)("clone", "-q", "srv:server.git", "g1")
        let tracked = ["for-each-ref", "--format=%(refname) %(objectname)", "refs/remotes/origin/flows"]
        #expect(try team.git(work + "/f1").run(tracked).stdout != "")
        #expect(try team.git(work + "/f1").run(tracked).stdout == (try team.git(work + "/g1").run(tracked).stdout))

        // ./x/../server.git with x a link to d/e: d/server.git (with a flow of its own).
        try FileManager.default.createDirectory(atPath: root + "/d/e", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/x", withDestinationPath: "d/e")
        try git("clone", "-q", "--bare", "server.git", "d/server.git")
        try team.git(root + "/d/server.git")("branch", "flows/other", "flows/support")
        try team.flowctl(["clone", "./x/../server.git", "fc"], in: root).expectSuccess()
        try git("clone", "-q", "./x/../server.git", "gc")
        #expect(try team.git(root + "/fc").run(tracked).stdout == (try team.git(root + "/gc").run(tracked).stdout))
        #expect(try team.git(root + "/fc").run(tracked).stdout.contains("flows/other"))
        let url = ["config", "remote.origin.url"]
        #expect(try team.git(root + "/fc").run(url).stdout == (try team.git(root + "/gc").run(url).stdout))
    }

    /// git's habit: `push origin`, `push origin FLOW`, `pull origin`; the server's branch is the
    /// oracle. A name that is neither a flow nor a remote gets the closest flow, not a list.
    @Test func aRemotesNameMayComeFirstAsWithGit() throws {
        let team = try Team()
        try team.flowctl(["set-main", "--seat", "bob"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Bob"], in: team.a).expectSuccess()
        let pushed = try team.flowctl(["push", "origin"], in: team.a)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let server = team.git(team.root + "/server.git")
        #expect(try server("log", "-1", "--format=%s", "flows/support") == "Bob")
        try team.flowctl(["set-main", "--seat", "carol"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "Carol"], in: team.a).expectSuccess()
        #expect(try team.flowctl(["push", "origin", "support"], in: team.a).status == 0)
        #expect(try server("log", "-1", "--format=%s", "flows/support") == "Carol")
        let pulled = try team.flowctl(["pull", "origin"], in: team.b)
        #expect(pulled.status == 0 && pulled.stdout.contains("fast-forward"), "\(pulled.stdout)\(pulled.stderr)")
        #expect(try team.git(team.b)("log", "-1", "--format=%s", "flows/support") == "Carol")
        let typo = try team.flowctl(["push", "origin", "suport"], in: team.a)
        #expect(typo.status == 1 && typo.stderr.contains("no flow 'suport'; did you mean support?"), "\(typo.stderr)")
    }

    @Test func differentBlocksMergeAfterOnePullAndBothPush() throws {
        let team = try Team()
        try team.flowctl(["set", "notify", "url=https://crm.example.com/x"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "CRM"], in: team.a).expectSuccess()
        try team.flowctl(["set", "hello", "text=Welcome"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "Welcome"], in: team.b).expectSuccess()
        let savedA = try team.git(team.a)("rev-parse", "flows/support")
        let savedB = try team.git(team.b)("rev-parse", "flows/support")
        try team.flowctl(["push"], in: team.a).expectSuccess()
        let refused = try team.flowctl(["push"], in: team.b)
        #expect(refused.status == 1 && refused.stderr.contains("not a fast-forward"), "\(refused.stderr)")
        #expect(refused.stderr.contains("flowctl pull support"))
        let pulled = try team.flowctl(["pull"], in: team.b)
        #expect(pulled.status == 0 && pulled.stdout.contains("support: merged"), "\(pulled.stdout)\(pulled.stderr)")
        #expect(try team.flowctl(["validate"], in: team.b).status == 0)
        try team.flowctl(["push"], in: team.b).expectSuccess()
        let parents = try team.git(team.b)("rev-list", "--parents", "-1", "flows/support").split(separator: " ")
        #expect(parents.count == 3, "a merge commit has two parents")
        #expect(try team.git(team.b)("log", "--graph", "--oneline").contains("|\\"))
        let fastForward = try team.flowctl(["pull"], in: team.a)
        #expect(fastForward.stdout.contains("fast-forward"), "\(fastForward.stdout)")
        let shown = try team.flowctl(["show"], in: team.a).stdout
        #expect(shown.contains("url: https://crm.example.com/x") && shown.contains("text: Welcome"), "\(shown)")
        try team.expectNothingLost(branches: [team.a: [savedA, savedB], team.b: [savedA, savedB]])
    }

    @Test func theSameWebhooksURLAndRetriesMergeCleanly() throws {
        let team = try Team()
        try team.flowctl(["set", "notify", "url=https://crm.example.com/x"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "URL"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["set", "notify", "retries=4"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "Retries"], in: team.b).expectSuccess()
        try team.flowctl(["pull"], in: team.b).expectSuccess()
        let file = try String(contentsOfFile: team.b + "/blocks/notify.yaml", encoding: .utf8)
        #expect(file.contains("url: https://crm.example.com/x") && file.contains("retries: 4"), "\(file)")
        #expect(try team.git(team.b).porcelainStatus().isEmpty)
        try team.expectNothingLost()
    }

    /// Same field both ways: a conflict; resolve --theirs, save writes the merge commit.
    static func conflict(_ team: Team) throws {
        try team.flowctl(["set", "notify", "url=https://a2.example.com/x"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A's URL"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["set", "notify", "url=https://b2.example.com/y"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B's URL"], in: team.b).expectSuccess()
    }

    @Test func theSameFieldBothWaysIsAConflictResolvedByTheirsAndSavedAsAMerge() throws {
        let team = try Team()
        try Self.conflict(team)
        let ours = try team.git(team.b)("rev-parse", "flows/support")
        let pulled = try team.flowctl(["pull"], in: team.b)
        #expect(pulled.status == 1 && pulled.stderr.contains("notify.url"), "\(pulled.stderr)")
        #expect(try team.git(team.b)("rev-parse", "flows/support") == ours, "nothing committed")
        #expect(FileManager.default.fileExists(atPath: team.b + "/.git/MERGE_HEAD"), "git records the merge")
        let status = try team.flowctl(["status"], in: team.b).stdout
        #expect(
            status.contains(
                "notify.url: block notify: url: ours https://b2.example.com/y, theirs https://a2.example.com/x"),
            "\(status)")
        let diff = try team.flowctl(["diff"], in: team.b).stdout
        #expect(diff.contains("conflict notify.url: block notify: url: ours https://b2.example.com/y"), "\(diff)")
        let json = try team.flowctl(["status", "--json"], in: team.b).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let merge = try #require(object["merge"] as? [String: Any], "\(json)")
        let conflicts = try #require(merge["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 1 && conflicts[0]["name"] as? String == "notify.url")
        #expect(
            conflicts[0]["theirs"] as? String == "https://a2.example.com/x" && conflicts[0]["settled"] as? Bool == false
        )
        let early = try team.flowctl(["save"], in: team.b)
        #expect(early.status == 1 && early.stderr.contains("1 unresolved merge conflict"), "\(early.stderr)")
        let other = try team.flowctl(["create", "Other", "--seat", "x"], in: team.b)
        #expect(other.status == 1 && other.stderr.contains("a merge into flow support is in progress"))
        try team.flowctl(["resolve", "notify.url", "--theirs"], in: team.b).expectSuccess()
        try team.flowctl(["save"], in: team.b).expectSuccess()
        let parents = try team.git(team.b)("rev-list", "--parents", "-1", "flows/support").split(separator: " ")
        #expect(parents.count == 3)
        #expect(!FileManager.default.fileExists(atPath: team.b + "/.git/MERGE_HEAD"))
        #expect(try String(contentsOfFile: team.b + "/blocks/notify.yaml", encoding: .utf8).contains("a2.example.com"))
        try team.flowctl(["push"], in: team.b).expectSuccess()
        try team.expectNothingLost(branches: [team.b: [ours]])
    }

    @Test func anEditSettlesAConflictAndCancelAbortsTheMergeByteForByte() throws {
        let team = try Team()
        try Self.conflict(team)
        let files = { (folder: String) throws -> String in
            try ["flow.yaml", "blocks/notify.yaml", "blocks/hello.yaml"].map {
                try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
            }.joined()
        }
        // Everything of the flow: refs (but the remote-tracking one the fetch moves), HEAD, the
        // index, git's status and the files' bytes.
        let snapshot = { (folder: String) throws -> String in
            let git = team.git(folder)
            let refs = try git("for-each-ref").split(separator: "\n").filter {
                !$0.hasSuffix("refs/remotes/origin/flows/support")
            }
            return try [
                refs.joined(separator: "\n"), git("symbolic-ref", "HEAD"), git("ls-files", "-s"),
                git("status", "--porcelain", "--ignored"), files(folder),
            ].joined(separator: "\n")
        }
        let before = try snapshot(team.b)
        #expect(try team.flowctl(["pull"], in: team.b).status == 1)
        try team.flowctl(["cancel", "--yes"], in: team.b).expectSuccess()
        #expect(try snapshot(team.b) == before)
        #expect(!FileManager.default.fileExists(atPath: team.b + "/.git/MERGE_HEAD"))
        #expect(try team.flowctl(["status"], in: team.b).stdout.contains("Nothing to save"))
        // Again, settled by hand this time.
        #expect(try team.flowctl(["pull"], in: team.b).status == 1)
        try team.flowctl(["set", "notify", "url=https://both.example.com/z"], in: team.b).expectSuccess()
        #expect(try team.flowctl(["status"], in: team.b).stdout.contains("every conflict is settled"))
        try team.flowctl(["save", "-m", "Both"], in: team.b).expectSuccess()
        #expect(try team.git(team.b)("log", "-1", "--format=%p").split(separator: " ").count == 2)
        try team.expectNothingLost()
    }

    @Test func aBlockRemovedOnOneSideAndChangedOnTheOtherIsAConflict() throws {
        let team = try Team()
        try team.flowctl(["remove-block", "hello"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "No hello"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["set", "hello", "text=Bonjour"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "Bonjour"], in: team.b).expectSuccess()
        let pulled = try team.flowctl(["pull"], in: team.b)
        #expect(
            pulled.status == 1 && pulled.stderr.contains("hello: block hello: changed by ours, removed by theirs"),
            "\(pulled.stderr)")
        try team.flowctl(["resolve", "hello", "--theirs"], in: team.b).expectSuccess()
        try team.flowctl(["save"], in: team.b).expectSuccess()
        #expect(!FileManager.default.fileExists(atPath: team.b + "/blocks/hello.yaml"))
        #expect(try team.flowctl(["validate"], in: team.b).status == 0)
        try team.expectNothingLost()
    }

    /// Clean block by block, as git's merge is clean file by file: the merge is saved, and the
    /// exit it left leading nowhere is named, for an edit to fix (validate rejects it meanwhile).
    @Test func anExitLeftLeadingToARemovedBlockMergesWithAWarningAnEditFixes() throws {
        let team = try Team()
        try team.flowctl(["remove-block", "hello"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "No hello"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(
            ["add-block", "menu", "--id", "menu", "--set", "prompt=menu.mp3"], in: team.b
        ).expectSuccess()
        try team.flowctl(["connect", "menu:1", "hello"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "Menu to hello"], in: team.b).expectSuccess()
        let pulled = try team.flowctl(["pull"], in: team.b)
        #expect(
            pulled.status == 0 && pulled.stdout.contains("support: merged")
                && pulled.stderr.contains("block menu: exits.1: leads to block 'hello', which the merge removed"),
            "\(pulled.stdout)\(pulled.stderr)")
        #expect(try team.git(team.b)("log", "-1", "--format=%P").split(separator: " ").count == 2)
        #expect(try team.flowctl(["validate"], in: team.b).status != 0)
        let resolve = try team.flowctl(["resolve", "menu.exits.1", "--theirs"], in: team.b)
        #expect(
            resolve.status == 1 && resolve.stderr.contains("no merge is in progress")
                && !resolve.stdout.contains("settled"), "\(resolve.stdout)\(resolve.stderr)")
        try team.flowctl(["connect", "menu:1", "notify"], in: team.b).expectSuccess()
        try team.flowctl(["save"], in: team.b).expectSuccess()
        #expect(try team.flowctl(["validate"], in: team.b).status == 0)
        try team.expectNothingLost()
    }

    @Test func gitMergeWithTheMergeDriverGivesWhatPullGives() throws {
        let team = try Team()
        try team.flowctl(["set", "notify", "url=https://crm.example.com/x"], in: team.a).expectSuccess()
        try team.flowctl(["set", "hello", "voice=male"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try team.flowctl(["set", "notify", "retries=4"], in: team.b).expectSuccess()
        try team.flowctl(["set", "hello", "text=Welcome"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B"], in: team.b).expectSuccess()
        let c = team.root + "/c"
        try GitCLI(directory: team.root, environment: team.session.environment)("clone", "-q", "b", "c")
        try team.flowctl(["init"], in: c).expectSuccess()
        let git = team.git(c)
        try git("remote", "add", "server", team.root + "/server.git")
        try git("fetch", "-q", "server")
        try team.flowctl(["pull"], in: team.b).expectSuccess()
        let merged = try git.run(["merge", "-q", "--no-edit", "server/flows/support"])
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        #expect(try git("rev-parse", "HEAD^{tree}") == (try team.git(team.b)("rev-parse", "flows/support^{tree}")))
        // A field changed both ways is a conflict for both.
        try team.flowctl(["set", "notify", "url=https://a3.example.com/x"], in: team.a).expectSuccess()
        try team.flowctl(["save", "-m", "A3"], in: team.a).expectSuccess()
        try team.flowctl(["pull"], in: team.a).expectSuccess()
        try team.flowctl(["push"], in: team.a).expectSuccess()
        try git("commit", "-q", "--allow-empty", "-m", "sync")
        try team.flowctl(["set", "notify", "url=https://c3.example.com/y"], in: c).expectSuccess()
        try team.flowctl(["save", "-m", "C3"], in: c).expectSuccess()
        try git("fetch", "-q", "server")
        let conflicted = try git.run(["merge", "-q", "--no-edit", "server/flows/support"])
        #expect(
            conflicted.status != 0 && (conflicted.stdout + conflicted.stderr).contains("url changed both ways"),
            "\(conflicted.stdout)\(conflicted.stderr)")
        try git("merge", "--abort")
        try team.flowctl(["set", "notify", "url=https://b3.example.com/y"], in: team.b).expectSuccess()
        try team.flowctl(["save", "-m", "B3"], in: team.b).expectSuccess()
        #expect(try team.flowctl(["pull"], in: team.b).status == 1, "pull stops on the same conflict")
        try team.flowctl(["cancel", "--yes"], in: team.b).expectSuccess()
        try team.expectNothingLost()
    }

    @Test func forceWithLeaseOverwritesOnlyWhatTheLastFetchSaw() throws {
        let team = try Team()
        try Self.conflict(team)
        let lease = try team.flowctl(["push", "--force-with-lease"], in: team.b)
        #expect(lease.status == 1 && lease.stderr.contains("moved since the last fetch"), "\(lease.stderr)")
        let overwritten = try team.git(team.root + "/server.git")("rev-parse", "flows/support")
        try team.flowctl(["fetch"], in: team.b).expectSuccess()
        try team.flowctl(["push", "--force-with-lease"], in: team.b).expectSuccess()
        #expect(
            try team.git(team.root + "/server.git")("rev-parse", "flows/support")
                == (try team.git(team.b)("rev-parse", "flows/support")))
        // A's save is no longer on the server's branch, but A still has it.
        try team.expectNothingLost(branches: [team.a: [overwritten]])
    }

    @Test func progressShowsOnATerminalAndNotWhenPiped() throws {
        let team = try Team()
        let onTerminal = try run(
            "/usr/bin/script", ["-qec", "\(Session.binary) clone file://\(team.root)/server.git c", "/dev/null"],
            in: team.root, environment: team.session.environment)
        #expect(onTerminal.stdout.contains("Receiving objects: 100% (9/9)"), "\(onTerminal.stdout)")
        // git's upload-pack says its own steps as `remote:` lines, as with git clone; flowctl's own
        // receiving line ends once.
        let received = onTerminal.stdout.components(separatedBy: "\n").filter {
            $0.contains("Receiving objects") && $0.contains("done.")
        }
        #expect(received.count == 1, "one done: \(onTerminal.stdout)")
        let piped = try team.flowctl(["clone", "file://\(team.root)/server.git", "d"], in: team.root)
        #expect(piped.status == 0 && !piped.stderr.contains("Receiving") && !piped.stderr.contains("remote:"))
    }

    @Test func remotesAreListedAddedAndRemoved() throws {
        let team = try Team()
        let listed = try team.flowctl(["remote", "-v"], in: team.a).stdout.trimmingCharacters(in: .newlines)
        #expect(
            listed == "origin\t\(URL(fileURLWithPath: team.root).resolvingSymlinksInPath().path)/server.git",
            "\(listed)")
        try team.flowctl(["remote", "add", "backup", "file://\(team.root)/server.git"], in: team.a).expectSuccess()
        let names = try team.flowctl(["remote"], in: team.a).stdout.trimmingCharacters(in: .newlines)
        #expect(names == "backup\norigin", "\(names)")
        #expect(try team.flowctl(["remote", "add", "backup", "x"], in: team.a).status == 1)
        try team.flowctl(["fetch", "backup"], in: team.a).expectSuccess()
        #expect(try team.git(team.a)("rev-parse", "refs/remotes/backup/flows/support").count == 40)
        try team.flowctl(["remote", "remove", "backup"], in: team.a).expectSuccess()
        #expect(try team.git(team.a)("remote") == "origin")
        let unknown = try team.flowctl(["fetch", "nowhere"], in: team.a)
        #expect(unknown.status == 1 && unknown.stderr.contains("no remote 'nowhere'; remotes: origin"))
        let clone = try team.flowctl(["clone", team.root + "/missing.git", "x"], in: team.root)
        #expect(clone.status == 1 && !FileManager.default.fileExists(atPath: team.root + "/x"), "\(clone.stderr)")
    }
}

extension ProcessResult {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status == 0, "\(stdout)\(stderr)", sourceLocation: sourceLocation)
    }
}
