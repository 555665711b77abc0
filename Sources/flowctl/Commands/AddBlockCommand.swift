import ArgumentParser
import CallFlow
import FlowRepository

struct AddBlockCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-block",
        abstract: "Add an action block from the catalog to the open flow.",
        discussion: """
            Writes blocks/<id>.yaml with the type's defaults and the --set values; the id \
            defaults to the type (webhook, webhook-2, ...). The flow's first block becomes its \
            start. --after BLOCK[:EXIT] splices the block in: it takes over that exit (next when \
            none is named), and its own next leads where the exit led; --after main makes it the \
            first block. Blocks can be added only once the main block has a seat. Map parameters \
            are set one entry at a time (--set data.customer=acme).

            Example: flowctl add-block webhook --id notify --after main --set url=https://hooks.example.com/calls
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The block type (see 'flowctl catalog').", completion: .blockTypes)
    var type: String

    @Option(help: ArgumentHelp("The block's id (a-z, 0-9 and '-').", valueName: "id"))
    var id: String?

    @Option(
        help: ArgumentHelp(
            "Splice the block in after this block's exit (BLOCK or BLOCK:EXIT, or main).", valueName: "exit"),
        completion: .blockIDs)
    var after: String?

    @Option(name: .customLong("set"), help: "A parameter value, as NAME=VALUE or NAME.KEY=VALUE; repeat for several.")
    var settings: [String] = []

    func validate() throws {
        let type = try Catalog.standard.requireType(self.type)
        if let id, let problem = FlowCodec.blockReferenceProblem(id) { throw ValidationError(problem) }
        for setting in settings {
            do { _ = try Setting.parse(setting, for: type) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let type = try Catalog.standard.requireType(self.type)
        let settings = try self.settings.map { text in try Setting.parse(text, for: type) }
        try FlowWriter.editOpenFlow { flow in
            try flow.addBlock(type: type, id: id, after: after.map(ExitReference.init(parsing:)), settings: settings)
        }
    }
}
