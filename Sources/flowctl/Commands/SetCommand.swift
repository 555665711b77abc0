import ArgumentParser
import CallFlow
import FlowRepository

struct SetCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set parameters of any action block.",
        discussion: """
            Each value is checked against the block type's parameter in the catalog. Map \
            parameters take one entry at a time (data.customer=acme, rules.office="mon-fri \
            09:00-17:00"); --unset NAME or NAME.KEY removes one. An edit, saved by 'flowctl save'.

            Example: flowctl set greeting media=welcome.mp3 answer=true
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The block's id.", completion: .blockIDs)
    var block: String

    @Argument(help: ArgumentHelp("NAME=VALUE or NAME.KEY=VALUE.", valueName: "name=value"), completion: .settings)
    var settings: [String] = []

    @Option(
        name: .customLong("unset"),
        help: ArgumentHelp("A parameter (NAME or NAME.KEY) to remove; repeat for several.", valueName: "name"))
    var unset: [String] = []

    func validate() throws {
        if settings.isEmpty && unset.isEmpty {
            throw ValidationError("nothing to set: give NAME=VALUE or --unset NAME")
        }
        let set = Set(settings.compactMap { RequestItem($0)?.key })
        if let both = unset.first(where: set.contains) {
            throw ValidationError("\(both) is both set and unset: give one or the other")
        }
    }

    func run() throws {
        try FlowWriter.editOpenFlow { flow in
            var block = try flow.requireBlock(self.block)
            guard let type = Catalog.standard.type(named: block.type) else {
                throw EditError("block '\(block.id)' has unknown type '\(block.type)'; fix its file first")
            }
            let changes =
                try settings.map { try Setting.parse($0, for: type) }
                + unset.map { try Setting.parseUnset($0, for: type) }
            try block.apply(changes, type: type)
            flow.blocks[block.id] = block
        }
    }
}
