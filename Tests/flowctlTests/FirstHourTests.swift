import Foundation
import TestSupport
import Testing

/// What a new user meets in the first hour, on a terminal as they would (through `script`).
@Suite struct FirstHourTests {
    /// `flowctl ARGS` on a pseudo-terminal of `columns` columns; its lines without the CRs.
    func onTerminal(_ session: Session, _ arguments: String, columns: Int) throws -> [String] {
        var environment = session.environment
        environment["COLUMNS"] = "\(columns)"
        let result = try run(
            "/usr/bin/script", ["-qec", "\(Session.binary) \(arguments)", "/dev/null"], in: session.repo,
            environment: environment)
        return result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
    }

    @Test(arguments: [60, 80, 100])
    func listFitsTheTerminalAndCutsNamesLast(_ columns: Int) throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl(
            "create", "Support Line for the Northern Region", "--extension", "101", "--number", "+15551234567",
            "--number", "+15551234568", "--number", "+15551234569", "--seat", "alice-the-administrator")
        try session.flowctl("create", "Night Service Desk", "--extension", "102", "--seat", "bob")
        let lines = try onTerminal(session, "list", columns: columns)
        #expect(lines.count == 3, "\(lines)")
        for line in lines { #expect(line.count <= columns, "\(line.count) > \(columns): \(line)") }
        if columns >= 80 {
            #expect(lines.contains { $0.contains("Night Service Desk") }, "a short name is cut: \(lines)")
        }
        // The name keeps most of itself: the other columns gave up their room first.
        let support = try #require(lines.first { $0.contains("Support") })
        #expect(support.contains(columns >= 80 ? "Support Line for the" : "Support Line"), "\(support)")
        let piped = try session.flowctl("list").stdout
        #expect(piped.contains("Support Line for the Northern Region"))
        #expect(piped.contains("+15551234567, +15551234568, +15551234569"))
        #expect(piped.contains("seat alice-the-administrator"))
    }

