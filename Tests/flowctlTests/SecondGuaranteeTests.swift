import Foundation
import TestSupport
import Testing

/// What the second outside campaign found (issue 29), end to end: worktrees git made, a clean-up
/// that fails after the change is done, closed stderr, a create from a detached HEAD.
@Suite struct SecondGuaranteeTests {
    /// Item 1: a worktree `git worktree add` made has no base of flowctl's; its first save must
    /// still not undo a save another worktree made meanwhile.
    @Test func aWorktreeGitMadeCannotUndoAnotherWorktreesSave() throws {
        let session = try Session.twoFlows()
        let other = session.scratch.path + "/other"
        try session.flowctl("open", "a")
        // Both on flows/a, as git allows with --force.
        try session.git("worktree", "add", "-q", "--force", other, "flows/a")
        try session.flowctl("set", "p", "media=new.mp3")
        try session.flowctl("save", "-m", "new p")
        let tip = try session.git("rev-parse", "flows/a")
        try run(Session.binary, ["set", "q", "media=mine.mp3"], in: other, environment: session.environment)
        let refused = try run(Session.binary, ["save", "-m", "mine"], in: other, environment: session.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("would undo that save's changes to blocks/p.yaml"), "\(refused.stderr)")
        #expect(try session.git("rev-parse", "flows/a") == tip)
        #expect(try session.git("show", "flows/a:blocks/p.yaml").contains("new.mp3"))
    }

    /// Item 2: the journal's unlink fails (EIO, injected by strace) after the change is done:
    /// the command succeeds with a warning, and the next one removes the journal.
    @Test(arguments: [["save", "-m", "x"], ["open", "a"], ["create", "C", "--seat", "s"], ["duplicate"]])
    func aJournalThatCannotBeRemovedAfterTheChangeIsAWarning(command: [String]) throws {
        let session = try Session.twoFlows()
        if command[0] == "save" { try session.flowctl("set-main", "--seat", "t") }
        let journal = session.repo + "/.git/flowctl/journal.json"
        let result = try run(
            "/usr/bin/strace",
            [
                "-f", "-qq", "-o", "/dev/null", "-P", journal, "-e", "trace=unlink,unlinkat", "-e",
                "inject=unlink,unlinkat:error=EIO", Session.binary,
            ] + command,
            in: session.repo, environment: session.environment)
        #expect(result.status == 0, "\(command): \(result.stderr)")
        #expect(result.stderr.contains("warning: '"), "\(command): \(result.stderr)")
        #expect(result.stderr.contains("is done, but its journal could not be removed"))
        let next = try session.flowctl("status")
        #expect(next.status == 0)
        #expect(!FileManager.default.fileExists(atPath: journal))
        #expect(try session.git("status", "--porcelain") == "")
    }

    /// Item 9: with stderr closed, a warning cannot be seen: exit 1, as the README says.
    @Test func aWarningWithStderrClosedFailsTheCommand() throws {
        let session = try Session.twoFlows()
        try session.flowctl("set-main", "--seat", "t")
        // B has no extension and no number: the save warns, and is done all the same.
        let result = try run(
            "/bin/sh", ["-c", "\"$0\" save -m warned 2>&-", Session.binary], in: session.repo,
            environment: session.environment)
        #expect(result.status == 1)
        #expect(try session.git("log", "-1", "--format=%s", "flows/b") == "warned")
    }

