import ArgumentParser
import FlowRepository

struct RemoteCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "List, add or remove the repositories flows are shared through.",
        discussion: """
            Without a subcommand, lists the remotes' names; -v adds their URLs. These are git's \
            remotes: 'git remote' sees the same.

            Example: flowctl remote add origin ssh://git@pbx.example.com/flows.git
            """,
        subcommands: [Add.self, Remove.self])

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Show each remote's URL.")
    var verbose = false

    @Flag(help: "Print JSON for scripts: an array of objects with name and url.")
    var json = false

    func run() throws {
        let remotes = try FlowSync.current().remotes()
        if json { return try Output.json(remotes.map { RemoteJSON(name: $0.name, url: $0.url) }) }
        Output.result(remotes.map { verbose ? "\($0.name)\t\($0.url)" : $0.name }.joined(separator: "\n"))
    }

    struct Add: OutputCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a remote.",
            discussion: "Example: flowctl remote add origin ../shared.git")

        @OptionGroup var output: OutputOptions

        @Argument(help: "The remote's name.")
        var name: String

        @Argument(help: "Its URL: a path, file://, git://, http(s)://, ssh://.")
        var url: String

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        func run() throws {
            try FlowSync.current().addRemote(name, url: url)
        }
    }

    struct Remove: OutputCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a remote and its remote-tracking branches.",
            discussion: "Example: flowctl remote remove origin")

        @OptionGroup var output: OutputOptions

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        @Argument(help: "The remote's name.")
        var name: String

        func run() throws {
            try FlowSync.current().removeRemote(name)
        }
    }
}
