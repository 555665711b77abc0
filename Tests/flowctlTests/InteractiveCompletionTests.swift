import Foundation
import TestSupport
import Testing

/// After scripts/install, a new interactive bash, zsh and fish (in tmux, as a user's terminal)
/// complete `flowctl connect <TAB>` with the open flow's blocks. Each shell starts as Debian
/// sets a new user up: bash with /etc/skel's .bashrc (which loads bash-completion), zsh with
/// compinit on, fish as it comes. The prefix is the test's own, on XDG_DATA_DIRS (and zsh's
/// fpath) as /usr/local is by default.
@Suite(.serialized) struct InteractiveCompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func aNewShellCompletesBlockIDs(_ shell: String) throws {
        let session = try Session()
        let prefix = session.scratch.path + "/prefix"
        var environment = session.environment
        environment["XDG_DATA_DIRS"] = "\(prefix)/share:/usr/share"
        let script = CompletionTests.root.appendingPathComponent("scripts/install").path
        let installed = try run(
            script, ["--prefix", prefix, "--no-deps", "--binary", Session.binary], in: session.scratch.path,
            environment: environment)
        try #require(installed.status == 0, "\(installed.stderr)")
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://hooks.example.com/")
        try session.flowctl(
            "add-block", "voicemail", "--id", "voicemail-box", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")

        let home = session.home.path
        switch shell {
        case "bash": try FileManager.default.copyItem(atPath: "/etc/skel/.bashrc", toPath: home + "/.bashrc")
        case "zsh":
            try "fpath=(\(prefix)/share/zsh/site-functions $fpath)\nautoload -Uz compinit && compinit -u\nPS1='$ '\n"
                .write(toFile: home + "/.zshrc", atomically: true, encoding: .utf8)
        default: break
        }
        environment["PATH"] = "\(prefix)/bin:/usr/bin:/bin"
        environment["TERM"] = "xterm"
        environment["SHELL"] = "/usr/bin/\(shell)"
        let tmux = TmuxSession(environment: environment, folder: session.repo, shell: shell)
        try tmux.start()
        defer { tmux.stop() }
        try tmux.waitForPrompt()
        try tmux.type("flowctl connect ")
        try tmux.tab()
        if shell == "bash" { try tmux.tab() }  // bash lists the candidates on the second Tab
        let screen = try tmux.waitFor { $0.contains("voicemail-box") && $0.contains("notify") }
        #expect(screen.contains("voicemail-box") && screen.contains("notify"), "\(shell):\n\(screen)")
    }
}

/// A shell in a detached tmux session of 160x40, driven with send-keys and read with capture-pane.
struct TmuxSession {
    let name = "flowctl-\(UUID().uuidString.prefix(8))"
    let environment: [String: String]
    let folder: String
    let shell: String

    /// Runs tmux and waits for it with waitpid: its output goes through a file, as the tmux
    /// server it starts keeps any pipe it inherits open (reading one to its end would never end),
    /// and the client it starts is reaped here, not left to Foundation's child monitor.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/tmux", "-L", name] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, envp) == 0 else {
            throw TmuxError(description: "cannot start tmux")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let said = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TmuxError(description: "tmux \(arguments): \(said)") }
        return said
    }

    struct TmuxError: Error, CustomStringConvertible { var description: String }

    func start() throws {
        try tmux(["new-session", "-d", "-s", name, "-x", "160", "-y", "40", "-c", folder, shell, "-i"])
    }

    /// Ends the shell and the tmux server, by their process ids as well: a test leaves nothing running.
    func stop() {
        let pids = (try? tmux(["display-message", "-p", "-t", name, "#{pid} #{pane_pid}"])) ?? ""
        _ = try? tmux(["kill-server"])
        for pid in pids.split(whereSeparator: \.isWhitespace).compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    func tab() throws { try tmux(["send-keys", "-t", name, "Tab"]) }

    /// Waits (10 s at most) until the screen shows something, the shell's prompt.
    func waitForPrompt() throws {
        _ = try waitFor { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The screen once `ready` holds for it, or as it is after 10 s.
    func waitFor(_ ready: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        var current = try screen()
        while !ready(current) && Date() < deadline {
            usleep(50_000)
            current = try screen()
        }
        return current
    }
}
