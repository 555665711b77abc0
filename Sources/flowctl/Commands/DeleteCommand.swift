import ArgumentParser
import FlowRepository
import Foundation

struct DeleteCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a call flow, recoverably.",
        discussion: """
            Deletes the branch flows/<id>, keeping its history under \
            refs/flowctl/deleted/<id>/<time> (not pushed by default; kept 90 days) so that \
            'flowctl undelete' brings it back. Refuses the open flow: open another one first. \
            Asks on a terminal; elsewhere it refuses without --yes. --list shows the deleted \
            flows that can be brought back, newest first.

            Example: flowctl delete "Old Promo" --yes
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The flow's id or name.", completion: .flowIDs)
    var flow: String?

    @Flag(name: [.short, .long], help: "Delete without asking.")
    var yes = false

    @Flag(help: "List the deleted flows that can be brought back.")
    var list = false

    @Flag(help: "With --list, print JSON: an array of objects with flow, name, commit, reference and time.")
    var json = false

    func validate() throws {
        if list == (flow != nil) { throw ValidationError(list ? "--list takes no FLOW" : "give the FLOW to delete") }
        if json && !list { throw ValidationError("--json goes with --list") }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        if list {
            let formatter = ISO8601DateFormatter()
            if json { return try Output.json(try FlowDiscards(writer).deletedFlows().map(DiscardJSON.init)) }
            for deleted in try FlowDiscards(writer).deletedFlows() {
                Output.result(
                    "\(deleted.flowID)  \(deleted.name ?? "?")  deleted \(formatter.string(from: deleted.time))")
            }
            return
        }
        let id = try repository.resolveFlow(flow!)
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw UserError("not deleting flow '\(id)' without confirmation: run 'flowctl delete \(id) --yes'")
            }
            Output.prompt("Delete flow \(id)? It can be brought back with 'flowctl undelete \(id)'. [y/N] ")
            guard let answer = readLine()?.lowercased(), answer == "y" || answer == "yes" else {
                Output.diagnostic("Kept flow \(id).")
                return
            }
        }
        let deleted = try FlowDiscards(writer).delete(id)
        Output.note("Deleted flow \(id); 'flowctl undelete \(id)' brings it back (kept as \(deleted.reference)).")
    }
}

struct UndeleteCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "undelete",
        abstract: "Bring back a deleted call flow.",
        discussion: """
            Restores the branch flows/<id> of the most recently deleted flow with that id (or \
            name), with all its history. Refuses when a flow has that id now. 'flowctl delete \
            --list' shows what can be brought back.

            Example: flowctl undelete old-promo
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The deleted flow's id or name.")
    var flow: String

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let restored = try FlowDiscards(writer).undelete(flow)
        Output.note("Brought back flow \(restored.flowID) on branch flows/\(restored.flowID)")
        if let flow = try? repository.savedFlow(restored.flowID) {
            Output.warn(try FlowChecks(repository).clashes(of: restored.flowID, main: flow.main))
        }
    }
}
