import Foundation
import TestSupport
import Testing

/// Tab in the real shells, with the committed completion scripts and a scratch repository: bash
/// and zsh interactive on a pseudo-terminal (Tests/Fixtures/complete.py types the line and
/// presses Tab; bash splits words with its own COMP_WORDBREAKS), fish through `complete -C`.
@Suite struct CompletionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Tab: Decodable {
        /// The command line after the Tab.
        var line: String?
        /// What bash's completion function offered, as bash inserts it.
        var candidates: [String]?
        /// What the shell printed (zsh lists candidates there).
        var screen: String
    }

    /// A flow with a menu (digit exits), a webhook and a play block, saved twice.
    static func session() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support", "--seat", "alice")
        try session.flowctl("add-block", "menu", "--id", "menu", "--set", "prompt=main.mp3")
        try session.flowctl("add-block", "webhook", "--id", "crm", "--after", "menu:1", "--set", "url=https://x.test/")
        try session.flowctl("add-block", "play", "--id", "hello", "--after", "menu:2", "--set", "media=hi.mp3")
        try session.flowctl("save", "-m", "First")
        try session.flowctl("set", "crm", "retries=2")
        try session.flowctl("save", "-m", "Second")
        return session
    }

    static func press(_ shell: String, _ line: String, in session: Session) throws -> Tab {
        let script = ["bash": "completions/flowctl.bash", "zsh": "completions/_flowctl"][shell]!
        var environment = session.environment
        environment["PATH"] =
            URL(fileURLWithPath: Session.binary).deletingLastPathComponent().path + ":"
            + (environment["PATH"] ?? "/usr/bin:/bin")
        let result = try run(
            "/usr/bin/python3",
            [
                root.appendingPathComponent("Tests/Fixtures/complete.py").path, shell,
                root.appendingPathComponent(script).path,
                line,
            ],
            in: session.repo, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Tab.self, from: Data(result.stdout.utf8))
    }

    static func fish(_ line: String, in session: Session) throws -> [String] {
        var environment = session.environment
        environment["PATH"] =
            URL(fileURLWithPath: Session.binary).deletingLastPathComponent().path + ":"
            + (environment["PATH"] ?? "/usr/bin:/bin")
        let script = root.appendingPathComponent("completions/flowctl.fish").path
        let result = try run(
            "/usr/bin/fish", ["--no-config", "-c", "source \(script); complete -C \"$argv[1]\"", line],
            in: session.repo, environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "fish: \(result.stderr)")
        return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    }

    static func shortIDs(_ session: Session) throws -> [String] {
        try session.git("log", "--format=%h", "--abbrev=7").split(separator: "\n").map(String.init)
    }

    @Test func bashKeepsBlockExitWordsWholeAndOffersWhatFitsEachArgument() throws {
        let session = try Self.session()
        let exits = try Self.press("bash", "flowctl connect menu:", in: session)
        #expect(exits.candidates?.contains("1") == true && exits.candidates?.contains("timeout") == true)
        #expect(exits.candidates?.contains("menu") == false, "\(exits)")
        let timeout = try Self.press("bash", "flowctl connect menu:ti", in: session)
        #expect(timeout.line == "flowctl connect menu:timeout ")
        let target = try Self.press("bash", "flowctl connect menu:1 ", in: session)
        #expect(target.candidates == ["crm", "hello", "menu", "none"])
        let parameter = try Self.press("bash", "flowctl set crm re", in: session)
        #expect(parameter.line == "flowctl set crm retries=", "no space and no backslash after NAME=")
        let webhook = try Self.press("bash", "flowctl test-webhook ", in: session)
        #expect(webhook.line == "flowctl test-webhook crm ", "only the webhook block is offered")
        let edit = try Self.press("bash", "flowctl edit ", in: session)
        #expect(edit.candidates == ["main", "crm", "hello", "menu"])
        let revision = try Self.press("bash", "flowctl show --rev ", in: session)
        #expect(revision.candidates == (try Self.shortIDs(session)))
    }

    @Test func zshCompletesTheSameWords() throws {
        let session = try Self.session()
        let exits = try Self.press("zsh", "flowctl connect menu:", in: session)
        #expect(exits.screen.contains("menu:timeout") && exits.screen.contains("menu:9"), "\(exits.screen)")
        #expect(try Self.press("zsh", "flowctl connect menu:ti", in: session).line == "flowctl connect menu:timeout ")
        #expect(try Self.press("zsh", "flowctl set crm re", in: session).line == "flowctl set crm retries=")
        #expect(try Self.press("zsh", "flowctl test-webhook ", in: session).line == "flowctl test-webhook crm ")
        let targets = try Self.press("zsh", "flowctl connect menu:1 ", in: session)
        #expect(targets.screen.contains("none") && targets.screen.contains("hello"), "\(targets.screen)")
    }

    @Test func fishCompletesWithoutAnInteractiveCommandLine() throws {
        let session = try Self.session()
        let exits = try Self.fish("flowctl connect menu:", in: session)
        #expect(exits.contains("menu:1") && exits.contains("menu:timeout") && !exits.contains("crm"))
        #expect(try Self.fish("flowctl connect menu:1 ", in: session) == ["crm", "hello", "menu", "none"])
        #expect(try Self.fish("flowctl set crm ", in: session).contains("retries="))
        #expect(try Self.fish("flowctl test-webhook ", in: session) == ["crm"])
        #expect(try Self.fish("flowctl edit ", in: session) == ["main", "crm", "hello", "menu"])
        #expect(try Self.fish("flowctl show --rev ", in: session) == (try Self.shortIDs(session)))
        #expect(try Self.fish("flowctl op", in: session) == ["open"])
    }
}

