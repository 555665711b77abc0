import ArgumentParser
import Testing

@testable import flowctl

/// The argument rules, checked in-process without running anything.
@Suite struct ParsingTests {
    @Test func everySubcommandParses() throws {
        for arguments in [
            ["init"], ["create", "X", "--number", "+15551234567", "--number", "+15557654321"], ["list", "--json"],
            ["open", "x"], ["show", "--rev", "~1", "--format", "json"], ["status", "--json"],
            ["set-main", "--no-numbers"], ["save", "-m", "m", "--duplicate"], ["duplicate"], ["cancel", "-y"],
        ] {
            _ = try Flowctl.parseAsRoot(arguments)
        }
    }

    @Test func conflictingAndEmptyOptionsAreRefused() {
        for arguments in [
            ["save", "--duplicate", "--create", "X"], ["save", "-m", "  "], ["set-main"],
            ["set-main", "--extension", "1", "--no-extension"], ["show", "--format", "xml"], ["create", "?"],
            ["set-main", "--seat", ""],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try Flowctl.parseAsRoot(arguments) }
        }
    }

    @Test func createCollectsRepeatedNumbers() throws {
        let command = try #require(
            try Flowctl.parseAsRoot(["create", "X", "--number", "+15551234567", "--number", "+15557654321"])
                as? CreateCommand)
        #expect(command.main.numbers == ["+15551234567", "+15557654321"])
    }

    @Test func gitHabitsAreRewrittenIntoTheCommandsOwnOptions() {
        #expect(GitStyleArguments(["--no-pager", "log"]).arguments == ["log", "--no-pager"])
        #expect(GitStyleArguments(["--color", "never", "list"]).arguments == ["list", "--color", "never"])
        #expect(
            GitStyleArguments(["--color=always", "diff", "--patch"]).arguments == ["diff", "--color=always", "--patch"])
        #expect(
            GitStyleArguments(["-C", "repo", "status"])
                == GitStyleArguments(arguments: ["status"], directories: ["repo"]))
        #expect(GitStyleArguments(["log", "-1"]).arguments == ["log", "-n", "1"])
        #expect(GitStyleArguments(["log", "-n1", "--oneline"]).arguments == ["log", "-n", "1", "--oneline"])
        #expect(GitStyleArguments(["log", "-n=5"]).arguments == ["log", "-n", "5"])
        #expect(GitStyleArguments(["diff", "-1"]).arguments == ["diff", "-1"])
        #expect(GitStyleArguments([]).arguments.isEmpty)
        #expect(GitStyleArguments(["--version"]).arguments == ["--version"])
    }
}