    /// Item 7: a value holding a C1 control (a terminal's CSI) and a bidi override, and a save
    /// message holding one: on a terminal, no format passes either through; JSON writes `\u009B`.
    @Test func everyOutputFormatEscapesControlsOnATerminal() throws {
        let session = try Session.twoFlows()
        try session.flowctl("add-block", "webhook", "--id", "w", "--set", "url=https://x.example.com/")
        try session.write(
            "blocks/w.yaml", "type: webhook\nurl: https://x.example.com/\ndata:\n  v: \"a\\u009B31mb\\u202Ec\"\n")
        try session.flowctl("save", "-m", "m\u{9B}x")
        for command in [
            "show --format json", "log --json -n 1", "show", "show --format yaml", "log -n 1", "status --json",
        ] {
            let result = try session.flowctlOnTerminal(command + " --no-pager", input: "")
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{9B}" || $0 == "\u{202E}" }, "\(command)")
        }
        #expect(
            try session.flowctlOnTerminal("show --format json --no-pager", input: "").stdout.contains(
                #"a\u009B31mb\u202Ec"#))
        #expect(try session.flowctlOnTerminal("log --json -n 1 --no-pager", input: "").stdout.contains(#"m\u009Bx"#))
        // Not on a terminal, JSON is the value itself.
        #expect(try session.flowctl("show", "--format", "json").stdout.contains("a\u{9B}31mb\u{202E}c"))
    }

    /// Item 8: `create` from a detached HEAD starts the new flow clean: none of the checked-out
    /// commit's block files come along as unsaved added blocks.
    @Test func createFromADetachedHeadStartsClean() throws {
        let session = try Session.twoFlows()
        try session.git("checkout", "-q", "--detach", "flows/a")
        #expect(FileManager.default.fileExists(atPath: session.repo + "/blocks/p.yaml"))
        try session.flowctl("create", "C", "--seat", "s")
        #expect(try session.git("symbolic-ref", "HEAD") == "refs/heads/flows/c")
        #expect(try session.git("status", "--porcelain") == "")
        #expect(!FileManager.default.fileExists(atPath: session.repo + "/blocks/p.yaml"))
        let status = try session.flowctl("status")
        #expect(status.stdout.contains("Nothing to save"), "\(status.stdout)")
        try session.git("fsck", "--strict")
    }

    /// `init` in a repository plain git made, HEAD detached at an older commit: it says it set
    /// flowctl up there (not that it re-initialized one), and the first flow starts clean, on a
    /// branch of its own, with git's branch and files untouched.
    @Test func initAndCreateFromADetachedHeadInAPlainGitRepository() throws {
        let scratch = try ScratchDirectory()
        let environment = testEnvironment(home: scratch.path)
        let git = GitCLI(directory: scratch.path, environment: environment)
        _ = try git("init", "-q", "-b", "main")
        try scratch.write("README.md", "one\n")
        _ = try git("add", "README.md")
        _ = try git("commit", "-qm", "one")
        try scratch.write("README.md", "two\n")
        _ = try git("commit", "-qam", "two")
        let main = try git("rev-parse", "main")
        _ = try git("checkout", "-q", "--detach", "main~1")
        let initialized = try run(Session.binary, ["init"], in: scratch.path, environment: environment)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains("Set up flowctl in existing git repository"), "\(initialized.stdout)")
        let created = try run(
            Session.binary, ["create", "C", "--seat", "s"], in: scratch.path, environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try git("symbolic-ref", "HEAD") == "refs/heads/flows/c")
        #expect(try git("rev-list", "--count", "flows/c") == "1")
        #expect(try git("ls-tree", "--name-only", "flows/c") == "flow.yaml")
        #expect(try git.porcelainStatus() == "")
        #expect(try git("rev-parse", "main") == main)
        let again = try run(Session.binary, ["init"], in: scratch.path, environment: environment)
        #expect(again.stdout.contains("Reinitialized existing flowctl repository"), "\(again.stdout)")
        _ = try git("fsck", "--strict")
    }

    /// Item 9: in a shallow clone, `log` and `blame` read the history the clone has, as `git log`
    /// does, rather than failing on the missing parent.
    @Test func logAndBlameInAShallowCloneReadWhatIsThere() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        try session.flowctl("set", "p", "media=again.mp3")
        try session.flowctl("save", "-m", "again")
        let shallow = session.scratch.path + "/shallow"
        try session.git("clone", "-q", "--depth", "1", "-b", "flows/a", "file://" + session.repo, shallow)
        let log = try run(Session.binary, ["log", "a"], in: shallow, environment: session.environment)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("again") && !log.stdout.contains("p and q"), "\(log.stdout)")
        let blame = try run(Session.binary, ["blame", "a"], in: shallow, environment: session.environment)
        #expect(blame.status == 0, "\(blame.stderr)")
        #expect(blame.stdout.contains("again.mp3"), "\(blame.stdout)")
    }

    /// Item 9: a secrets file inside the working tree (where it could be committed) is refused,
    /// as the README says, before anything is sent.
    @Test func aSecretsFileInsideTheWorkingTreeIsRefused() throws {
        let session = try Session.withWebhook(url: "http://127.0.0.1:9/hook", retries: 0)
        try session.flowctl("set-webhook", "notify", "--header", "Authorization:Bearer ${secret:T}")
        let secrets = session.repo + "/blocks-secrets"
        try "T=abc\n".write(toFile: secrets, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secrets)
        session.environment["FLOWCTL_SECRETS"] = secrets
        let result = try session.flowctl("test-webhook", "notify")
        #expect(result.status == 1)
        #expect(result.stderr.contains("is inside the repository's working tree"), "\(result.stderr)")
        // Outside it, the same file is read (the request then fails to connect: port 9).
        let outside = session.scratch.path + "/secrets"
        try FileManager.default.moveItem(atPath: secrets, toPath: outside)
        session.environment["FLOWCTL_SECRETS"] = outside
        #expect(!(try session.flowctl("test-webhook", "notify").stderr.contains("working tree")))
    }

    /// Item 9: libgit2 ignores an I/O error removing a branch's lock after deleting the branch;
    /// the lock would stop every writer, so the command names it in a warning.
    @Test func aBranchLockLeftByAnIOErrorIsNamed() throws {
        let session = try Session.twoFlows()
        try session.flowctl("open", "a")
        let lock = session.repo + "/.git/refs/heads/flows/b.lock"
        let result = try run(
            "/usr/bin/strace",
            [
                "-f", "-qq", "-o", "/dev/null", "-P", lock, "-e", "trace=unlink,unlinkat", "-e",
                "inject=unlink,unlinkat:error=EIO", Session.binary, "delete", "b", "--yes",
            ], in: session.repo, environment: session.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: lock))
        #expect(
            result.stderr.contains("warning: refs/heads/flows/b was moved, but its lock \(lock)"), "\(result.stderr)")
    }
}
