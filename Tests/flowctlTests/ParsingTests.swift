import ArgumentParser
import Foundation
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

/// `log` writes dates itself; they must be the bytes Foundation's formatters write.
@Suite struct DateTextTests {
    @Test func datesAreWhatFoundationWrites() {
        let git = LogCommand.gitDateFormatter()
        let iso = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        // Up to the last day of 9999 less a day, where every offset keeps the local year at 9999.
        var dates = [0, 951_782_400, 951_868_800, 1_700_000_000, 1_795_961_495, 4_107_542_400, 253_402_214_399]
        dates += (0..<3_000).map { _ in Int.random(in: 0...253_402_214_399, using: &generator) }
        for seconds in dates {
            let offset = [0, 60, -60, 330, -570, 765, -720, 840, Int.random(in: -840...840, using: &generator)]
                .randomElement(using: &generator)!
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            git.setTimeZone(offsetMinutes: offset)
            iso.setTimeZone(offsetMinutes: offset)
            #expect(
                DateText.git(date, offsetMinutes: offset, fallback: git) == git.string(from: date),
                "\(seconds) \(offset)")
            #expect(
                DateText.iso8601(date, offsetMinutes: offset, fallback: iso) == iso.string(from: date),
                "\(seconds) \(offset)")
        }
    }

    @Test func datesPast9999AndOffsetsPast18HoursStillPrint() {
        let late = Date(timeIntervalSince1970: 253_402_300_800)  // 10000-01-01, where Foundation stops
        #expect(
            DateText.git(late, offsetMinutes: 0, fallback: LogCommand.gitDateFormatter())
                == "Sat Jan 1 00:00:00 10000 +0000")
        let far = Date(timeIntervalSince1970: 0)
        #expect(
            DateText.iso8601(far, offsetMinutes: 1_439, fallback: ISO8601DateFormatter()) == "1970-01-01T23:59:00+23:59"
        )
    }

    @Test func datesBefore1970AreLeftToFoundation() {
        let git = LogCommand.gitDateFormatter()
        let date = Date(timeIntervalSince1970: -86_400 * 365)
        git.setTimeZone(offsetMinutes: 0)
        #expect(DateText.git(date, offsetMinutes: 0, fallback: git) == git.string(from: date))
    }
}
