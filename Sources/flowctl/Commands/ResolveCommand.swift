import ArgumentParser
import FlowRepository

struct ResolveCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle a merge conflict with our value or theirs.",
        discussion: """
            During a merge 'flowctl pull' left in progress, sets the conflicting field (or \
            block) in the working files to our side's value (--ours) or the remote's \
            (--theirs), and marks it settled. NAME is what 'flowctl status' lists: \
            BLOCK.FIELD (notify.url, notify.next, menu.exits.1), main.FIELD for the main block, \
            or BLOCK for every conflict of a block (a block removed on one side and changed on \
            the other is settled whole). An exit left leading to a removed block is settled by \
            an edit ('flowctl connect'), not here.

            Example: flowctl resolve notify.url --theirs
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The conflict: BLOCK.FIELD, main.FIELD or BLOCK.")
    var name: String

    @Flag(help: "Keep this flow's value.")
    var ours = false

    @Flag(help: "Take the remote's value.")
    var theirs = false

    func validate() throws {
        if ours == theirs { throw ValidationError("give --ours or --theirs") }
    }

    func run() throws {
        let sync = try FlowSync.current()
        let repository = sync.writer.reader
        let settled = try sync.resolve(name, theirs: theirs)
        for conflict in settled { Output.note("\(conflict.name): settled with \(theirs ? "theirs" : "ours")") }
        if let status = try repository.mergeStatus() {
            Output.note(
                status.unresolved.isEmpty
                    ? "Every conflict is settled: 'flowctl save' writes the merge"
                    : "\(status.unresolved.count) conflict\(status.unresolved.count == 1 ? "" : "s") left")
        }
    }
}
