import ArgumentParser
import CallFlow
import FlowRepository

struct SetMainCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-main",
        abstract: "Edit the open flow's main block: name, extension, phone numbers, seat.",
        discussion: """
            An edit, not a save: the change stays in the working tree until 'flowctl save'. \
            --number replaces the flow's numbers (repeat it for several); --no-extension and \
            --no-numbers clear them. Renaming keeps the flow's id and branch.

            Example: flowctl set-main --seat bob --number +15551234567 --number +15557654321
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Option(help: ArgumentHelp("The flow's new name.", valueName: "name"))
    var name: String?

    @OptionGroup var main: MainBlockOptions

    @Flag(help: "Remove the extension.")
    var noExtension = false

    @Flag(help: "Remove every phone number.")
    var noNumbers = false

    func validate() throws {
        if let name { try validateFlowName(name) }
        if noExtension && main.extension != nil { throw ValidationError("--extension and --no-extension conflict") }
        if noNumbers && !main.numbers.isEmpty { throw ValidationError("--number and --no-numbers conflict") }
        if name == nil && main.extension == nil && main.numbers.isEmpty && main.seat == nil && !noExtension
            && !noNumbers
        {
            throw ValidationError(
                "nothing to set: give --name, --extension, --number, --seat, --no-extension or --no-numbers")
        }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.flowID(nil)
        if let name, let other = try FlowChecks(repository).knownFlows().flow(named: name, except: id) {
            throw WriteError.nameTaken(name, by: other)
        }
        let (before, after) = try writer.editWorkingFlow { flow in
            if let name { flow.main.name = name }
            if let ext = main.extension { flow.main.extension = ext }
            if noExtension { flow.main.extension = nil }
            if !main.numbers.isEmpty { flow.main.numbers = main.numbers }
            if noNumbers { flow.main.numbers = [] }
            if let seat = main.seat { flow.main.seat = seat }
        }
        let changes = FlowDiff.changes(from: before, to: after)
        if changes.isEmpty { Output.remark("No change: the main block already had those values.") }
        for change in changes { Output.note(ChangeText.line(change)) }
        Output.warn(try FlowChecks(repository).clashes(of: id, main: after.main))
    }
}
