import Foundation
import TestSupport
import Testing

/// What flowctl promises beyond git's own guarantees: one writer at a time, all-or-nothing
/// switches, named stale locks, bounded input, no symbolic links followed, output that never
/// crashes, and a way past a broken save. Each case failed on 0.1.0.
@Suite struct GuaranteeTests {
    /// The snapshot plus every flow file's bytes: what "nothing changed" means to a user.
    func state(_ session: Session) throws -> String {
        let files = try FileManager.default.subpathsOfDirectory(atPath: session.repo)
            .filter { !$0.hasPrefix(".git") }.sorted()
        return try session.snapshot() + "\n"
            + files.map { path in "\(path): \((try? session.read(path)) ?? "<folder>")" }.joined(separator: "\n")
    }

    /// Runs `shell` in the repository with `sh -c`, for redirections.
    func shell(_ session: Session, _ command: String) throws -> ProcessResult {
        try run("/bin/sh", ["-c", command], in: session.repo, environment: session.environment)
    }

    // MARK: 1. One writer at a time

    @Test func concurrentEditsOfDifferentBlocksAllLand() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        let command = """
            for i in $(seq 1 25); do "$FLOWCTL" set p media=p$i.mp3 -q || echo lost-p$i; done &
            for i in $(seq 1 25); do "$FLOWCTL" set q media=q$i.mp3 -q || echo lost-q$i; done
            wait
            """
        var environment = session.environment
        environment["FLOWCTL"] = Session.binary
        let result = try run("/bin/bash", ["-c", command], in: session.repo, environment: environment)
        #expect(result.stdout == "", "\(result.stdout)\(result.stderr)")
        #expect(try session.read("blocks/p.yaml").contains("media: p25.mp3"))
        #expect(try session.read("blocks/q.yaml").contains("media: q25.mp3"))
    }

    @Test func concurrentEditAndSaveCyclesLoseNoEdit() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        let command = """
            for w in 1 2 3 4; do
              ( for j in 1 2 3 4 5; do
                  "$FLOWCTL" add-block play --id w$w-$j -q && echo added w$w-$j
                  "$FLOWCTL" save -q -m "w$w-$j" 2>/dev/null
                done ) &
            done
            wait
            """
        var environment = session.environment
        environment["FLOWCTL"] = Session.binary
        environment["FLOWCTL_LOCK_TIMEOUT"] = "60"
        let result = try run("/bin/bash", ["-c", command], in: session.repo, environment: environment)
        let added = result.stdout.split(separator: "\n").map { String($0.dropFirst("added ".count)) }
        #expect(added.count == 20, "\(result.stderr)")
        try session.flowctl("save", "-q", "-m", "the rest")
        let saved = try session.git("ls-tree", "--name-only", "flows/a", "blocks/")
        for id in added { #expect(saved.contains("blocks/\(id).yaml"), "\(id) was lost") }
        try session.git("fsck", "--strict")
    }

    @Test func aSecondWriterWaitsThenNamesTheHolder() throws {
        let session = try Session.twoFlows()
        let before = try state(session)
        // A live holder: a process of its own keeps an flock on the lock file, as flowctl does.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [session.repo + "/.git/flowctl.lock", "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        try "pid \(holder.processIdentifier), started now: flowctl save\n"
            .write(toFile: session.repo + "/.git/flowctl.lock", atomically: false, encoding: .utf8)
        #expect(try Self.waitUntilLocked(session.repo + "/.git/flowctl.lock"), "flock never took the lock")
        session.environment["FLOWCTL_LOCK_TIMEOUT"] = "0.3"
        let result = try session.flowctl("set-main", "--seat", "bob")
        #expect(result.status == 1)
        #expect(result.stderr.contains("another flowctl is changing this repository (pid \(holder.processIdentifier)"))
        #expect(try state(session) == before)
        // Readers take no lock.
        #expect(try session.flowctl("status").status == 0)
    }

    /// Waits, up to ten seconds, until another process holds an flock on `path`: true once it
    /// does. (A try that gets the lock lets it go at once.)
    static func waitUntilLocked(_ path: String) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let free = flock(fd, LOCK_EX | LOCK_NB) == 0
            close(fd)  // closing lets go of a lock this try took
            if !free { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func aLockLeftByAKilledWriterBlocksNobody() throws {
        let session = try Session.twoFlows()
        try "pid 999999, started long ago: flowctl save\n"
            .write(toFile: session.repo + "/.git/flowctl.lock", atomically: false, encoding: .utf8)
        #expect(try session.flowctl("set-main", "--seat", "bob").status == 0)
    }

    @Test func aSaveFromAWorktreeBehindItsBranchIsRefused() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        let other = session.scratch.path + "/other"
        try session.git("worktree", "add", "--detach", other, "flows/b")
        try run(Session.binary, ["open", "a"], in: other, environment: session.environment)
        // Saved in the first worktree: p changes.
        try session.flowctl("set", "p", "media=new.mp3")
        try session.flowctl("save", "-m", "new p")
        // The second worktree still has the old p; an edit of q there must not save the old p.
        try run(Session.binary, ["set", "q", "media=mine.mp3"], in: other, environment: session.environment)
        let tip = try session.git("rev-parse", "flows/a")
        let refused = try run(Session.binary, ["save", "-m", "mine"], in: other, environment: session.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("would undo that save's changes to blocks/p.yaml"), "\(refused.stderr)")
        #expect(try session.git("rev-parse", "flows/a") == tip)
        try run(Session.binary, ["cancel", "--yes"], in: other, environment: session.environment)
        #expect(try String(contentsOfFile: other + "/blocks/p.yaml", encoding: .utf8).contains("new.mp3"))
    }

    // MARK: 2. All or nothing

    @Test func everySwitchRefusedByALockedIndexChangesNothing() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        try session.flowctl("save", "-q", "-m", "x")
        _ = FileManager.default.createFile(atPath: session.repo + "/.git/index.lock", contents: nil)
        let before = try state(session)
        for arguments in [["open", "b"], ["create", "C"], ["duplicate"], ["rollback", "@~1"]] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(".git/index.lock exists"), "\(arguments): \(result.stderr)")
            #expect(try state(session) == before, "\(arguments)")
        }
        try session.flowctl("set", "p", "media=edited.mp3")
        let edited = try state(session)
        let cancel = try session.flowctl("cancel", "--yes")
        #expect(cancel.status == 1)
        #expect(try state(session) == edited)
        try FileManager.default.removeItem(atPath: session.repo + "/.git/index.lock")
        #expect(try session.flowctl("open", "b").status == 1)  // the edit is still there, unsaved
        #expect(try session.read("blocks/p.yaml").contains("edited.mp3"))
    }

    @Test func aStaleBranchLockStopsASaveBeforeItCommits() throws {
        let session = try Session.twoFlows()
        try session.flowctl("set-main", "--seat", "bob")
        let lock = session.repo + "/.git/refs/heads/flows/b.lock"
        _ = FileManager.default.createFile(atPath: lock, contents: nil)
        let tip = try session.git("rev-parse", "flows/b")
        let result = try session.flowctl("save", "-m", "x")
        #expect(result.status == 1)
        #expect(result.stderr.contains("refs/heads/flows/b.lock exists"), "\(result.stderr)")
        #expect(result.stderr.contains("rm "))
        #expect(try session.git("rev-parse", "flows/b") == tip)
        try FileManager.default.removeItem(atPath: lock)
        #expect(try session.flowctl("save", "-m", "x").status == 0)
        #expect(try session.git("rev-parse", "flows/b") != tip)
    }

    @Test func aKilledSwitchIsFinishedByTheNextCommand() throws {
        let session = try Session.twoFlows()
        // What a switch killed after its journal leaves: the journal, and nothing else changed.
        try session.flowctl("open", "a")
        let tipB = try session.git("rev-parse", "flows/b")
        let tipA = try session.git("rev-parse", "flows/a")
        let treeFiles = try session.git("ls-tree", "-r", "flows/a").split(separator: "\n").map { line in
            let parts = line.split(separator: "\t")
            return (path: String(parts[1]), id: String(parts[0].split(separator: " ")[2]))
        }
        let files = treeFiles.map { file in
            "{\"path\":\"\(file.path)\",\"before\":\"\(file.id)\",\"indexBefore\":\"\(file.id)\""
                + (file.path == "flow.yaml"
                    ? ",\"after\":\"\(try! session.git("rev-parse", "flows/b:flow.yaml"))\"" : "")
                + (file.path == "flow.yaml"
                    ? ",\"indexAfter\":\"\(try! session.git("rev-parse", "flows/b:flow.yaml"))\"" : "")
                + ",\"executableBefore\":false,\"executableAfter\":false}"
        }
        let journal = """
            {"operation":"open b","files":[\(files.joined(separator: ","))],"refs":[],\
            "headBefore":"refs/heads/flows/a","headAfter":"refs/heads/flows/b",\
            "baseAfter":"refs/heads/flows/b \(tipB)","undoing":false}
            """
        try FileManager.default.createDirectory(
            atPath: session.repo + "/.git/flowctl", withIntermediateDirectories: true)
        try journal.write(toFile: session.repo + "/.git/flowctl/journal.json", atomically: true, encoding: .utf8)
        let status = try session.flowctl("status")
        #expect(status.stderr.contains("finished the interrupted 'open b'"), "\(status.stderr)")
        #expect(!status.stdout.contains("Unsaved"), "\(status.stdout)")
        #expect(try session.git("symbolic-ref", "HEAD") == "refs/heads/flows/b")
        #expect(try session.git("status", "--porcelain") == "")
        #expect(!session.scratch.exists("repo/blocks"))
        #expect(try session.git("rev-parse", "flows/a") == tipA)
    }

    // MARK: 4. Bounded input

    @Test func hostileFlowFilesAreRefusedQuicklyWithFileAndLine() throws {
        let session = try Session.twoFlows()
        let bomb = """
            type: play
            a: &a ["x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

            """
        let cases: [(name: String, text: String, message: String)] = [
            ("bomb", bomb, "blocks/bomb.yaml:2: YAML anchors and aliases"),
            (
                "big",
                "type: play\nmedia: x\n"
                    + String(repeating: "# " + String(repeating: "p", count: 98) + "\n", count: 700),
                "flow files may be at most"
            ),
            (
                "many", "type: play\nmedia: x\n" + String(repeating: "# padding\n", count: 5_000),
                "blocks/many.yaml:4001: holds more than 4000 values"
            ),
            (
                "wide", "type: play\nmedia: " + String(repeating: "x", count: 20_000) + "\n",
                "blocks/wide.yaml:2: line is"
            ),
            (
                "deep", "type: play\nmedia: " + String(repeating: "[", count: 1_000) + "\n",
                "blocks/deep.yaml:2: is nested more"
            ),
            (
                "indented",
                "type: play\nx:\n"
                    + (1...40).map { String(repeating: " ", count: $0) + "k\($0):" }
                    .joined(separator: "\n") + " 1\n", "is nested more than 16 levels"
            ),
        ]
        try FileManager.default.createDirectory(atPath: session.repo + "/blocks", withIntermediateDirectories: true)
        for hostile in cases {
            try session.write("blocks/\(hostile.name).yaml", hostile.text)
            for arguments in [["validate"], ["show", "--format", "json"], ["save", "-m", "x"]] {
                let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
                #expect(result.status == 1, "\(hostile.name) \(arguments)")
                #expect(result.stderr.contains(hostile.message), "\(hostile.name) \(arguments): \(result.stderr)")
                #expect(
                    result.stdout.count < 4_096, "\(hostile.name) \(arguments) printed \(result.stdout.count) bytes")
            }
            try FileManager.default.removeItem(atPath: session.repo + "/blocks/\(hostile.name).yaml")
        }
    }

    // MARK: 5. Symbolic links

    @Test func symbolicLinksAreRefusedForReadingAndWriting() throws {
        let session = try Session.twoFlows()
        let outside = session.scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "type: play\n".write(toFile: outside + "/x.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: session.repo + "/blocks", withDestinationPath: outside)
        for arguments in [
            ["add-block", "play", "--id", "y"], ["validate"], ["cancel", "--yes"], ["save", "-m", "x"],
        ] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("blocks"), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == ["x.yaml"])
        try FileManager.default.removeItem(atPath: session.repo + "/blocks")

        // A link committed with plain git is never read through.
        try session.flowctl("open", "a")
        try FileManager.default.removeItem(atPath: session.repo + "/blocks/q.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: session.repo + "/blocks/q.yaml", withDestinationPath: "/proc/self/environ")
        try session.git("add", "-A")
        try session.git("commit", "-qm", "link")
        session.environment["FLOWCTL_TEST_SECRET"] = "hunter2-secret"
        for arguments in [["validate"], ["show"], ["diff", "@~1"], ["show", "--rev", "@"]] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(!(result.stdout + result.stderr).contains("hunter2"), "\(arguments)")
            #expect((result.stdout + result.stderr).contains("blocks/q.yaml"), "\(arguments): \(result.stderr)")
        }
        #expect(try session.flowctl("validate").stderr.contains("symbolic link"))
    }

    // MARK: 6. Output

    @Test func aFailingOutputNeverCrashesAndNeverExitsZero() throws {
        let session = try Session.twoFlows()
        try session.flowctl("set-main", "--seat", "bob")
        let save = try shell(session, "\"\(Session.binary)\" save -m x 2>/dev/full")
        #expect(save.status == 0 || save.status == 1, "crashed: \(save.status)")
        #expect(try session.git("log", "-1", "--format=%s", "flows/b") == "x")
        let show = try shell(session, "\"\(Session.binary)\" show >/dev/full")
        #expect(show.status == 1)
        #expect(show.stderr.contains("could not write the output"))
        let closed = try shell(session, "\"\(Session.binary)\" list >&-")
        #expect(closed.status == 1)
        let closedError = try shell(session, "\"\(Session.binary)\" set-main --seat carol 2>&-")
        #expect(closedError.status == 0)
        #expect(try session.read("flow.yaml").contains("seat: carol"))
    }

    @Test func controlCharactersAreRefusedInNamesAndEscapedOnATerminal() throws {
        let session = try Session.twoFlows()
        let name = try session.flowctl("set-main", "--name", "Evil\u{1B}]0;pwned\u{07}")
        #expect(name.status == 64)
        #expect(name.stderr.contains("name must not contain control characters (got U+001B)"))
        try session.flowctl("open", "a")
        try session.write("blocks/p.yaml", "type: play\nmedia: \"a\\e[2Jb\"\n")
        let shown = try session.flowctlOnTerminal("show", input: "")
        #expect(!shown.stdout.contains("\u{1B}[2J"))
        #expect(shown.stdout.contains("a\\x1B[2Jb"), "\(shown.stdout)")
    }

    // MARK: 7. The canonical writer

    @Test func aLongNameDuplicatesIntoAReadableFlow() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        let long = String(repeating: "n", count: 126)
        try session.flowctl("create", long, "--seat", "s")
        let copy = try session.flowctl("duplicate")
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(try session.flowctl("validate").status == 0)
        #expect(try session.flowctl("show").stdout.contains("\u{2026} copy"))
    }

    // MARK: 8. A way out of a broken save

    @Test func aSaveBrokenByPlainGitCanBeReviewedAndRolledBack() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        try session.write("blocks/p.yaml", "type: play\nmedia: [\n")
        try session.git("commit", "-qam", "broken by hand")
        let log = try session.flowctl("log", "--oneline")
        #expect(log.status == 0)
        #expect(log.stdout.contains("broken by hand (unreadable: blocks/p.yaml:3"), "\(log.stdout)")
        #expect(log.stdout.contains("p and q"))
        let diff = try session.flowctl("diff", "@~1")
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("changed: blocks/p.yaml"))
        #expect(diff.stderr.contains("blocks/p.yaml:3"))
        let rollback = try session.flowctl("rollback", "@~1")
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(try session.flowctl("validate").status == 0)
        #expect(try session.read("blocks/p.yaml").contains("media: p.mp3"))
        try session.git("fsck", "--strict")
    }

    @Test func rollbackKeepsFilesThatAreNotTheFlows() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        try session.write("NOTES.md", "keep me\n")
        try session.git("add", "NOTES.md")
        try session.git("commit", "-qm", "notes")
        let result = try session.flowctl("rollback", "@~2")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try session.git("show", "flows/a:NOTES.md") == "keep me")
        #expect(try session.read("NOTES.md") == "keep me\n")
    }
}

