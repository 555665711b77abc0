import ArgumentParser
import CallFlow
import FlowRepository

struct ConnectCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Point a block's exit at another block.",
        discussion: """
            BLOCK alone is its next exit; BLOCK:EXIT names another (a menu's digit or timeout, a \
            time-of-day block's rule or default). main is the flow's start. TARGET none clears \
            the exit.

            Example: flowctl connect menu:1 sales
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: ArgumentHelp("The exit: BLOCK, BLOCK:EXIT, or main.", valueName: "exit"), completion: .exits)
    var exit: String

    @Argument(help: ArgumentHelp("The block it leads to, or none.", valueName: "target"), completion: .targets)
    var target: String

    func run() throws {
        try FlowWriter.editOpenFlow { flow in
            try flow.connect(ExitReference(parsing: exit), to: target == "none" ? nil : target)
        }
    }
}
