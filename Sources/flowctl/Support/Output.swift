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
        /// Whether colour is still git's config to decide (no --color given).
        var colorFromConfig = false
        /// The subcommand, for `color.<command>`.
        var command = ""
        /// Whether the command line asked for JSON (`--json`, `--format json`): an error is then
        /// also printed on stdout as `{"error": "..."}`.
        var jsonErrors = false
        /// Whether stdout and stderr are terminals, where control characters are shown escaped.
        var stdoutIsTerminal = false
        var stderrIsTerminal = false
        /// The terminals' widths, where they are terminals.
        var stdoutWidth: Int?
        var stderrWidth: Int?
    }

    /// The terminal's width in columns when stdout is one (COLUMNS, else the terminal's own).
    static var terminalWidth: Int? { settings.stdoutWidth }

    /// The terminal's width when stderr is one, for diagnostics.
    static var stderrWidth: Int? { settings.stderrWidth }

    /// The width of the terminal on `descriptor`: COLUMNS, else what the terminal says, else 80.
    /// Read once, when the command starts: every line printed asks for it.
    private static func width(of descriptor: Int32) -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        var size = winsize()
        return ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    /// `text` with URL passwords written in clear shown as `***`. Resolved placeholder values
    /// never get this far: the webhook layer keeps them out of the only texts that can quote
    /// them (libcurl's messages, a redirect's Location), so nothing is replaced inside words.
    static func redacted(_ text: String) -> String {
        URLPassword.redacted(text)
    }

    /// Whether stdout was closed when flowctl started (it now goes to /dev/null), and whether a
    /// result was meant for it: then the command fails, as its output was lost.
    nonisolated(unsafe) private static var stdoutWasClosed = false
    /// flowctl's own buffered stream on descriptor 1, whose write errors it can read back.
    nonisolated(unsafe) private static let standardOutput = fdopen(STDOUT_FILENO, "w")
    nonisolated(unsafe) private static var wroteResult = false

    /// Gives every standard stream that is closed at start /dev/null instead, as git does: else
    /// the next file flowctl opens (the index, a lock) would take its number and receive output.
    static func guardStandardStreams() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            if fd == STDOUT_FILENO { stdoutWasClosed = true }
            if fd == STDERR_FILENO { stderrWasClosed = true }
        }
    }

    /// Decides colour and paging from the command's options and the terminal, before any output.
    static func configure(_ options: OutputOptions, quiet: Bool, command: String) {
        let environment = ProcessInfo.processInfo.environment
        let terminal = isatty(STDOUT_FILENO) == 1
        switch options.color {
        case .always: settings.color = true
        case .never: settings.color = false
        case .auto:
            settings.color = terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
            settings.colorFromConfig = true
        }
        settings.command = command
        settings.quiet = quiet
        settings.pagerAllowed = terminal && !options.noPager
        settings.stdoutIsTerminal = terminal
        settings.stderrIsTerminal = isatty(STDERR_FILENO) == 1
        settings.stdoutWidth = terminal ? width(of: STDOUT_FILENO) : nil
        settings.stderrWidth = settings.stderrIsTerminal ? width(of: STDERR_FILENO) : nil
    }

    /// Applies git's colour settings once the repository is known, as git does, unless --color
    /// was given: `color.<command>`, else `color.ui` (`never`/`false` off, `always`/`true` on,
    /// `auto` as on a terminal). `config` reads a git configuration value.
    static func applyColorConfig(_ config: (String) throws -> String?) {
        guard settings.colorFromConfig else { return }
        settings.colorFromConfig = false
        guard let value = (try? config("color.\(settings.command)")) ?? (try? config("color.ui")) else { return }
        switch value.lowercased() {
        case "never", "false", "off", "no": settings.color = false
        case "always", "true", "on", "yes": settings.color = true
        default: break
        }
    }

    /// A result: what the user asked to see. Prose: on a terminal, long lines fold at its width.
    static func result(_ text: String) {
        let text = terminalWidth.map { Wrap.lines(text, width: $0) } ?? text
        emit(Terminal.render(redacted(text), onTerminal: settings.stdoutIsTerminal))
    }

    /// A result that is a document (YAML, a patch, a picture's source, an export): its lines are
    /// kept whole on a terminal too, as cutting them would change what they say.
    static func document(_ text: String) {
        emit(Terminal.render(redacted(text), onTerminal: settings.stdoutIsTerminal))
    }

    /// A note on what a command did ("Saved ..."); --quiet leaves it out.
    static func note(_ text: String) {
        if !settings.quiet { result(text) }
    }

    /// A line on stderr. Written straight to the descriptor: a failing stderr (a full disk, a
    /// closed pipe) is not worth a crash, and the command's work is done or undone by then.
    static func diagnostic(_ text: String) {
        prompt((stderrWidth.map { Wrap.lines(text, width: $0) } ?? text) + "\n")
    }

    /// A remark on stderr about what a command did not need to do ("No change", "already
    /// open"): not a result, not an error, so --quiet leaves it out.
    static func remark(_ text: String) {
        if !settings.quiet { diagnostic(text) }
    }

    /// Findings as warnings on stderr (`warning: support-line: extension: ...`), unless --quiet.
    static func warn(_ findings: [Finding]) {
        guard !settings.quiet else { return }
        for finding in findings { diagnostic("warning: \(finding)") }
    }

    /// Text on stderr without a line end (a question).
    static func prompt(_ text: String) {
        // A diagnostic that cannot be seen fails the command, as a failing stderr does.
        if stderrWasClosed { stderrFailed = true }
        let bytes = Array(Terminal.render(redacted(text), onTerminal: settings.stderrIsTerminal).utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + done, $0.count - done) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                stderrFailed = true
                return
            }
            done += count
        }
    }

    nonisolated(unsafe) private static var stderrFailed = false
    nonisolated(unsafe) private static var stderrWasClosed = false

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode([text])) ?? Data("[\"\"]".utf8)
        return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
    }

    /// Writes a result line (or part of one) to stdout: every result goes through here.
    /// Sends what is buffered for stdout now: for output that tells of progress as it happens.
    static func flush() {
        if let standardOutput { fflush(standardOutput) }
    }

    static func emit(_ line: String, newline: Bool = true) {
        wroteResult = true
        guard let standardOutput else { return }
        let line = settings.stdoutIsTerminal ? Terminal.escapedForTerminal(line) : line
        fputs(newline ? line + "\n" : line, standardOutput)
    }

    /// Sends the rest of stdout through a pager, chosen as git chooses one: GIT_PAGER, then the
    /// repository's core.pager, then PAGER, then less (with LESS=FRX unless LESS is set). Only on
    /// a terminal and without --no-pager; an empty pager or `cat` means none. The configuration
    /// is read only when a pager may start.
    static func startPager(configured: () throws -> String?) rethrows {
        guard settings.pagerAllowed, pager == nil else { return }
        let environment = ProcessInfo.processInfo.environment
        let command = try environment["GIT_PAGER"] ?? configured() ?? environment["PAGER"] ?? "less"
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

    /// Hands the last output to the pager and waits for the user to leave it. Output that could
    /// not be written (a full disk, a closed stdout) fails the command: exit 1, said on stderr.
    static func finish() {
        var reason: String?
        if let standardOutput, fflush(standardOutput) != 0 || ferror(standardOutput) != 0 {
            reason = String(cString: strerror(errno == 0 ? EIO : errno))
        }
        if let pager {
            close(STDOUT_FILENO)
            _ = Spawn.wait(pager)
        }
        if stdoutWasClosed && wroteResult {
            diagnostic("error: could not write the output: stdout is closed")
            Foundation.exit(ExitCode.failure.rawValue)
        }
        if let reason {
            diagnostic("error: could not write the output: \(reason)")
            Foundation.exit(ExitCode.failure.rawValue)
        }
        if stderrFailed { Foundation.exit(ExitCode.failure.rawValue) }
    }

    /// Prints `error` the way every command does and exits: `error: ...` on stderr with status 1
    /// for failures, 64 for bad arguments (with the usage); help and version on stdout with 0.
    /// `command` is the subcommand that was running, when parsing got that far: a usage error it
    /// finds itself shows its own usage, not the top-level one.
    static func exit(with error: Error, command: ParsableCommand.Type? = nil) -> Never {
        if settings.jsonErrors, !(error is ExitCode) {
            // A script reading --json output gets the error there too, as an object.
            let text =
                switch error {
                case is FlowError, is WriteError, is SyncError, is FlowFileError, is EditError, is UserError: "\(error)"
                case let usage as ValidationError: usage.message
                default: Flowctl.message(for: error)
                }
            emit("{\"error\": \(jsonString(text))}")
        }
        finish()
        switch error {
        case is FlowError, is WriteError, is SyncError, is FlowFileError, is EditError, is UserError:
            diagnostic("error: \(error)")
            Flowctl.exit(withError: ExitCode.failure)
        case let code as ExitCode:
            Flowctl.exit(withError: code)
        case let usage as ValidationError where command != nil:
            let name = command!.configuration.commandName ?? ""
            diagnostic(
                "error: \(usage.message)\nUsage: \(Flowctl.usageString(for: command!))\n"
                    + "  See 'flowctl \(name) --help' for more information.")
            Foundation.exit(ExitCode.validationFailure.rawValue)
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

    @Option(
        help: ArgumentHelp("Colour output: auto (on a terminal without NO_COLOR), always or never.", valueName: "when"))
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
