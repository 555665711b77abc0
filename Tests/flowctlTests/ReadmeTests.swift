import Foundation
import TestSupport
import Testing

/// The README's examples, run in order as a new user would follow them, in a scratch folder:
/// every command must succeed, except where the README says otherwise.
@Suite struct ReadmeTests {
    /// The README's `sh` code blocks from "A walk through" on, one command per line, comments cut.
    static func commands() throws -> [String] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let walk = text.range(of: "## A walk through") else { return [] }
        var commands: [String] = []
        var inBlock = false
        for line in text[walk.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock = line == "```sh"
                continue
            }
            guard inBlock else { continue }
            let command = (line.range(of: "  #").map { line[..<$0.lowerBound] } ?? line[...])
                .trimmingCharacters(in: .whitespaces)
            // Building and measuring are not part of the walk.
            guard !command.isEmpty, !command.hasPrefix("#"), !command.contains("swift build") else { continue }
            commands.append(command)
        }
        return commands
    }

    @Test func everyExampleRunsInOrder() throws {
        let session = try Session()
        var environment = session.environment
        environment["PATH"] =
            URL(fileURLWithPath: Session.binary).deletingLastPathComponent().path + ":"
            + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["CRM_HOST"] = "crm.example.com"
        let commands = try Self.commands()
        #expect(commands.count > 30, "found only \(commands.count) README commands")
        var folder = session.scratch.path
        let cwd = session.scratch.path + "/.cwd"
        for command in commands {
            let result = try run(
                "/bin/bash", ["-c", "\(command) && pwd > '\(cwd)'"], in: folder, environment: environment)
            // The example webhook host does not exist, so test-webhook reports it not delivered.
            let expected: Int32 = command.hasPrefix("flowctl test-webhook") ? 1 : 0
            #expect(result.status == expected, "\(command): \(result.stderr)")
            if result.status == 0, let moved = try? String(contentsOfFile: cwd, encoding: .utf8) {
                folder = moved.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        try GitCLI(directory: folder, environment: environment)("fsck", "--strict")
    }

    /// The same walk on a terminal of 80 columns, as a new user follows it: `scripts/readme-walk`
    /// checks each command says what the README's comment says and that every line fits.
    @Test func theWalkFitsEightyColumnsAndSaysWhatTheReadmeSays() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let session = try Session()
        let result = try run(
            root + "/scripts/readme-walk", ["--flowctl", Session.binary, "--columns", "80"], in: session.scratch.path,
            environment: session.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("as the README says, 0 not"), "\(result.stdout)")
    }
}
