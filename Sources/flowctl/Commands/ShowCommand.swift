import ArgumentParser
import CallFlow
import FlowRepository

struct ShowCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a call flow: its main block and its action blocks.",
        discussion: """
            Without FLOW, shows the open flow as it is in the working tree, unsaved changes \
            included; any other flow is shown as saved. --rev shows the flow as it was at a save: \
            @~1 (or HEAD~1, or ~1) is the save before the last, or give a commit id prefix, a \
            tag, anything git takes. \
            --format yaml prints the files themselves, each after a '# <path>' line; --format json \
            prints an object with the keys id, name, extension, numbers, seat, start and blocks \
            (each with id, type, parameters and exits). A remote's flow (origin/flows/support, \
            or origin/support) is shown as the remote has it, as of the last fetch.

            Example: flowctl show support-line --rev @~1
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, yaml, json
    }

    @OptionGroup var output: OutputOptions

    @Argument(help: "The flow's id or name (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Option(help: ArgumentHelp("Show the flow as saved at this revision.", valueName: "rev"), completion: .recentSaves)
    var rev: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "Print JSON for scripts (the same as --format json).")
    var json = false

    func run() throws {
        let repository = try FlowReader.current()
        try Output.startPager { try repository.gitConfig("core.pager") }
        // `origin/flows/support`: the flow as the remote has it, from its remote-tracking branch.
        let selected = try repository.readableFlow(flow)
        let id = selected.id
        let shown =
            rev == nil && flow == nil
            ? try repository.workingFlow()
            : try repository.savedFlow(
                id, revision: rev.map { repository.revision($0, of: selected) } ?? selected.remoteRef)
        switch json ? .json : format {
        case .json: try Output.json(FlowJSON(id: id, flow: shown))
        case .yaml: Output.document(Self.yaml(shown))
        case .text: Output.result(Self.text(id: id, flow: shown))
        }
    }

    static func yaml(_ flow: Flow) -> String {
        let files = FlowCodec.encode(flow)
        let paths = [FlowCodec.mainFile] + files.keys.filter { $0 != FlowCodec.mainFile }.sorted()
        return paths.map { (key: $0, value: files[$0]!) }
            .map { "# \($0.key)\n" + String(decoding: $0.value, as: UTF8.self) }
            .joined(separator: "\n")
            .trimmingTrailingNewlines
    }

    static func text(id: String, flow: Flow) -> String {
        let main = flow.main
        var lines = ["\(Terminal.bold(main.name)) (\(id))"]
        lines.append("  extension: \(main.extension ?? "(none)")")
        lines.append("  numbers:   \(main.numbers.isEmpty ? "(none)" : main.numbers.joined(separator: ", "))")
        lines.append("  seat:      \(main.seat ?? "(none)")")
        lines.append("  start:     \(main.start ?? "(none)")")
        guard !flow.blocks.isEmpty else {
            lines.append("No action blocks.")
            return lines.joined(separator: "\n")
        }
        lines.append("Blocks, in the order a call meets them:")
        for block in flow.blocksInCallOrder {
            lines.append("  \(Terminal.cyan(block.id)) (\(block.type))")
            for name in block.orderedParameterNames {
                lines.append("    \(name): \(block.parameters[name]!.inlineText)")
            }
            for (exit, target) in block.exits.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(exit) -> \(Terminal.cyan(target))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
