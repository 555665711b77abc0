import ArgumentParser
import CallFlow
import FlowRepository

struct ListCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the call flows, as saved.",
        discussion: """
            One line per flow: '*' marks the open one, then its id, name, extension, numbers, \
            seat, and its live version with how many saves the draft is ahead of it. With \
            --json, an array of objects with the keys id, name, extension, numbers, seat, blocks \
            (the number of action blocks), open, live (the live version's number, or null), \
            saves_behind (saves since the live version), and error (null, or why the saved \
            flow.yaml cannot be read).

            Example: flowctl list --json
            """)

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let repository = try FlowRepository.current()
        let flows = try repository.list()
        let live = try repository.liveStates(flows.map(\.id))
        if json {
            try Output.json(flows.map { ListEntryJSON($0, live: live[$0.id]) })
            return
        }
        if flows.isEmpty {
            Output.diagnostic("No flows yet; create one with 'flowctl create NAME'.")
            return
        }
        let width = flows.map(\.id.count).max() ?? 0
        for flow in flows {
            let marker = flow.isOpen ? "*" : " "
            let id = flow.id.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let main = flow.main else {
                Output.result("\(marker) \(id)  (unreadable: \(flow.problem.map(\.description) ?? "no flow.yaml"))")
                continue
            }
            var details = [main.name]
            if let ext = main.extension { details.append("ext \(ext)") }
            if !main.numbers.isEmpty { details.append(main.numbers.joined(separator: ", ")) }
            details.append(main.seat.map { "seat \($0)" } ?? "no seat")
            if let state = live[flow.id] { details.append(LiveText.describe(state)) }
            Output.result("\(marker) \(id)  \(details.joined(separator: "  "))")
        }
    }
}

struct ListEntryJSON: Encodable {
    var id: String
    @Nullable var name: String?
    @Nullable var `extension`: String?
    var numbers: [String]
    @Nullable var seat: String?
    var blocks: Int
    var open: Bool
    @Nullable var live: Int?
    var saves_behind: Int
    @Nullable var error: String?

    init(_ summary: FlowSummary, live state: LiveState?) {
        live = state?.live?.number
        saves_behind = state?.savesBehind ?? 0
        id = summary.id
        name = summary.main?.name
        self.extension = summary.main?.extension
        numbers = summary.main?.numbers ?? []
        seat = summary.main?.seat
        blocks = summary.blockCount
        open = summary.isOpen
        error = summary.problem?.description
    }
}
