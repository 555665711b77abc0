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
            -sb says it. On a terminal a header comes first and names are cut to its width. With \
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
        let live = try repository.liveStates(flows.map(\.id))
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
        let lines = Self.aligned(rows, width: Output.terminalWidth)
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

    /// Every column as wide as its widest cell, two spaces apart, as `git branch -vv` lines up;
    /// on a terminal of `width` columns the names (column 2) are cut with an ellipsis to fit.
    static func aligned(_ rows: [[String]], width: Int?) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = (0..<columns).map { column in rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        if let width, columns > 2 {
            let others = widths.enumerated().filter { $0.offset != 2 }.map(\.element).reduce(0, +) + 2 * (columns - 1)
            widths[2] = max(8, min(widths[2], width - others))
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let fitted = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "\u{2026}" : cell
                return column == row.count - 1
                    ? fitted : fitted.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
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
