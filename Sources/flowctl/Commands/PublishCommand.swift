import ArgumentParser
import FlowRepository
import Foundation

struct PublishCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Make a flow's last save the live version the phone system runs.",
        usage:
            "flowctl publish [<options>] [<flow>]\n       flowctl publish --rollback [<options>] [<flow>] [v<N>]\n       flowctl publish --list [--json] [<flow>]",
        discussion: """
            Marks the last save of FLOW (default: the open flow) as its live version, after \
            'flowctl validate' finds no error in it; refuses with unsaved edits. Versions are \
            numbered per flow, v1, v2, ..., and kept as annotated tags published/<id>/v<N> \
            (tagger, date, message), so any git host shows and protects them; the highest is \
            live. Publishing a save that is live already does nothing. --rollback makes an \
            earlier published version live again, as a new version on its save, without touching \
            the draft: 'publish --rollback' goes back to the version before the live one, \
            'publish --rollback v2' to v2. 'publish --list' lists the flow's versions (--json \
            for scripts). list, status and log show what is live, and \
            'diff --live' compares the draft with it.

            Example: flowctl publish support-line -m "Holiday hours"
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(
        help: ArgumentHelp(
            "The flow (default: the open flow), and with --rollback the version vN to make live again.",
            valueName: "flow-and-version"))
    var words: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("The tag's message.", valueName: "message"))
    var message: String?

    @Flag(help: "Make an earlier published version live again (default: the one before the live one).")
    var rollback = false

    @Flag(help: "List the flow's published versions, oldest first, the live one marked.")
    var list = false

    @Flag(
        help:
            "With --list, print JSON: an array of objects with version, tag, commit, message, publisher, date and live."
    )
    var json = false

    /// `vN` names a version only with --rollback; any other word is the flow.
    var version: Int? {
        guard rollback, let last = words.last, last.hasPrefix("v") else { return nil }
        return Int(last.dropFirst())
    }

    var flow: String? { version == nil ? words.first : words.dropLast().first }

    func validate() throws {
        if words.count > (rollback ? 2 : 1) {
            throw ValidationError("give at most a FLOW" + (rollback ? " and a vN" : ""))
        }
        if let message, message.allSatisfy(\.isWhitespace) { throw ValidationError("the message must not be empty") }
        if list && (rollback || message != nil) { throw ValidationError("--list goes alone (with a FLOW, or --json)") }
        if json && !list { throw ValidationError("--json goes with --list") }
        if rollback, let last = words.last, last.hasPrefix("v"), version == nil {
            throw ValidationError("a version is v followed by its number, as v2 (got '\(last)')")
        }
    }

    func run() throws {
        if list { return try listVersions() }
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.flowID(flow)
        if rollback {
            guard let published = try FlowPublisher(writer).republish(id, version: version, message: message) else {
                Output.note("Nothing to publish: that save of \(id) is live already.")
                return
            }
            Output.note("Published \(id) v\(published.number) (\(published.commit.prefix(7))): \(published.message)")
            return
        }
        guard let published = try FlowPublisher(writer).publish(id, message: message) else {
            let live = try PublishedFlows(repository).liveState(id).live
            Output.note("Nothing to publish: \(id)'s last save is live already (v\(live?.number ?? 0)).")
            return
        }
        Output.note("Published \(id) v\(published.number) (\(published.commit.prefix(7))): \(published.message)")
    }

    /// `v2  abc1234  2026-11-30  Ada Admin  Holiday hours  (live)`, oldest first.
    func listVersions() throws {
        let repository = try FlowReader.current()
        let id = try repository.flowID(flow)
        let versions = try PublishedFlows(repository).publishedVersions(id)
        let live = versions.last?.number
        if json { return try Output.json(versions.map { PublishedVersionJSON($0, live: $0.number == live) }) }
        if versions.isEmpty {
            return Output.remark("Flow \(id) has no published version yet; 'flowctl publish' makes v1.")
        }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let rows = versions.map { version in
            [
                "v\(version.number)", String(version.commit.prefix(7)),
                version.publisher.map { day.string(from: $0.date) } ?? "", version.publisher?.name ?? "",
                version.message.trimmingCharacters(in: .whitespacesAndNewlines)
                    + (version.number == live ? "  (live)" : ""),
            ]
        }
        let table = Table(
            columns: Array(repeating: .init(minimum: 6, keep: 5), count: 4) + [.init(minimum: 10, keep: 9)])
        for line in table.lines(rows, width: Output.terminalWidth) { Output.result(line) }
    }
}
