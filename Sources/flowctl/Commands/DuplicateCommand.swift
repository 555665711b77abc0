import ArgumentParser
import FlowRepository

struct DuplicateCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicate",
        abstract: "Copy a call flow to a new flow named '<name> copy', and open the copy.",
        discussion: """
            The copy lives on a new branch flows/<id>-copy that starts from the original's last \
            save, so its history shows where it came from; one commit renames it and removes its \
            extension and phone numbers (each routes calls to one flow only). The seat and every \
            block are kept; the original is untouched. Refuses while the open flow has unsaved \
            changes; 'flowctl save --duplicate' saves them first. --name gives the copy its own \
            name (and the id made from it) instead of '<name> copy'.

            Example: flowctl duplicate "Support Line"
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The flow to copy, by id or name (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Option(help: ArgumentHelp("The copy's name (default: '<name> copy').", valueName: "name"))
    var name: String?

    func validate() throws {
        if let name { try validateFlowName(name) }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.flowID(flow)
        let copy = try writer.duplicate(id, name: name)
        Output.note("Duplicated \(id) as \(copy.flowID) on branch flows/\(copy.flowID), now open")
    }
}