/// scripts/install puts the binary, the manual pages and the completions where the shells and
/// man look for them under a prefix.
@Suite struct InstallTests {
    @Test func installPutsEverythingWhereToolsFindIt() throws {
        let session = try Session()
        let prefix = session.scratch.path + "/prefix"
        let script = CompletionTests.root.appendingPathComponent("scripts/install").path
        // A prefix of its own is on XDG_DATA_DIRS, as the shells' data folders are: so fish reads
        // it, and the install leaves /etc alone.
        var installEnvironment = session.environment
        installEnvironment["XDG_DATA_DIRS"] = "\(prefix)/share:/usr/share"
        let installed = try run(
            script, ["--prefix", prefix, "--no-deps", "--binary", Session.binary], in: session.scratch.path,
            environment: installEnvironment)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("not on PATH"))
        #expect(!installed.stdout.contains("/etc/fish"), "\(installed.stdout)")
        var environment = session.environment
        environment["PATH"] = "\(prefix)/bin:/usr/bin:/bin"
        environment["MANPATH"] = nil
        environment["MANPAGER"] = "cat"
        let version = try run(
            "\(prefix)/bin/flowctl", ["--version"], in: session.scratch.path, environment: environment)
        #expect(version.status == 0 && !version.stdout.isEmpty)
        // man finds the pages from PATH alone, as it does for any prefix/bin.
        let page = try run(
            "/usr/bin/env", ["flowctl", "help", "diff"], in: session.scratch.path, environment: environment)
        #expect(page.stdout.contains("FLOWCTL-DIFF(1)"), "\(page.stdout) \(page.stderr)")
        for file in [
            "share/bash-completion/completions/flowctl", "share/zsh/site-functions/_flowctl",
            "share/fish/vendor_completions.d/flowctl.fish", "share/man/man1/flowctl.1", "share/man/man1/flowctl-log.1",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file)")
        }
        let bash = try run(
            "/bin/bash",
            ["--norc", "-c", "source \(prefix)/share/bash-completion/completions/flowctl && complete -p flowctl"],
            in: session.scratch.path, environment: environment)
        #expect(bash.stdout.contains("-F __flowctl_whole_words flowctl"))
    }
}

/// .ci/run installs its Debian packages itself, as a fresh machine needs them; they must be the
/// ones the README's set-up for the tests installs.
@Suite struct SetUpScriptTests {
    static func words(after marker: String, in text: String) -> Set<String> {
        guard let start = text.range(of: marker) else { return [] }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n\n") ?? rest.range(of: "\nas_root")
        return Set(
            rest[..<(end?.lowerBound ?? rest.endIndex)].split(whereSeparator: { " \n\\()+=".contains($0) })
                .map(String.init).filter { $0.first?.isLetter == true && $0 != "packages" && $0 != "if" })
    }

    @Test func ciInstallsWhatTheSetUpScriptInstalls() throws {
        let root = CompletionTests.root
        let ci = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let script = try String(contentsOf: root.appendingPathComponent("scripts/install-deps"), encoding: .utf8)
        let ciPackages = Self.words(after: "apt-get install -y", in: ci)
        #expect(ci.contains("apt-get update\n") && ciPackages.contains("libgit2-dev"))
        for line in script.split(separator: "\n") where line.contains("packages=(") || line.contains("packages+=(") {
            let listed = line.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }.split(separator: " ").map(String.init)
            for package in listed { #expect(ciPackages.contains(package), ".ci/run does not install \(package)") }
        }
    }
}
