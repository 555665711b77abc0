import ArgumentParser
import FlowRepository

struct RenameCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Rename a call flow, and with --id move it to a new id.",
        discussion: """
            Saves the flow with its new name (names are unique). --id also moves its branch to \
            flows/<NEW-ID>, history kept, and every callflow block of every flow that handed \
            calls to it by its old id or name is pointed at the new id, in one save per flow; \
            all of it succeeds or none of it does. Refuses while the open flow has unsaved \
            edits. Published versions keep their tags under the old id.

            Example: flowctl rename helpdesk-copy "Billing Desk" --id billing-desk
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The flow's id or name.", completion: .flowIDs)
    var flow: String

    @Argument(help: ArgumentHelp("The new name.", valueName: "new-name"))
    var newName: String

    @Option(name: .customLong("id"), help: "A new id (a-z, 0-9 and '-'): the branch moves to flows/<id>.")
    var newID: String?

    func validate() throws { try validateFlowName(newName) }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.resolveFlow(flow)
        let renamed = try writer.rename(id, to: newName, newID: newID)
        Output.note("Renamed \(id) to '\(newName)'" + (renamed.id == id ? "" : " on branch flows/\(renamed.id)"))
        for other in renamed.retargeted { Output.note("  \(other): callflow blocks now hand calls to \(renamed.id)") }
    }
}

struct RenameBlockCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename-block",
        abstract: "Rename an action block and rewire every exit that leads to it.",
        discussion: """
            Renames blocks/OLD.yaml to blocks/NEW.yaml and points every exit, and the start, \
            that led to OLD at NEW. An edit, saved by 'flowctl save'; diff shows it as a rename.

            Example: flowctl rename-block notify crm-hook
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The block's id.", completion: .blockIDs)
    var old: String

    @Argument(help: ArgumentHelp("Its new id (a-z, 0-9 and '-').", valueName: "new-id"))
    var new: String

    func run() throws {
        try FlowWriter.editOpenFlow { flow in try flow.renameBlock(old, to: new) }
    }
}
