import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import flowctl

/// What a terminal user meets: help, completions, the man page, colour, paging, JSON, exit codes.
@Suite struct UserSideTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var subcommands: [String] {
        Flowctl.configuration.subcommands.compactMap { $0.configuration.commandName }
    }

    func committed(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// A flow with two saves of a webhook whose URL is a closed port on 127.0.0.1, so sending it
    /// fails at once and never leaves the machine.
    func session() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--set", "url=http://127.0.0.1:\(closedPort())/one")
        try session.flowctl("save", "-m", "Add notify")
        try session.flowctl("set-webhook", "notify", "--url", "http://127.0.0.1:\(closedPort())/two", "--retries", "0")
        try session.flowctl("save", "-m", "Second url")
        return session
    }

    /// The committed scripts are what the binary generates, with the repairs scripts/generate-docs
    /// makes (kept in scripts/completions/).
    @Test func committedCompletionsAreWhatTheBinaryGenerates() throws {
        let session = try Session()
        func generated(_ shell: String) throws -> String {
            try session.flowctl("--generate-completion-script", shell, in: session.scratch.path).stdout
        }
        let bash = try committed("completions/flowctl.bash")
        let wrapper = try committed("scripts/completions/whole-words.bash")
        #expect(
            bash
                == (try generated("bash")).replacingOccurrences(
                    of: "complete -o filenames -F _flowctl flowctl\n", with: "") + wrapper)
        let fish = try generated("fish").replacingOccurrences(
            of: "(__flowctl_tokens -tC)", with: "(string length -- \"$(commandline -ct)\")")
        #expect(try committed("completions/flowctl.fish") == fish)
        let zsh = try committed("completions/_flowctl")
        #expect(zsh.contains(try committed("scripts/completions/whole-words.zsh")))
        #expect(zsh.hasSuffix(String(try generated("zsh").suffix(2_000))), "run scripts/generate-docs")
    }

    @Test func flowAndBlockIDsCompleteFromTheRepository() throws {
        let session = try session()
        try session.flowctl("create", "Sales")
        let flows = try session.flowctl("---completion", "open", "--", "positional@0", "2", "0")
        #expect(flows.stdout.split(separator: "\n") == ["sales", "support-line"])
        try session.flowctl("open", "support-line")
        let blocks = try session.flowctl("---completion", "set-webhook", "--", "positional@0", "2", "0")
        #expect(blocks.stdout.split(separator: "\n") == ["notify"])
        #expect(try committed("completions/flowctl.bash").contains("webhook"))
    }

    /// All the manual pages, flowctl.1 first.
    func manualPages() throws -> [(name: String, text: String)] {
        try (["flowctl"] + Self.subcommands.filter { $0 != "help" }.map { "flowctl-\($0)" }).map {
            ($0, try committed("man/man1/\($0).1"))
        }
    }

    @Test func everyCommandHasAManualPageWithGitsSections() throws {
        let pages = try manualPages()
        let overview = pages[0].text
        for (name, page) in pages.dropFirst() {
            for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
                #expect(page.contains("\n.SH \(section)\n"), "\(name).1 has no \(section)")
            }
            #expect(page.hasPrefix(".TH \"\(name.uppercased().replacingOccurrences(of: "-", with: "\\-"))\" \"1\""))
            #expect(overview.contains("\\fB\(name.replacingOccurrences(of: "-", with: "\\-"))\\fR(1)"), "\(name)")
        }
        for section in ["FILES", "ENVIRONMENT", "\"EXIT STATUS\"", "EXAMPLES", "SEE ALSO"] {
            #expect(overview.contains("\n.SH \(section)\n"))
        }
        #expect(overview.contains("\\fBgit\\fR(1)") && overview.contains("\\fBgitrevisions\\fR(7)"))
    }

    /// man renders every page without a warning from groff (--warnings turns them all on).
    @Test func everyManualPageRendersWithoutWarnings() throws {
        let man = try #require(["/usr/bin/man", "/bin/man"].first { FileManager.default.isExecutableFile(atPath: $0) })
        var environment = ProcessInfo.processInfo.environment
        environment["MANPAGER"] = "cat"
        environment["MANWIDTH"] = "80"
        for (name, _) in try manualPages() {
            let path = Self.root.appendingPathComponent("man/man1/\(name).1").path
            let rendered = try run(man, ["--warnings", "-l", path], in: Self.root.path, environment: environment)
            #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(name).1: \(rendered.stderr)")
            #expect(rendered.stdout.contains("flowctl Manual") && !rendered.stdout.contains("BSD"))
        }
    }

    /// `flowctl help log` shows flowctl-log(1) where man finds it, as `git help log` does, and the
    /// built-in help where it does not.
    @Test func helpOpensTheCommandsManualPage() throws {
        let session = try Session()
        session.environment["MANPATH"] = Self.root.appendingPathComponent("man").path
        session.environment["MANPAGER"] = "cat"
        let page = try session.flowctl("help", "log", in: session.scratch.path)
        #expect(page.status == 0)
        #expect(page.stdout.contains("FLOWCTL-LOG(1)") && page.stdout.contains("SEE ALSO"), "\(page.stdout)")
        session.environment["MANPATH"] = session.scratch.path
        let builtIn = try session.flowctl("help", "log", in: session.scratch.path)
        #expect(builtIn.status == 0 && builtIn.stdout.hasPrefix("OVERVIEW: Show a flow's saves"))
        #expect(try session.flowctl("help", "nosuch", in: session.scratch.path).status == 64)
    }

    @Test func everySubcommandHasHelpWithAnExample() throws {
        let session = try Session()
        for name in Self.subcommands where name != "help" {
            let help = try run(
                Session.binary, [name, "--help"], in: session.scratch.path, environment: session.environment)
            #expect(help.status == 0, "\(name)")
            #expect(help.stdout.contains("Example"), "flowctl \(name) --help shows no example")
        }
    }

    /// The newest release section of CHANGELOG.md, as `0.2.0`.
    func latestRelease() throws -> String {
        let changelog = try committed("CHANGELOG.md")
        let release = try #require(
            changelog.split(separator: "\n").first { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") })
        return String(release.dropFirst(4).prefix { $0 != "]" })
    }

    /// The oracle is git: `--version` is what `git describe` names the checkout the binary was
    /// built from (the newest release when git has no release tag to describe it by).
    @Test func versionIsWhatGitDescribeNamesTheBuild() throws {
        let session = try Session()
        let git = GitCLI(directory: Self.root.path, environment: session.environment)
        let described = (try? git("describe", "--tags", "--match", "v[0-9]*", "--dirty")).map { String($0.dropFirst()) }
        let version = try session.flowctl("--version", in: session.scratch.path).stdout
        #expect(version == "\(try described ?? latestRelease())\n")
        if let tag = try? git("describe", "--tags", "--match", "v[0-9]*", "--abbrev=0") {
            #expect(try latestRelease() == String(tag.dropFirst()), "release \(tag) has no CHANGELOG section")
            #expect(
                try git("cat-file", "-t", tag) == "tag", "a release is an annotated tag, as git describe expects")
        }
    }

    @Test func aTreeWithoutGitIsTheNewestRelease() throws {
        let folder = try ScratchDirectory()
        try committed("CHANGELOG.md").write(toFile: folder.path + "/CHANGELOG.md", atomically: true, encoding: .utf8)
        let script = Self.root.appendingPathComponent("scripts/build-version").path
        let output = folder.path + "/out/BuildVersion.swift"
        let result = try run("/bin/sh", [script, folder.path, output], in: folder.path, environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.contains("let buildVersion = \"\(try latestRelease())\"\n"), "\(written)")
    }

    /// flowctl loads libgit2 on first use (see CGitLoader): the dynamic loader says which
    /// libraries a run opened.
    @Test func libgit2IsLoadedOnlyByCommandsThatOpenARepository() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        func loadsLibgit2(_ arguments: String...) throws -> Bool {
            var environment = session.environment
            environment["LD_DEBUG"] = "libs"
            let result = try run(Session.binary, arguments, in: session.repo, environment: environment)
            return result.stderr.contains("libgit2.so")
        }
        #expect(try !loadsLibgit2("--version"))
        #expect(try !loadsLibgit2("--help"))
        #expect(try !loadsLibgit2("catalog"))
        #expect(try loadsLibgit2("list"))
    }

    @Test func logAndDiffAreColouredAndPagedOnATerminalOnly() throws {
        let session = try session()
        try session.flowctl("set-webhook", "notify", "--url", "http://127.0.0.1:\(closedPort())/three")
        session.environment["NO_COLOR"] = nil
        session.environment["TERM"] = "xterm"
        session.environment["PAGER"] = "sed s/^/paged:/"
        for command in ["log", "diff"] {
            let terminal = try session.flowctlOnTerminal(command, input: "")
            #expect(terminal.stdout.contains("\u{1B}["), "\(command) on a terminal is not coloured")
            #expect(terminal.stdout.contains("paged:"), "\(command) on a terminal is not paged")
            let piped = try session.flowctl(command)
            #expect(!piped.stdout.contains("\u{1B}[") && !piped.stdout.contains("paged:"), "\(command) piped")
            let plain = try session.flowctlOnTerminal("\(command) --no-pager", input: "")
            #expect(!plain.stdout.contains("paged:"))
        }
        // An interactive pager (less) reads keys from the terminal: it must be able to open it.
        session.environment["PAGER"] = "(: </dev/tty) 2>/dev/null && sed s/^/tty:/ || sed s/^/no-tty:/"
        let interactive = try session.flowctlOnTerminal("log", input: "").stdout
        #expect(interactive.contains("tty:") && !interactive.contains("no-tty:"), "\(interactive)")
        session.environment["PAGER"] = "sed s/^/paged:/"
        session.environment["NO_COLOR"] = "1"
        let noColor = try session.flowctlOnTerminal("log", input: "")
        #expect(!noColor.stdout.contains("\u{1B}[") && noColor.stdout.contains("paged:"))
        session.environment["NO_COLOR"] = nil
        #expect(try session.flowctl("log", "--color", "always").stdout.contains("\u{1B}["))
    }

    /// Every key a read command's --json prints is named in the man page.
    @Test func everyReadCommandsJSONParsesAndItsFieldsAreDocumented() throws {
        let session = try session()
        let page = try manualPages().map(\.text).joined()
        for arguments in [
            ["list", "--json"], ["show", "--format", "json"], ["status", "--json"], ["catalog", "--json"],
            ["validate", "--json"], ["diff", "~1", "--json"], ["log", "--json"],
            ["simulate", "--from", "+1555", "--dry-run", "--json"],
            ["test-webhook", "notify", "--json", "--timeout", "1"],
        ] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            for key in Self.keys(object) {
                #expect(page.contains(key), "\(arguments.joined(separator: " ")): '\(key)' is not in the man page")
            }
        }
    }

    /// The field names of `json`, not following into maps whose keys are data (parameters, exits).
    static func keys(_ json: Any) -> Set<String> {
        switch json {
        case let array as [Any]:
            return array.reduce(into: Set()) { $0.formUnion(keys($1)) }
        case let object as [String: Any]:
            return object.reduce(into: Set(object.keys)) { found, pair in
                if ["parameters", "exits"].contains(pair.key) && pair.value is [String: Any] { return }
                found.formUnion(keys(pair.value))
            }
        default:
            return []
        }
    }

    @Test func usageErrorsAndFailuresStartWithErrorAndHaveTheirStatus() throws {
        let session = try session()
        let usage = try session.flowctl("set-webhook", "notify", "--retries", "5")
        #expect(usage.status == 64 && usage.stderr.hasPrefix("error: retries must be 0 to 4 (got 5)"))
        let failure = try session.flowctl("open", "nowhere")
        #expect(failure.status == 1 && failure.stderr.hasPrefix("error: "))
        let quiet = try session.flowctl("set-webhook", "notify", "--retries", "1", "--quiet")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func editOpensTheEditorThenChecksAndKeepsTheEdit() throws {
        let session = try session()
        session.environment["EDITOR"] = "sed -i s/retries:.*/retries:\\ 9/"
        let edited = try session.flowctl("edit", "notify")
        #expect(edited.status == 0)
        #expect(edited.stdout.contains("block notify: retries: 0 -> 9"))
        #expect(edited.stderr.contains("error: support-line: block notify: retries: retries must be 0 to 4 (got 9)"))
        #expect(try session.read("blocks/notify.yaml").contains("retries: 9"))
        session.environment["EDITOR"] = "sed -i s/retries:.*/retries:\\ [9/"
        let broken = try session.flowctl("edit", "notify")
        #expect(broken.status == 1 && broken.stderr.contains("error: blocks/notify.yaml:"))
        #expect(try session.read("blocks/notify.yaml").contains("retries: [9"))
        try session.flowctl("cancel", "--yes")
        session.environment["GIT_EDITOR"] = "sed -i s/alice/bob/"
        #expect(try session.flowctl("edit", "main").stdout.contains("main: seat: alice -> bob"))
    }

    @Test func gitsHabitsWork() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--seat", "alice")
        try session.flowctl("set-main", "--seat", "bob")
        try session.flowctl("save", "-m", "bob")
        let one = try session.flowctl("--no-pager", "log", "-1", "--oneline")
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.split(separator: "\n").count == 1)
        #expect(try session.flowctl("--color", "never", "log", "-n1", "--oneline").stdout == one.stdout)
        let elsewhere = try session.flowctl("-C", "repo", "list", in: session.scratch.path)
        #expect(elsewhere.status == 0 && elsewhere.stdout.contains("support-line"), "\(elsewhere.stderr)")
        let bare = try session.flowctl()
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("usage: flowctl [-C <path>] [--color <when>] [--no-pager] <command> [<args>]"))
    }

    @Test func quietAndEmptyOutputsAreGitsToo() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--seat", "alice")
        let stat = try session.flowctl("diff", "--stat")
        #expect(stat.status == 0 && stat.stdout.isEmpty, "\(stat.stdout)")
        #expect(try session.flowctl("diff", "--quiet").status == 0)
        try session.flowctl("set-main", "--seat", "bob")
        let quiet = try session.flowctl("diff", "--quiet")
        #expect(quiet.status == 1 && quiet.stdout.isEmpty)
        let save = try session.flowctl("save", "-q")
        #expect(save.stderr.isEmpty, "-q is errors only: \(save.stderr)")
        let log = try session.flowctl("log", "-n", "1", "--oneline").stdout
        #expect(log.hasSuffix("Update seat\n"), "\(log)")
        #expect(!log.contains("(Update seat)"))
    }

    @Test func mistakesGetTheSubcommandsUsageAndADidYouMean() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--seat", "alice")
        try session.flowctl("add-block", "play", "--id", "greet")
        let typo = try session.flowctl("lgo")
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("'lgo' is not a flowctl command; did you mean log?"), "\(typo.stderr)")
        let help = try session.flowctl("help", "nosuch")
        #expect(help.status == 64 && help.stdout.isEmpty)
        let type = try session.flowctl("add-block", "plya")
        #expect(type.stderr.contains("(did you mean play?)"))
        let unknown = try session.flowctl("set", "greet", "nosuch=1")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Usage: flowctl set "), "\(unknown.stderr)")
        let exit = try session.flowctl("connect", "greet:nope", "greet")
        #expect(exit.status == 64, "an unknown exit is a usage error: \(exit.stderr)")
        let both = try session.flowctl("set", "greet", "answer=true", "--unset", "answer")
        #expect(both.status == 64)
        #expect(both.stderr.contains("answer is both set and unset"))
    }

    @Test func outputIsAlignedOrderedAndCompleteForScripts() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("create", "A much longer flow name", "--seat", "bob")
        let rows = try session.flowctl("list").stdout.split(separator: "\n").map(String.init)
        let seatColumns = Set(rows.map { $0.range(of: "seat ")!.lowerBound.utf16Offset(in: $0) })
        #expect(rows.count == 2 && seatColumns.count == 1, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("*") && $0.contains("a-much-longer-flow-name") })

        for id in ["b10", "b2", "b1"] { try session.flowctl("add-block", "play", "--id", id) }
        try session.flowctl("connect", "main", "b10")
        try session.flowctl("connect", "b10", "b2")
        let show = try session.flowctl("show").stdout
        let order = ["b10", "b2", "b1"].map { show.range(of: "  \($0) (play)")!.lowerBound }
        #expect(order == order.sorted(), "call order: \(show)")
        let diff = try session.flowctl("diff").stdout
        let natural = ["b1", "b2", "b10"].map { diff.range(of: "block \($0):")!.lowerBound }
        #expect(natural == natural.sorted(), "natural order: \(diff)")

        let json = try session.flowctl("diff", "--json").stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let added = (object?["changes"] as? [[String: Any]])?.first { $0["kind"] as? String == "added" }
        #expect((added?["new"] as? [String: Any])?["type"] as? String == "play", "\(json)")
        let failure = try session.flowctl("show", "nosuch", "--json")
        #expect(failure.status == 1)
        let error = try JSONSerialization.jsonObject(with: Data(failure.stdout.utf8)) as? [String: String]
        #expect(error?["error"]?.contains("no flow 'nosuch'") == true, "\(failure.stdout)")
    }

    @Test func gitsColourConfigAndColourEverywhere() throws {
        let session = try Session()
        session.environment["NO_COLOR"] = nil
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--seat", "alice")
        try session.flowctl("add-block", "play", "--id", "greet")
        let escape = "\u{1B}["
        #expect(!(try session.flowctl("validate").stdout.contains(escape)), "piped output is plain")
        try session.git("config", "color.ui", "always")
        #expect(try session.flowctl("validate").stdout.contains(escape + "31merror"))
        try session.git("config", "color.validate", "never")
        #expect(!(try session.flowctl("validate").stdout.contains(escape)), "color.<command> wins over color.ui")
        #expect(try session.flowctl("validate", "--color", "always").stdout.contains(escape), "--color wins")
        try session.git("config", "--unset", "color.ui")
        let patch = try session.flowctl("diff", "--patch", "--color", "always").stdout
        #expect(patch.contains(escape + "32m+type: play"), "\(patch)")
        let stat = try session.flowctl("diff", "--stat", "--color", "always").stdout
        #expect(stat.contains(escape + "32m+"), "\(stat)")
        try session.flowctl("set", "greet", "media=hello.mp3")
        try session.flowctl("save", "-m", "Greet")
        // show: the name bold and block ids cyan; list: the open flow green, as git branch shows
        // the current branch; simulate: the ending green when the call ends as routed.
        let show = try session.flowctl("show", "--color", "always").stdout
        #expect(show.contains(escape + "1mSupport Line") && show.contains(escape + "36mgreet"), "\(show)")
        let list = try session.flowctl("list", "--color", "always").stdout
        #expect(list.hasPrefix(escape + "32m*  support-line"), "\(list)")
        let simulate = try session.flowctl("simulate", "--from", "+15551230000", "--dry-run", "--color", "always")
        #expect(simulate.stdout.contains(escape + "32mThe call ends"), "\(simulate.stdout)")
        try session.git("config", "color.show", "never")
        #expect(!(try session.flowctl("show").stdout.contains(escape)))
        for command in [["show"], ["list"], ["simulate", "--from", "+15551230000", "--dry-run"]] {
            let piped = try run(Session.binary, command, in: session.repo, environment: session.environment)
            #expect(!piped.stdout.contains(escape), "\(command) piped is plain")
        }
    }

    /// diff --json names each side by its commit id (null for the working tree), with the
    /// revision as it was given.
    @Test func diffJSONNamesCommits() throws {
        let session = try session()
        let ids = try session.git("rev-parse", "HEAD~1", "HEAD").split(separator: "\n").map(String.init)
        let between = try session.flowctl("diff", "@~1", "@", "--json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(between.utf8)) as? [String: Any])
        let from = try #require(object["from"] as? [String: Any])
        let to = try #require(object["to"] as? [String: Any])
        #expect(from["commit"] as? String == ids[0] && from["revision"] as? String == "@~1")
        #expect(to["commit"] as? String == ids[1])
        let working = try session.flowctl("diff", "--json").stdout
        let unsaved = try #require(try JSONSerialization.jsonObject(with: Data(working.utf8)) as? [String: Any])
        #expect((unsaved["from"] as? [String: Any])?["commit"] as? String == ids[1])
        #expect((unsaved["to"] as? [String: Any])?["commit"] is NSNull)
    }
}
