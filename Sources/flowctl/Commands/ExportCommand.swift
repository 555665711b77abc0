import ArgumentParser
import CallFlow
import FlowRepository
import Foundation
import Kazoo

struct ExportCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write flows as the phone system's own documents (Kazoo callflow JSON).",
        discussion: """
            Each flow becomes a Kazoo callflow document (name; numbers, the extension first; the \
            flow tree of modules, data and children), plus the menus and temporal rules its menu \
            and time-of-day blocks refer to, and a callflow of its own for each block a loop \
            returns to (the loop hands the call off to it with the callflow module). A block that \
            several exits lead to is repeated in the tree. Module and key names, and values, \
            are Kazoo's: 'flowctl catalog' shows where each parameter goes. Document ids: the \
            flow's id for its callflow, <flow>.menu.<block>, <flow>.rule.<block>.<rule> and \
            <flow>.from.<block>. flowctl's own notes (block ids, the seat, what Kazoo has no place \
            for) travel under the key "flowctl", which the engine ignores, so that 'import' gives \
            the flow back as it was. What Kazoo cannot express (a webhook's headers and body \
            format, the flow's seat) is reported as a warning naming the flow, block and field. \
            Where the engine's default differs from flowctl's, the value is written (a webhook's \
            retries, a ring group's timeout on every endpoint), and a time-of-day block with no \
            zone is written in the repository's (git config flowctl.timezone), or warned about. \
            The same flow always gives the same bytes.

            Without -o, prints one JSON bundle: {"callflows": [...], "menus": [...], \
            "temporal_rules": [...]}. With -o DIR, writes one file per document, \
            DIR/callflows/<id>.json, DIR/menus/<id>.json, DIR/temporal_rules/<id>.json. A flow \
            that fails 'validate' is not exported; a flow with no action blocks is skipped with \
            a warning (Kazoo needs a tree). A remote's flow (origin/flows/support, or \
            origin/support) is exported as the remote has it, as of the last fetch.

            Example: flowctl export support-line -o kazoo/
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case kazoo
    }

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The flows' ids or names (default: the open flow).", completion: .flowIDs)
    var flows: [String] = []

    @Flag(help: "Export every flow.")
    var all = false

    @Option(help: "The document format; kazoo is the one there is.")
    var format: Format = .kazoo

    @Option(
        help: ArgumentHelp("Export each flow as saved at this revision.", valueName: "rev"), completion: .recentSaves)
    var rev: String?

    @Flag(help: "Export each flow's live version (see 'flowctl publish').")
    var live = false

    @Option(
        name: .customShort("o"), help: ArgumentHelp("Write one file per document into this folder.", valueName: "dir"),
        completion: .directory)
    var directory: String?

    func validate() throws {
        if all && !flows.isEmpty { throw ValidationError("give FLOWs or --all, not both") }
        if live && rev != nil { throw ValidationError("give --rev or --live, not both") }
    }

    func run() throws {
        let repository = try FlowReader.current()
        // `origin/flows/support`: the flow as the remote has it, from its remote-tracking branch.
        let selected =
            all
            ? try repository.flowIDs().sorted().map { (id: $0, remoteRef: String?.none) }
            : flows.isEmpty ? [try repository.readableFlow(nil)] : try flows.map { try repository.readableFlow($0) }
        if (live || rev != nil) && selected.contains(where: { $0.remoteRef != nil }) {
            throw ValidationError("give a remote's flow or --rev/--live, not both")
        }
        var documents: [KazooDocument] = []
        var warnings: [Finding] = []
        var failures: [String] = []
        let zone = try repository.defaultTimeZone()
        for (id, remoteRef) in selected {
            let flow =
                remoteRef == nil
                ? try exportedVersion(of: id, in: repository) : try repository.defaultFlow((id, remoteRef))
            let errors = FlowValidator.findings(in: flow, id: id).filter { $0.severity == .error }
            guard errors.isEmpty else {
                failures += errors.map { "\($0)" }
                continue
            }
            guard flow.main.start != nil else {
                warnings.append(Finding(.warning, flow: id, "no action blocks: nothing to export (Kazoo needs a tree)"))
                continue
            }
            let export = try KazooExport(flow: flow, id: id, defaultTimeZone: zone)
            documents += export.documents
            warnings += export.warnings
        }
        guard failures.isEmpty else {
            throw UserError("cannot export flows that fail validation:\n  " + failures.joined(separator: "\n  "))
        }
        Output.warn(warnings)
        if let folder = directory {
            try write(documents, into: folder)
            Output.note("Wrote \(documents.count) document\(documents.count == 1 ? "" : "s") into \(folder)")
        } else {
            Output.document(KazooExport.bundle(documents).trimmingCharacters(in: .newlines))
        }
    }

    private func exportedVersion(of id: String, in repository: FlowReader) throws -> Flow {
        if live {
            guard let version = try PublishedFlows(repository).liveState(id).live else {
                throw FlowError.nothingPublished(flow: id)
            }
            return try repository.savedFlow(id, revision: version.commit)
        }
        return rev == nil ? try repository.currentFlow(id) : try repository.savedFlow(id, revision: rev)
    }

    private func write(_ documents: [KazooDocument], into folder: String) throws {
        let files = FileManager.default
        for document in documents {
            let path = (folder as NSString).appendingPathComponent(document.path)
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw UserError("cannot make the folder \(folder): \(OutputFile.reason(error, path: folder))")
            }
            try OutputFile.write(Data(document.json.utf8), to: path)
        }
    }
}
