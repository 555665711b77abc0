import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

struct ReviewCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write a change as a document to review: Markdown, an HTML page, or JSON.",
        usage: "flowctl review [<options>] [<flow>] [<rev>..<rev> | <rev>] [--all] [--against <ref>]",
        discussion: """
            With no revision: the open flow's unsaved edits. With OLD..NEW: between those saves \
            (resolved against the flow's branch as diff resolves them: @~3..@, a commit id, a tag, \
            origin/flows/x or origin/x: the remote's last fetched save, @{u} for the flow's \
            upstream); OLD alone, or --against OLD, compares OLD with the flow as it is now (the \
            open flow as edited). A range naming a remote's flow reviews that flow when no FLOW \
            is given (review @..origin/x: what a pull would bring). --all reviews every flow \
            that differs from its copy on a remote (--against REMOTE, default origin), the open \
            one as edited: what a push of several flows would bring. A flow the remote lacks is \
            reviewed as new. Each flow is its own branch, so a pull or merge request is one \
            flow's: review it with its two commits (flowctl review FLOW BASE..HEAD).

            For each flow: the saves in the range (author, date, message), the block and field \
            changes (a renamed block as renamed), the picture of the change (as render --diff), \
            what validate finds on the new side (new, already there before, and fixed), the \
            Kazoo export's warnings, and the effect on calls. The effect on calls walks every \
            distinct way a call can go through both versions, as simulate walks: each moment of \
            the week the time-of-day blocks tell apart (cut at every window's start and end, in \
            each block's zone, labelled in the first one's), each menu digit, no input, an \
            invalid key until the retries are used up, and an answer at each ringing block; \
            once the caller presses nothing at a menu they press nothing at later ones. Paths \
            whose outcome changed are listed (block ids left out, so a rename changes none), the \
            others counted. At most 256 inputs are walked per flow, shortest first (the rest are \
            counted as not walked), and at most 50 changed paths listed (the rest counted).

            --format markdown (the default) is GitHub Flavored Markdown for a pull or merge \
            request comment: the picture as a Mermaid block, sections longer than ten items \
            folded in <details>. --format html is one page with no script and nothing to fetch: \
            the picture as inline SVG (Graphviz's dot must be on PATH), for phones, print, and \
            light or dark. --json (or --format json) gives the same content as an object: \
            subject, unchanged (flow ids) and flows, each with id, name, from, to, summary, \
            saves (commit, author, email, date, message), more_saves, changes (as diff --json), \
            picture (mermaid and dot), problems, already_before and fixed (each with severity, \
            block, field and message), export_warnings and effects (changed: label, before, \
            after; more_changed, unchanged, not_walked). The output is the same bytes for the \
            same repository.

            Example: flowctl review support-line @~3..@ --format html -o review.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, json
    }

    @OptionGroup var output: OutputOptions

    @Argument(
        help: ArgumentHelp(
            "The flow (default: the open flow), then a revision or OLD..NEW.", valueName: "flow-and-range"),
        completion: .flowsAndSaves)
    var words: [String] = []

    @Flag(help: "Review every flow that differs from its copy on the remote (--against, default origin).")
    var all = false

    @Option(
        help: ArgumentHelp("Compare with this revision, or with a remote's copy of the flow.", valueName: "ref"),
        completion: .recentSaves)
    var against: String?

    @Option(help: "What to write.")
    var format: Format = .markdown

    @Flag(help: "Print JSON for scripts (as --format json).")
    var json = false

    @Option(name: .customShort("o"), help: ArgumentHelp("Write to this file.", valueName: "file"), completion: .file())
    var file: String?

    func validate() throws {
        if words.count > 2 { throw ValidationError("give at most a FLOW and a range") }
        if json && format != .markdown && format != .json { throw ValidationError("give --json or --format, not both") }
    }

    func run() throws {
        // A document is never coloured, whatever the terminal.
        Output.settings.color = false
        let repository = try FlowReader.current()
        let review = try ReviewScope(words: words, all: all, against: against).review(in: repository)
        let text: String
        switch json ? .json : format {
        case .markdown: text = ReviewMarkdown.render(review)
        case .html: text = try ReviewHTML.render(review)
        case .json: text = try ReviewJSON.render(review)
        }
        if let file {
            try OutputFile.write(Data(text.utf8), to: file)
            Output.note("Wrote \(file) (\(json ? "json" : format.rawValue)).")
        } else {
            Output.result(text.trimmingTrailingNewlines)
        }
    }
}
