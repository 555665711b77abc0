import ArgumentParser
import FlowRepository

struct OpenCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open another call flow: check out its branch.",
        discussion: """
            Refuses, changing nothing, while the open flow has unsaved changes: save them \
            ('flowctl save') or discard them ('flowctl cancel') first.

            Example: flowctl open "Support Line"
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The flow's id or name.", completion: .flowIDs)
    var flow: String

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.resolveFlow(flow)
        if try repository.openFlowID() == id {
            Output.remark("Flow \(id) is already open.")
            return
        }
        let behind = try? repository.commitLeftBehind()
        try writer.open(id)
        Output.note("Opened flow \(id)")
        LeftBehind.warn(behind)
    }
}
