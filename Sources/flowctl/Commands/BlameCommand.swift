import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

struct BlameCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Show, for every field of a flow, the save that last set it.",
        discussion: """
            Lists the main block's fields, then each block's type, parameters and exits, as \
            last saved, each with the save that set it: short id, author, date and subject, \
            following block renames back. With --json: an array of objects with block (null for \
            the main block), field, value, commit, author (name, email), date (ISO 8601) and \
            subject (null values where the history cannot tell). A remote's flow \
            (origin/flows/support, or origin/support) is blamed as the remote has it, as of the \
            last fetch.

            Example: flowctl blame support-line
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "The flow's id or name (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let repository = try FlowReader.current()
        try Output.startPager { try repository.gitConfig("core.pager") }
        // `origin/flows/support`: from the remote's last fetched save, along its history.
        let selected = try repository.readableFlow(flow)
        let entries = try FlowHistory(repository).blame(selected.id, from: selected.remoteRef)
        if json {
            let formatter = ISO8601DateFormatter()
            try Output.json(entries.map { BlameJSON($0, formatter: formatter) })
            return
        }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.dateFormat = "yyyy-MM-dd"
        let rows = entries.map { entry -> [String] in
            let location = "\(entry.block ?? "main").\(entry.field)"
            let value = entry.value.map { Table.cut($0.inlineText, to: 40) } ?? ""
            guard let save = entry.save else { return [location, value, "(unknown)"] }
            return [
                location, value, Terminal.yellow(String(save.commit.prefix(7))), save.author.name,
                day.string(from: save.author.date), save.subject,
            ]
        }
        for line in Self.table.lines(rows, width: Output.terminalWidth) { Output.result(line) }
    }

    /// On a narrow terminal the subject gives way first, then the author and the date; what a
    /// line is about (the field, its value, the save) stays.
    static let table = Table(columns: [
        .init(minimum: 12, keep: 9, droppable: false, cutLast: true), .init(minimum: 8, keep: 7, droppable: false),
        .init(minimum: 7, keep: 8, droppable: false), .init(minimum: 4, keep: 4), .init(minimum: 10, keep: 5),
        .init(minimum: 8, keep: 3),
    ])
}

struct BlameJSON: Encodable {
    @Nullable var block: String?
    var field: String
    @Nullable var value: Value?
    @Nullable var commit: String?
    @Nullable var author: [String: String]?
    @Nullable var date: String?
    @Nullable var subject: String?

    init(_ entry: BlameEntry, formatter: ISO8601DateFormatter) {
        (block, field, value) = (entry.block, entry.field, entry.value)
        commit = entry.save?.commit
        author = entry.save.map { ["name": $0.author.name, "email": $0.author.email] }
        date = entry.save.map { formatter.string(from: $0.author.date) }
        subject = entry.save?.subject
    }
}
