import ArgumentParser
import CallFlow
import FlowRepository
import Foundation
import Kazoo

struct ImportCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read the phone system's callflow documents (Kazoo JSON) into flows.",
        discussion: """
            Reads a JSON file (one document, an array of documents, the bundle 'export' \
            prints, or any of these in the {"data": ...} envelope of Kazoo's API) or a folder of them (every *.json below it, as 'export -o' writes). Each \
            callflow becomes a flow; the menus and temporal rules it names are read into its \
            menu and time-of-day blocks. Children become exits (Kazoo's '_' is next, a menu's \
            timeout, a time-of-day block's default), nested trees become blocks, and a module \
            flowctl does not model, or data its block type has no place for, is kept as an \
            engine block holding the module and its data as they are (with a warning), so \
            nothing is lost. Block ids are made from the modules (menu, play-2, ...) unless \
            flowctl's notes from an export name them. Of the numbers, the first of at most six \
            digits is the extension; the others are phone numbers.

            A callflow that is not a flow yet becomes a new flow: an orphan branch whose first \
            commit holds it, named by --as, else the document's name, else its id. A callflow \
            exported from a flow that exists (flowctl's notes say which), or named by --as after \
            an existing flow, is imported into that flow as an edit: the flow is opened, its \
            working files rewritten, and 'diff' shows what the import changed, for 'save' or \
            'cancel'. Kazoo callflows name no seat: give one with --seat when the flow has \
            action blocks. Anything wrong in the input (not JSON, a callflow with no flow, a \
            node with no module, a menu or temporal rule id with no document) is an error \
            naming the file and the JSON path, and no flow is changed.

            Example: flowctl import kazoo/ --seat alice
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "A JSON file or a folder of them.", completion: .file())
    var path: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The flow's name (one callflow only).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The seat of the imported flows, as Kazoo has none.", valueName: "seat"))
    var seat: String?

    /// Where one callflow goes: into an existing flow as an edit, or a new flow of this id and name.
    struct Plan {
        var callflow: KazooBundle.Callflow
        var id: String
        var name: String
        var existing: Bool
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let bundle: KazooBundle
        do { bundle = try KazooBundle(files: try Self.readFiles(at: path)) } catch let error as KazooImportError {
            throw UserError("\(error)")
        }
        let callflows = bundle.callflows
        guard !callflows.isEmpty else { throw UserError("\(path): no callflow document to import") }
        if name != nil && callflows.count > 1 {
            throw UserError("--as names one flow, and \(path) holds \(callflows.count) callflows")
        }
        let plans = try self.plans(for: callflows, in: repository)
        try check(plans, in: repository)
        let flowIDs = Dictionary(plans.map { ($0.callflow.kazooID, $0.id) }, uniquingKeysWith: { first, _ in first })
        // Everything is read and checked before anything is written.
        let flows = try plans.map { try read($0, from: bundle, flowIDs: flowIDs, in: repository) }
        for (plan, flow) in zip(plans, flows) {
            if plan.existing {
                if try repository.openFlowID() != plan.id { try writer.open(plan.id) }
                try writer.editWorkingFlow { $0 = flow }
                Output.note(
                    "Imported \(plan.callflow.file) into flow \(plan.id) as unsaved changes: "
                        + "'flowctl diff' shows them, 'flowctl save' keeps them")
            } else {
                let saved = try writer.createFlow(
                    flow, message: "Import \(flow.main.name) from Kazoo callflow \(plan.callflow.kazooID)",
                    preferredID: plan.id)
                Output.note("Imported \(plan.callflow.file) as flow \(saved.flowID) (\(flow.main.name)), now open")
            }
            // What the import could not settle (a callflow block naming a flow not here) is for
            // the user to see now, not at the next save.
            Output.warn(try repository.validate(plan.existing ? plan.id : try repository.requireOpenFlowID()))
        }
    }

    /// Each callflow's flow: a callflow flowctl exported, or one named (by --as or itself) as a
    /// flow is, goes into that flow; any other gets a new id, none taken twice.
    private func plans(for callflows: [KazooBundle.Callflow], in repository: FlowRepository) throws -> [Plan] {
        let known = try repository.knownFlows()
        var takenIDs = Set<String>()
        return try callflows.map { callflow in
            let flowName = name ?? callflow.name ?? callflow.kazooID
            let existing = [name, callflow.exportedFrom, callflow.name].compactMap { $0 }.lazy.compactMap {
                known.resolve($0)
            }.first
            if let existing { return Plan(callflow: callflow, id: existing, name: flowName, existing: true) }
            var id = try repository.newFlowID(name: flowName, preferred: callflow.exportedFrom)
            id = Slug.unique(id) { takenIDs.contains($0) }
            takenIDs.insert(id)
            return Plan(callflow: callflow, id: id, name: flowName, existing: false)
        }
    }

    /// What would stop the import halfway: refused before anything is written.
    private func check(_ plans: [Plan], in repository: FlowRepository) throws {
        let newNames = plans.filter { !$0.existing }.map { $0.name.lowercased() }
        if let twice = newNames.first(where: { name in newNames.filter { $0 == name }.count > 1 }) {
            throw UserError("\(path) holds two callflows named '\(twice)': flow names are unique")
        }
        if plans.contains(where: { !$0.existing }), let status = try repository.status(), status.hasUnsavedChanges {
            throw UserError(
                "flow \(status.flowID) has unsaved changes (\(status.changedFiles.joined(separator: ", "))): "
                    + "save or cancel them first, as import opens the flows it makes")
        }
        if let seat, let problem = MainBlockRule.problem(seat: seat) { throw UserError("--seat: \(problem)") }
        if plans.contains(where: \.existing) && plans.count > 1 {
            throw UserError("import into an existing flow takes one callflow at a time; \(path) holds \(plans.count)")
        }
    }

    /// The flow `plan`'s callflow becomes, checked as a flow file would be; its warnings shown.
    private func read(_ plan: Plan, from bundle: KazooBundle, flowIDs: [String: String], in repository: FlowRepository)
        throws -> Flow
    {
        let read: (flow: Flow, warnings: [String])
        do {
            let keptSeat = plan.existing ? try repository.currentFlow(plan.id).main.seat : nil
            read = try bundle.flow(plan.callflow.kazooID, name: plan.name, seat: seat ?? keptSeat, flowIDs: flowIDs)
        } catch let error as KazooImportError {
            throw UserError("\(error)")
        }
        for warning in read.warnings { Output.diagnostic("warning: \(warning)") }
        if let problem = MainBlockRule.problem(name: read.flow.main.name) {
            throw UserError("\(plan.callflow.file): $.name: \(problem); give one with --as")
        }
        if !read.flow.blocks.isEmpty && read.flow.main.seat == nil {
            throw UserError(
                "\(plan.callflow.file): the callflow has modules but Kazoo names no seat: give one with --seat")
        }
        return read.flow
    }

    /// Every JSON file at `path`: the file itself, or each *.json below the folder, by path.
    static func readFiles(at path: String) throws -> [(path: String, bytes: [UInt8])] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UserError("\(path): no such file or folder")
        }
        var paths = [path]
        if isFolder.boolValue {
            let below = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            paths = below.filter { $0.hasSuffix(".json") }.sorted().map {
                (path as NSString).appendingPathComponent($0)
            }
            guard !paths.isEmpty else { throw UserError("\(path): no .json files in this folder") }
        }
        return try paths.map { file in
            guard let data = FileManager.default.contents(atPath: file) else { throw UserError("\(file): cannot read") }
            guard data.count <= 16 * 1024 * 1024 else { throw UserError("\(file): larger than 16 MiB") }
            return (file, Array(data))
        }
    }
}
