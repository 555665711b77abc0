import ArgumentParser
import Foundation

@main
enum Entrypoint {
    static func main() {
        Output.guardStandardStreams()
        // Answered before the argument parser, whose reflection over the commands costs more
        // than the rest of the start-up (BENCHMARKS.md); the output is the one it would print.
        if CommandLine.arguments.dropFirst() == ["--version"] {
            Output.result(Flowctl.version)
            Output.finish()
            return
        }
        do {
            let line = GitStyleArguments(Array(CommandLine.arguments.dropFirst()))
            for directory in line.directories where !FileManager.default.changeCurrentDirectoryPath(directory) {
                throw UserError("cannot change to '\(directory)' (-C): no such folder")
            }
            // As git: no subcommand at all is a usage error.
            if line.arguments.isEmpty {
                Output.diagnostic(CommonCommands.text(usage: Flowctl.configuration.usage ?? "flowctl <command>"))
                Flowctl.exit(withError: ExitCode(1))
            }
            // set-webhook's --format is the body's format, not the output's.
            let formatIsOutput = line.arguments.first != "set-webhook"
            Output.settings.jsonErrors =
                line.arguments.contains("--json")
                || formatIsOutput
                    && (line.arguments.contains("--format=json")
                        || zip(line.arguments, line.arguments.dropFirst()).contains { $0 == ("--format", "json") })
            try Flowctl.requireKnownCommand(line.arguments)
            if line.arguments.count == 2, line.arguments[0] == "help", line.arguments[1] != "help" {
                ManualPage.showIfInstalled(command: line.arguments[1])
            }
            var command = try Flowctl.parseAsRoot(line.arguments)
            if let styled = command as? any OutputCommand {
                Output.configure(
                    styled.output, quiet: styled.quiet, command: type(of: styled).configuration.commandName ?? "")
            }
            do {
                try command.run()
            } catch {
                Output.exit(with: error, command: type(of: command))
            }
            Output.finish()
        } catch {
            Output.exit(with: error)
        }
    }
}
