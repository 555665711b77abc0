import ArgumentParser
import CallFlow
import FlowRepository

struct ListCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the call flows, as saved.",
        discussion: """
            One line per flow, every column aligned: '*' marks the open one, then its id, name, \
            extension, numbers, seat, and its live version with how many saves the draft is \
            ahead of it, and where it stands against a remote: 'only on origin' for a flow that \
            a clone or fetch brought and that has no local branch yet ('flowctl open' makes one), \
            or, for a flow tracking a remote branch, 'origin: ahead 1, behind 2' as git status \
            -sb says it. On a terminal a header comes first and every line fits its width: the numbers, remote, \
            live, seat, extension and id columns are cut first (with an ellipsis), then left \
            out in that order (the id stays), and the name is cut last; on a pipe every value \
            is whole. With \
            --json, an array of objects with the keys id, name, extension, numbers, seat, blocks \
            (the number of action blocks), open, live (the live version's number, or null), \
            saves_behind (saves since the live version), remote (the remote the flow is only on, \
            or the one it tracks, or null), only_on_remote, ahead and behind (commits against the \
            tracked branch), and error (null, or why the saved flow.yaml cannot be read).

            Example: flowctl list --json
            """)

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let repository = try FlowReader.current()
        let flows = try repository.list()
        let live = try PublishedFlows(repository).liveStates(flows.map(\.id))
        if json {
            try Output.json(flows.map { ListEntryJSON($0, live: live[$0.id]) })
            return
        }
        if flows.isEmpty {
            Output.diagnostic("No flows yet; create one with 'flowctl create NAME'.")
            return
        }
        var rows: [[String]] = flows.map { flow in
            let marker = flow.isOpen ? "*" : " "
            guard let main = flow.main else {
                return [marker, flow.id, "(unreadable: \(flow.problem.map(\.description) ?? "no flow.yaml"))"]
            }
            return [
                marker, flow.id, main.name, main.extension.map { "ext \($0)" } ?? "",
                main.numbers.joined(separator: ", "), main.seat.map { "seat \($0)" } ?? "no seat",
                live[flow.id].map(LiveText.describe) ?? "", Self.remoteText(flow),
            ]
        }
        let header = Output.settings.stdoutIsTerminal
        if header { rows.insert([" ", "ID", "NAME", "EXTENSION", "NUMBERS", "SEAT", "LIVE", "REMOTE"], at: 0) }
        // Colour goes on after aligning, so that its codes take no room in the columns.
        let lines = Self.table.lines(rows, width: Output.terminalWidth)
        if header { Output.result(Terminal.bold(lines[0])) }
        for (line, flow) in zip(lines.dropFirst(header ? 1 : 0), flows) {
            Output.result(flow.main == nil ? Terminal.red(line) : flow.isOpen ? Terminal.green(line) : line)
        }
    }

    /// A flow against its remote, as `git status -sb` says it.
    static func remoteText(_ flow: FlowSummary) -> String {
        if let remote = flow.onlyOnRemote { return "only on \(remote)" }
        guard let upstream = flow.upstream else { return "" }
        let states = [(upstream.ahead, "ahead"), (upstream.behind, "behind")].filter { $0.0 > 0 }
        return "\(upstream.remote): "
            + (states.isEmpty ? "up to date" : states.map { "\($0.1) \($0.0)" }.joined(separator: ", "))
    }

    /// Marker, id, name, extension, numbers, seat, live, remote: on a narrow terminal the
    /// numbers give up room first, then remote, live, seat, extension and the id; the name,
    /// which every FLOW argument takes as well as the id, last.
    static let table = Table(columns: [
        .init(minimum: 1, keep: 9, droppable: false), .init(minimum: 8, keep: 7, droppable: false),
        .init(minimum: 8, keep: 8, droppable: false, cutLast: true), .init(minimum: 7, keep: 6),
        .init(minimum: 6, keep: 1),
        .init(minimum: 6, keep: 5), .init(minimum: 6, keep: 4), .init(minimum: 6, keep: 3),
    ])
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
    @Nullable var remote: String?
    var only_on_remote: Bool
    var ahead: Int
    var behind: Int
    @Nullable var error: String?

    init(_ summary: FlowSummary, live state: LiveState?) {
        remote = summary.onlyOnRemote ?? summary.upstream?.remote
        only_on_remote = summary.onlyOnRemote != nil
        ahead = summary.upstream?.ahead ?? 0
        behind = summary.upstream?.behind ?? 0
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
