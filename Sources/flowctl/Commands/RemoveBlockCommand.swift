import ArgumentParser
import CallFlow
import FlowRepository

struct RemoveBlockCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-block",
        abstract: "Remove an action block; exits that led to it are cleared or bridged.",
        discussion: """
            Deletes blocks/<id>.yaml. Every exit that led to the block, and the start, is \
            cleared; with --bridge it leads on to where the removed block's next led.

            Example: flowctl remove-block notify --bridge
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: ArgumentHelp("The block's id.", valueName: "block"), completion: .blockIDs)
    var id: String

    @Flag(help: "Rewire exits that led to the block to its next.")
    var bridge = false

    func run() throws {
        try FlowWriter.editOpenFlow { flow in
            _ = try flow.requireBlock(id)
            try flow.removeBlock(id, bridge: bridge)
        }
    }
}
