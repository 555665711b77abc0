import ArgumentParser
import FlowRepository

struct PublishCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Make a flow's last save the live version the phone system runs.",
        usage: "flowctl publish [<options>] [<flow>]\n       flowctl publish --rollback [<options>] [<flow>] [v<N>]",
        discussion: """
            Marks the last save of FLOW (default: the open flow) as its live version, after \
            'flowctl validate' finds no error in it; refuses with unsaved edits. Versions are \
            numbered per flow, v1, v2, ..., and kept as annotated tags published/<id>/v<N> \
            (tagger, date, message), so any git host shows and protects them; the highest is \
            live. Publishing a save that is live already does nothing. --rollback makes an \
            earlier published version live again, as a new version on its save, without touching \
            the draft: 'publish --rollback' goes back to the version before the live one, \
            'publish --rollback v2' to v2. list, status and log show what is live, and \
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
        if rollback, let last = words.last, last.hasPrefix("v"), version == nil {
            throw ValidationError("a version is v followed by its number, as v2 (got '\(last)')")
        }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.flowID(flow)
        if rollback {
            guard let published = try writer.republish(id, version: version, message: message) else {
                Output.note("Nothing to publish: that save of \(id) is live already.")
                return
            }
            Output.note("Published \(id) v\(published.number) (\(published.commit.prefix(7))): \(published.message)")
            return
        }
        guard let published = try writer.publish(id, message: message) else {
            let live = try repository.liveState(id).live
            Output.note("Nothing to publish: \(id)'s last save is live already (v\(live?.number ?? 0)).")
            return
        }
        Output.note("Published \(id) v\(published.number) (\(published.commit.prefix(7))): \(published.message)")
    }
}
