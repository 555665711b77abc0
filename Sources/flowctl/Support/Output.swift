import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

/// Where everything a command says goes, the same for every command: results on stdout (through
/// a pager for long output on a terminal), notes on stdout unless --quiet, diagnostics on stderr.
enum Output {
    /// Set once, on the main thread, before a command runs; read-only afterwards.
    nonisolated(unsafe) static var settings = Settings()
    nonisolated(unsafe) private static var pager: pid_t?

    struct Settings {
        var color = false
        var quiet = false
        var pagerAllowed = false
    }

    /// Decides colour and paging from the command's options and the terminal, before any output.
    static func configure(_ options: OutputOptions, quiet: Bool) {
        let environment = ProcessInfo.processInfo.environment
        let terminal = isatty(STDOUT_FILENO) == 1
        switch options.color {
        case .always: settings.color = true
        case .never: settings.color = false
        case .auto: settings.color = terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
        settings.quiet = quiet
        settings.pagerAllowed = terminal && !options.noPager
    }

    /// A result: what the user asked to see.
    static func result(_ text: String) {
        print(text)
    }

    /// A note on what a command did ("Saved ..."); --quiet leaves it out.
    static func note(_ text: String) {
        if !settings.quiet { print(text) }
    }

    static func diagnostic(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Machine output: sorted keys and two-space indents, so the same data always prints the same.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Sends the rest of stdout through a pager, chosen as git chooses one: GIT_PAGER, then the
    /// repository's core.pager, then PAGER, then less (with LESS=FRX unless LESS is set). Only on
    /// a terminal and without --no-pager; an empty pager or `cat` means none.
    static func startPager(configured: String?) {
        guard settings.pagerAllowed, pager == nil else { return }
        let environment = ProcessInfo.processInfo.environment
        let command = environment["GIT_PAGER"] ?? configured ?? environment["PAGER"] ?? "less"
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty, command != "cat" else { return }
        var pagerEnvironment = environment
        if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "FRX" }
        if pagerEnvironment["LV"] == nil { pagerEnvironment["LV"] = "-c" }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)  // the pager must not hold its own input open
        guard let pid = try? Spawn.shell(command, environment: pagerEnvironment, input: readEnd) else {
            close(readEnd)
            close(writeEnd)
            return
        }
        close(readEnd)
        fflush(nil)
        dup2(writeEnd, STDOUT_FILENO)
        close(writeEnd)
        pager = pid
    }

    /// Hands the last output to the pager and waits for the user to leave it.
    static func finish() {
        fflush(nil)
        guard let pager else { return }
        close(STDOUT_FILENO)
        _ = Spawn.wait(pager)
    }

    /// Prints `error` the way every command does and exits: `error: ...` on stderr with status 1
    /// for failures, 64 for bad arguments (with the usage); help and version on stdout with 0.
    static func exit(with error: Error) -> Never {
        finish()
        switch error {
        case is FlowError, is FlowFileError, is EditError, is UserError:
            diagnostic("error: \(error)")
            Flowctl.exit(withError: ExitCode.failure)
        case let code as ExitCode:
            Flowctl.exit(withError: code)
        default:
            let code = Flowctl.exitCode(for: error)
            let message = Flowctl.fullMessage(for: error)
            if code == .success {
                print(message)
            } else if !message.isEmpty {
                diagnostic(message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message)
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// A refusal a command itself decides on, with the reason.
struct UserError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// The output options every command takes.
struct OutputOptions: ParsableArguments {
    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Option(help: "Colour output: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorMode = .auto

    @Flag(help: "Do not send long output (log, diff, show) through a pager.")
    var noPager = false
}

/// A command with the shared output options, and --quiet if it has one.
protocol OutputCommand: ParsableCommand {
    var output: OutputOptions { get }
    var quiet: Bool { get }
}

extension OutputCommand {
    var quiet: Bool { false }
}