    @Test func aDraftSavesWithWarningsAndQuietMeansQuiet() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "notify")  // no url yet: a draft
        let saved = try session.flowctl("save", "-m", "Draft")
        #expect(saved.status == 0)
        #expect(saved.stderr.contains("warning: saving with 1 problem"), "\(saved.stderr)")
        #expect(!saved.stderr.split(separator: "\n").contains { $0.hasPrefix("error") }, "\(saved.stderr)")
        #expect(try session.git("log", "-1", "--format=%s") == "Draft")

        try session.flowctl("set-main", "--seat", "bob")
        let quiet = try session.flowctl("save", "-q", "-m", "Quiet draft")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet)")
        for command in [["open", "-q", "support-line"], ["set-main", "-q", "--seat", "bob"]] {
            let result = try run(Session.binary, command, in: session.repo, environment: session.environment)
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(command): \(result)")
        }
    }

    @Test func flowctlAloneFitsOneScreenAndNamesRealCommands() throws {
        let session = try Session()
        let alone = try run(Session.binary, [], in: session.scratch.path, environment: session.environment)
        #expect(alone.status == 1)
        let lines = alone.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 24 && lines.allSatisfy { $0.count <= 80 }, "\(alone.stderr)")
        let named = lines.filter { $0.hasPrefix("   ") }.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(named.count >= 20)
        for command in named {
            let help = try run(
                Session.binary, ["help", command], in: session.scratch.path, environment: session.environment)
            #expect(help.status == 0, "flowctl help \(command)")
        }
        // The advice it ends with works.
        let all = try run(Session.binary, ["help"], in: session.scratch.path, environment: session.environment)
        #expect(all.status == 0 && all.stdout.contains("SUBCOMMANDS"), "\(all.stdout.prefix(200))")
    }

    @Test func aFileThatCannotBeWrittenIsNamedWithTheSystemsReason() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        let notAFolder = session.scratch.path + "/file"
        try "x".write(toFile: notAFolder, atomically: true, encoding: .utf8)
        for command in [
            ["export", "--format", "kazoo", "-o", notAFolder],
            ["render", "--format", "dot", "-o", notAFolder + "/x.dot"],
        ] {
            let result = try run(Session.binary, command, in: session.repo, environment: session.environment)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains(notAFolder), "\(result.stderr)")
            #expect(
                !result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("error 512"),
                "\(result.stderr)")
        }
        let rendered = try session.flowctl("render", "--format", "dot", "-o", session.scratch.path + "/flow.dot")
        #expect(rendered.status == 0 && rendered.stdout.contains("Wrote \(session.scratch.path)/flow.dot"))
    }

    /// Every reading command has --json, and publish --list shows the versions; the oracle is
    /// git: its remotes, tags and refs.
    @Test func theListingsHaveJSONAndPublishListsVersions() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("save", "-m", "First")
        try session.flowctl("publish", "-m", "Go live")
        try session.flowctl("set-main", "--seat", "bob")
        try session.flowctl("save", "-m", "Bob")
        try session.flowctl("publish", "-m", "Bob takes over")
        let listed = try session.flowctl("publish", "--list")
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("v1") && lines[1].hasPrefix("v2"), "\(listed.stdout)")
        #expect(lines[1].hasSuffix("Bob takes over  (live)") && !lines[0].contains("(live)"), "\(listed.stdout)")
        let versions = try json(session.flowctl("publish", "--list", "--json").stdout)
        #expect(versions.map { $0["tag"] as? String } == ["published/support-line/v1", "published/support-line/v2"])
        #expect(versions.map { $0["live"] as? Bool } == [false, true])
        let tagged = try session.git("rev-parse", "published/support-line/v2^{commit}")
        #expect(versions.last?["commit"] as? String == tagged)

        try session.git("remote", "add", "origin", "../elsewhere.git")
        let remotes = try json(session.flowctl("remote", "--json").stdout)
        #expect(remotes.count == 1 && remotes[0]["name"] as? String == "origin")
        #expect(remotes[0]["url"] as? String == (try session.git("remote", "get-url", "origin")))

        try session.flowctl("set-main", "--seat", "carol")
        try session.flowctl("cancel", "--yes")
        let kept = try json(session.flowctl("cancel", "--list", "--json").stdout)
        #expect(kept.count == 1 && kept[0]["flow"] as? String == "support-line")
        let keptRef = try #require(kept.first?["reference"] as? String)
        #expect(try session.git("rev-parse", keptRef) == kept[0]["commit"] as? String)

        try session.flowctl("create", "Night", "--extension", "102", "--seat", "bob")
        try session.flowctl("delete", "support-line", "--yes")
        let deleted = try json(session.flowctl("delete", "--list", "--json").stdout)
        #expect(deleted.count == 1 && deleted[0]["name"] as? String == "Support Line")
        #expect(try session.flowctl("cancel", "--json").status == 64)
    }

    /// simulate prints each step as it is taken: the first step's line arrives while a later
    /// webhook still waits on a server that never answers.
    @Test func simulatePrintsEachStepAsItHappens() throws {
        let fast = try WebhookReceiver(answers: ["200"])
        let silent = try WebhookReceiver(answers: ["hang"])
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "first", "--set", "url=\(fast.url)", "--set", "retries=0")
        try session.flowctl(
            "add-block", "webhook", "--id", "slow", "--after", "first", "--set", "url=\(silent.url)", "--set",
            "retries=0")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Session.binary)
        process.arguments = ["simulate", "--from", "+15551230000", "--timeout", "20"]
        process.currentDirectoryURL = URL(fileURLWithPath: session.repo)
        process.environment = session.environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("1. first (webhook)"),
            let chunk = try output.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty
        {
            seen += chunk
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("1. first (webhook)"), "\(seen)")
        #expect(process.isRunning, "the first step was printed only when the walk ended")
        #expect(try fast.requests().count == 1)
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text)")
    }
}
