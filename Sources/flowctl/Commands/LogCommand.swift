import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

struct LogCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show a flow's saves, newest first, with what each changed.",
        discussion: """
            Each save shows its commit id, author, date, message and a one-line summary of what \
            it changed. A duplicate's log goes on into the flow it was copied from; the save that \
            made the copy says so. Only the saves shown are read. A save whose files cannot be \
            read (broken by a plain git commit) is listed with the file and line, and the log \
            goes on past it. With --json: an array of objects with commit, parents, author \
            (name, email), date (ISO 8601), message, summary, copied_from (a flow id or null), \
            problem (why the save cannot be read, or null), published (the version numbers \
            published on this save, see 'flowctl publish') and changes (as diff --json has them). \
            Published saves are marked, the live version with (live).

            --block ID lists only the saves that changed that block (or main), following its \
            renames back, and --field only those that changed one of its fields; --since, \
            --until, --author and --grep filter as in git. A remote's flow, named as git names \
            its branch (origin/flows/support, or origin/support), is its saves as of the last \
            fetch: what a pull would bring.

            Example: flowctl log support-line -n 5 --oneline
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "The flow's id or name (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Option(
        name: [.customShort("n"), .customLong("max-count")],
        help: ArgumentHelp("Show at most this many saves.", valueName: "number"))
    var limit: Int?

    @Flag(help: "One line per save: short id, message and summary.")
    var oneline = false

    @Option(
        help: ArgumentHelp(
            "Only the saves that changed this block (following its renames), or 'main'.", valueName: "block"),
        completion: .blockIDs)
    var block: String?

    @Option(help: ArgumentHelp("With --block: only the saves that changed this field of it.", valueName: "field"))
    var field: String?

    @Option(
        help: ArgumentHelp(
            "Only saves made since this time: 2026-11-01, 2026-11-01T09:00:00Z or '2 weeks ago'.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only saves made until this time (the same forms as --since).", valueName: "date"))
    var until: String?

    @Option(
        help: ArgumentHelp("Only saves whose author's name or email contains this, in any case.", valueName: "pattern"))
    var author: String?

    @Option(help: ArgumentHelp("Only saves whose message contains this.", valueName: "pattern"))
    var grep: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("-n must be 0 or more (got \(limit))") }
        if field != nil && block == nil { throw ValidationError("--field goes with --block") }
        for (name, text) in [("since", since), ("until", until)] {
            if let text, HistoryFilter.date(text) == nil {
                throw ValidationError(
                    "--\(name) takes a date (2026-11-01), a date and time (2026-11-01T09:00:00Z) "
                        + "or a time ago (2 weeks ago) (got '\(text)')")
            }
        }
    }

    func run() throws {
        let repository = try FlowReader.current()
        try Output.startPager { try repository.gitConfig("core.pager") }
        // `origin/flows/support`: the flow as the remote has it, from its remote-tracking branch.
        let selected = try repository.readableFlow(flow)
        let id = selected.id
        let filter = HistoryFilter(
            block: block, field: field, since: since.flatMap { HistoryFilter.date($0) },
            until: until.flatMap { HistoryFilter.date($0) },
            author: author, grep: grep)
        let versions = try PublishedFlows(repository).publishedVersions(id)
        let published = Dictionary(grouping: versions, by: \.commit).mapValues { $0.map(\.number) }
        // Each save is printed as soon as it is read, so a long history streams (to the pager
        // too) in flat memory.
        if json {
            lazy var formatter = ISO8601DateFormatter()
            var items = Output.JSONArrayWriter()
            try FlowHistory(repository).forEachSave(id, from: selected.remoteRef, limit: limit, filter: filter) {
                save in
                let json = SaveJSON(save, published: published[save.commit] ?? [], formatter: formatter)
                if let text = json.prettyText(depth: 1) { items.append(indented: text) } else { try items.append(json) }
            }
            items.finish()
            return
        }
        let live = versions.last?.number
        func versionsText(_ save: SaveInfo) -> String? {
            guard let numbers = published[save.commit] else { return nil }
            return numbers.map { "v\($0)" + ($0 == live ? " (live)" : "") }.joined(separator: ", ")
        }
        // Made only for a date DateText leaves to it: a formatter costs more than many saves.
        lazy var formatter = Self.gitDateFormatter()
        var first = true
        try FlowHistory(repository).forEachSave(id, from: selected.remoteRef, limit: limit, filter: filter) { save in
            let summary = save.summary
            if oneline {
                let copied = save.copiedFrom.map { " [copied from \($0)]" } ?? ""
                let marks = versionsText(save).map { " [published \($0)]" } ?? ""
                // The summary is left out when the message already is the summary.
                let what = save.subject == summary ? "" : " (\(summary))"
                Output.result(
                    "\(Terminal.yellow(String(save.commit.prefix(7)))) \(save.subject)\(what)\(copied)\(marks)")
                return
            }
            var entry = first ? "" : "\n"
            entry.reserveCapacity(256 + save.message.utf8.count)  // one allocation, not one a line
            first = false
            entry += Terminal.yellow("save \(save.commit)")
            entry += "\nAuthor:  " + save.author.name + " <" + save.author.email + ">"
            entry += "\nDate:    "
            entry += DateText.git(save.author.date, offsetMinutes: save.author.offsetMinutes, fallback: formatter)
            entry += "\nChanged: " + summary
            if let source = save.copiedFrom { entry += "\nCopied:  from flow " + source }
            if let text = versionsText(save) { entry += "\nPublished: " + text }
            var body = Self.lines(of: save.message).filter { !SaveInfo.isCopiedFromTrailer($0) }
            while body.last?.isEmpty == true { body.removeLast() }
            if !body.isEmpty { entry += "\n" }
            for line in body { entry += line.isEmpty ? "\n" : "\n    " + line }
            Output.result(entry)
        }
    }

    /// A message's lines, as git splits them: at each newline (but one that ends `\r\n`, which
    /// Swift's Characters keep whole: the lines are Characters' for such a message).
    static func lines(of message: String) -> [Substring] {
        guard !message.utf8.contains(UInt8(ascii: "\r")) else {
            return message.split(separator: "\n", omittingEmptySubsequences: false)
        }
        return message.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            Substring($0)
        }
    }

    /// git's default date form: `Sun Nov 29 10:00:00 2026 +0100`. Made once: a formatter costs
    /// more to make than a whole save to read.
    static func gitDateFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE MMM d HH:mm:ss yyyy Z"
        return formatter
    }
}

struct SaveJSON: Encodable {
    var commit: String
    var parents: [String]
    var author: Person
    var date: String
    var message: String
    var summary: String
    @Nullable var copied_from: String?
    @Nullable var problem: String?
    var published: [Int]
    var changes: [ChangeJSON]

    init(_ save: SaveInfo, published: [Int], formatter: @autoclosure () -> ISO8601DateFormatter) {
        self.published = published
        commit = save.commit
        parents = save.parents
        author = Person(name: save.author.name, email: save.author.email)
        date = DateText.iso8601(save.author.date, offsetMinutes: save.author.offsetMinutes, fallback: formatter())
        message = save.message
        summary = save.summary
        copied_from = save.copiedFrom
        problem = save.problem?.description
        changes = save.changes.map(ChangeJSON.init)
    }

    struct Person: Encodable {
        var name: String
        var email: String
    }
}

/// The time zone of a commit's offset for Foundation's formatters, which stop the process on
/// offsets past 14 hours (a commit can claim up to 99): those keep the formatter's zone. Only
/// dates before 1970 reach the formatters (see DateText).
private func formatterZone(offsetMinutes: Int) -> TimeZone? {
    abs(offsetMinutes) <= 14 * 60 ? TimeZone(secondsFromGMT: offsetMinutes * 60) : nil
}

extension DateFormatter {
    /// Changing a formatter's time zone rebuilds it, so only change it when it differs.
    func setTimeZone(offsetMinutes: Int) {
        if timeZone?.secondsFromGMT() != offsetMinutes * 60, let zone = formatterZone(offsetMinutes: offsetMinutes) {
            timeZone = zone
        }
    }
}

extension ISO8601DateFormatter {
    /// Changing a formatter's time zone rebuilds it, so only change it when it differs.
    func setTimeZone(offsetMinutes: Int) {
        if timeZone?.secondsFromGMT() != offsetMinutes * 60, let zone = formatterZone(offsetMinutes: offsetMinutes) {
            timeZone = zone
        }
    }
}
