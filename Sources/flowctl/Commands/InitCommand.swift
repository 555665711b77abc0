import ArgumentParser
import FlowRepository
import Foundation

struct InitCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a git repository to keep call flows in.",
        discussion: """
            Creates PATH (default: the current folder) and an empty git repository in it, or \
            reopens the one already there as 'git init' does. Flows are then added with \
            'flowctl create'. Use a repository of its own: creating the first flow switches the \
            working tree to that flow's branch.

            Example: flowctl init callflows && cd callflows
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "Where to make the repository.", completion: .directory)
    var path: String = "."

    func run() throws {
        let url = URL(fileURLWithPath: path)
        let existed = FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path)
        let repository = try FlowRepository.initialize(at: url.path)
        Output.note(
            "\(existed ? "Reinitialized existing" : "Initialized empty") flowctl repository in \(repository.gitDirectory)"
        )
    }
}