/// The reliability campaign's short run (reliability/run.py --quick): random kills, kills and
/// failures at system calls through strace, concurrent writers and fuzzed files, against the
/// built binary. The full campaign is its own command; RELIABILITY.md has its figures.
@Suite struct ReliabilityCampaignTests {
    @Test func theShortCampaignBreaksNoGuarantee() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("reliability/run.py").path
        let home = try ScratchDirectory()
        let result = try run(
            "/usr/bin/python3", [script, "--quick", "--flowctl", Session.binary], in: home.path,
            environment: testEnvironment(home: home.path))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("reliability: "), "\(result.stdout)")
        #expect(result.stdout.contains(", 0 failed"), "\(result.stdout)")
    }
}

/// The benchmark's short run (benchmarks/run.py --quick --runs 1) with the built binary: every
/// section is measured and printed. Figures are not checked (machines here are shared and noisy;
/// BENCHMARKS.md has a full run); this keeps the script working as the commands change.
@Suite struct BenchmarkScriptTests {
    @Test func theQuickBenchmarkMeasuresEverySection() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("benchmarks/run.py").path
        let home = try ScratchDirectory()
        var environment = testEnvironment(home: home.path)
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]  // swiftc, for the hello world
        let figures = home.path + "/figures.md"
        let result = try run(
            "/usr/bin/python3", [script, "--quick", "--runs", "1", "--flowctl", Session.binary, "--markdown", figures],
            in: home.path, environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for section in [
            "Start-up", "list: per flow", "log: per save", "save, all blocks changed", "Growth, fitted", "Memory:",
            "import: per node", "children (refused)",
        ] {
            #expect(result.stdout.contains(section), "no \(section) in \(result.stdout)")
        }
        #expect(try String(contentsOfFile: figures, encoding: .utf8).contains("Growth, fitted"))
    }

    /// The team part (--part team): every case runs against git's nearest command and is fitted,
    /// per flow and, over one flow's history, per save.
    @Test func theQuickTeamBenchmarkMeasuresEveryCase() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("benchmarks/run.py").path
        let home = try ScratchDirectory()
        let result = try run(
            "/usr/bin/python3", [script, "--part", "team", "--quick", "--runs", "1", "--flowctl", Session.binary],
            in: home.path, environment: testEnvironment(home: home.path))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for section in [
            "clone, 120 flows", "fetch, nothing new", "fetch, 1% changed", "push, all new", "push, 1% changed",
            "pull, fast-forward 1%", "pull, merge 1%", "hook pre-receive, push of 1,", "hook pre-receive, push of 100",
            "Team, fitted", "history: clone, 80 saves", "history: fetch one save", "history: push one save",
            "history: pull one save", "ms per extra save",
        ] {
            #expect(result.stdout.contains(section), "no \(section) in \(result.stdout)")
        }
    }
}
