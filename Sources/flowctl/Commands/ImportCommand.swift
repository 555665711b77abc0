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
            no-choice, a time-of-day block's default; a menu's 'timeout' child is its timeout \
            exit), nested trees become blocks, and a module flowctl does not model, or data its \
            block type has no place for, is kept as an engine block holding the module, its data \
            and the menus and temporal_rules documents it names, as they are (with a warning), \
            so nothing is lost. A menu or temporal rule on its own is refused: it is read with \
            the callflow that names it. A callflow tree may have at most 20000 nodes. Block ids are made from the modules (menu, play-2, ...) unless \
            flowctl's notes from an export name them. Of the numbers, the first of at most six \
            digits is the extension; the others are phone numbers.

            A callflow that is not a flow yet becomes a new flow: an orphan branch whose first \
            commit holds it, named by --as, else the document's name, else its id. A callflow \
            exported from a flow that exists (flowctl's notes say which), or named by --as after \
            an existing flow, is imported into that flow as an edit: the flow is opened, its \
            working files rewritten, and 'diff' shows what the import changed, for 'save' or \
            'cancel'. Several callflows from existing flows (a folder 'export --all -o' wrote) \
            are saved instead, one commit per flow that changed, all in one transaction. Kazoo \
            callflows name no seat: --seat gives one to flows with action blocks whose seat \
            neither flowctl's notes nor the flow imported into give. Anything wrong in the input (not JSON, a callflow with no flow, a \
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
        guard !callflows.isEmpty else { throw UserError(Self.noCallflow(in: bundle, path: path)) }
        if name != nil && callflows.count > 1 {
            throw UserError("--as names one flow, and \(path) holds \(callflows.count) callflows")
        }
        let plans = try self.plans(for: callflows, in: repository)
        try check(plans, in: repository)
        let flowIDs = Dictionary(plans.map { ($0.callflow.kazooID, $0.id) }, uniquingKeysWith: { first, _ in first })
        // Everything is read and checked before anything is written.
        let flows = try plans.map { try read($0, from: bundle, flowIDs: flowIDs, in: repository) }
        if plans.count > 1 {
            try saveExisting(zip(plans, flows).filter { $0.0.existing }, with: writer)
        }
        for (plan, flow) in zip(plans, flows) where plans.count == 1 || !plan.existing {
            if plan.existing {
                if try repository.openFlowID() != plan.id { try writer.open(plan.id) }
                try writer.editWorkingFlow { $0 = flow }
                if try FlowStatus(repository)?.hasUnsavedChanges == true {
                    Output.note(
                        "Imported \(plan.callflow.file) into flow \(plan.id) as unsaved changes: "
                            + "'flowctl diff' shows them, 'flowctl save' keeps them")
                } else {
                    Output.note("Imported \(plan.callflow.file) into flow \(plan.id): it matches the last save")
                }
            } else {
                let saved = try writer.createFlow(
                    flow, message: "Import \(flow.main.name) from Kazoo callflow \(plan.callflow.kazooID)",
                    preferredID: plan.id)
                Output.note("Imported \(plan.callflow.file) as flow \(saved.flowID) (\(flow.main.name)), now open")
            }
            // What the import could not settle (a callflow block naming a flow not here) is for
            // the user to see now, not at the next save.
            Output.warn(
                try FlowChecks(repository).validate(plan.existing ? plan.id : try repository.requireOpenFlowID()))
        }
    }

    /// Each callflow's flow: a callflow flowctl exported, or one named (by --as or itself) as a
    /// flow is, goes into that flow; any other gets a new id, none taken twice.
    private func plans(for callflows: [KazooBundle.Callflow], in repository: FlowReader) throws -> [Plan] {
        let known = try FlowChecks(repository).knownFlows()
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
    private func check(_ plans: [Plan], in repository: FlowReader) throws {
        let newNames = plans.filter { !$0.existing }.map { $0.name.lowercased() }
        if let twice = newNames.first(where: { name in newNames.filter { $0 == name }.count > 1 }) {
            throw UserError("\(path) holds two callflows named '\(twice)': flow names are unique")
        }
        if plans.contains(where: { !$0.existing }), let status = try FlowStatus(repository), status.hasUnsavedChanges {
            throw UserError(
                "flow \(status.flowID) has unsaved changes (\(status.changedFiles.joined(separator: ", "))): "
                    + "save or cancel them first, as import opens the flows it makes")
        }
        if let seat, let problem = MainBlockRule.problem(seat: seat) { throw UserError("--seat: \(problem)") }
    }

    /// Several callflows into the flows they came from (a folder `export --all` wrote): one
    /// save each, all in one transaction, before any new flow is made.
    private func saveExisting(_ pairs: [(Plan, Flow)], with writer: FlowWriter) throws {
        guard !pairs.isEmpty else { return }
        let byID = Dictionary(pairs.map { ($0.0.id, $0.0) }, uniquingKeysWith: { first, _ in first })
        let saved = try writer.saveImported(pairs.map { ($0.0.id, $0.1) }) { flow in
            "Import \(flow.main.name) from Kazoo"
        }
        for commit in saved {
            let file = byID[commit.flowID]?.callflow.file ?? commit.flowID
            Output.note("Imported \(file) into flow \(commit.flowID): saved as \(commit.commit.prefix(7))")
        }
        let unchanged = pairs.count - saved.count
        if unchanged > 0 { Output.note("\(unchanged) flow\(unchanged == 1 ? "" : "s") already as imported: not saved") }
        for (plan, _) in pairs { Output.warn(try FlowChecks(writer.reader).validate(plan.id)) }
    }

    /// Why there is nothing to import: no documents, or only menus and temporal rules, which
    /// are read with the callflow that names them by id, never on their own.
    static func noCallflow(in bundle: KazooBundle, path: String) -> String {
        let others = bundle.sources.map { "\($0.kind.rawValue) '\($0.id)'" }
        guard !others.isEmpty else { return "\(path): no callflow document to import" }
        let named = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? " and \(others.count - 3) more" : "")
        return "\(path) holds no callflow, only \(named): a menu or temporal rule is "
            + "imported with the callflow whose menu or temporal_route node names it, as a flow's menu, "
            + "time-of-day or engine block; give that callflow too"
    }

    /// The flow `plan`'s callflow becomes, checked as a flow file would be; its warnings shown.
    private func read(_ plan: Plan, from bundle: KazooBundle, flowIDs: [String: String], in repository: FlowReader)
        throws -> Flow
    {
        let read: (flow: Flow, warnings: [String])
        do {
            // --seat only fills a seat neither flowctl's notes nor the flow imported into give.
            let keptSeat = plan.existing ? try repository.currentFlow(plan.id).main.seat : nil
            read = try bundle.flow(plan.callflow.kazooID, name: plan.name, seat: keptSeat ?? seat, flowIDs: flowIDs)
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

    /// Why `file` cannot be read: a symbolic link to nothing, or the system's reason.
    static func unreadable(_ file: String) -> String {
        let files = FileManager.default
        if let target = try? files.destinationOfSymbolicLink(atPath: file), !files.fileExists(atPath: file) {
            return "\(file): cannot read: a symbolic link to '\(target)', which does not exist"
        }
        let descriptor = open(file, O_RDONLY)
        guard descriptor < 0 else {
            close(descriptor)
            return "\(file): cannot read"
        }
        return "\(file): cannot read: \(String(cString: strerror(errno)))"
    }

    /// Every JSON file at `path`: the file itself, or each *.json below the folder, by path.
    static func readFiles(at path: String) throws -> [(path: String, bytes: [UInt8])] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
            throw UserError(link ? unreadable(path) : "\(path): no such file or folder")
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
            guard let data = FileManager.default.contents(atPath: file) else { throw UserError(unreadable(file)) }
            guard data.count <= 16 * 1024 * 1024 else { throw UserError("\(file): larger than 16 MiB") }
            return (file, Array(data))
        }
    }
}
