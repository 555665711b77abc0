import ArgumentParser
import CallFlow
import FlowRepository

struct StatusCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the open flow's unsaved changes, block by block and field by field.",
        discussion: """
            Unsaved changes are the differences between the flow's files in the working tree and \
            its last save. The first line names the open flow and its live version (see \
            'flowctl publish'). With --json: an object with the keys flow (the open flow's id, \
            or null), name, files (the changed files), changes (each with kind \
            main|added|removed|changed|renamed, block, field, old and new), live (the live version's \
            number, or null), saves_behind (saves since the live version), error (null, or \
            why the files cannot be read), in_progress (a git operation that has not ended, as \
            merge or rebase, during which flowctl changes nothing; or null), change_in_progress \
            (null, or a flowctl change another command began and has not finished, with \
            operation and reason: the state from before it is shown meanwhile) and merge (null, \
            or the merge 'flowctl pull' left in progress: remote, theirs (the commit merged in) and \
            conflicts, each with name, kind field|block|dangling-exit, block, field, ours, theirs \
            and settled). A file with git's conflict markers is reported as an unresolved merge \
            conflict, with its line.

            Example: flowctl status
            """)

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let repository = try FlowReader.current()
        let status = try repository.status()
        let live = try status.map { try repository.liveState($0.flowID) }
        let merge = try repository.mergeStatus()
        let operation = repository.operationInProgress
        if json {
            var view = StatusJSON(status, live: live, inProgress: operation?.name)
            view.merge = merge.map(MergeJSON.init)
            view.change_in_progress = repository.changeInProgress.map {
                .init(operation: $0.operation, reason: $0.reason)
            }
            try Output.json(view)
            return
        }
        if let change = repository.changeInProgress {
            Output.result(
                "A change is in progress: '\(change.operation)', not finished (\(change.reason)); "
                    + "showing the last saved state, not the working files.")
        }
        if let merge {
            Output.result(
                "Merging \(merge.remote)/flows/\(merge.flowID) (\(merge.theirs.prefix(7))) into flows/\(merge.flowID): "
                    + (merge.unresolved.isEmpty
                        ? "every conflict is settled; 'flowctl save' writes the merge commit"
                        : "\(merge.unresolved.count) conflict\(merge.unresolved.count == 1 ? "" : "s") to settle"))
            for conflict in merge.unresolved { Output.result("  \(Terminal.red(conflict.name)): \(conflict)") }
            if !merge.unresolved.isEmpty {
                Output.result(
                    "(settle with 'flowctl resolve NAME --ours|--theirs' or an edit, then 'flowctl save'; "
                        + "'flowctl cancel' aborts the merge)")
            }
        } else if let operation {
            Output.result(operation.message.prefix(1).uppercased() + operation.message.dropFirst() + ".")
        }
        guard let status, let live else {
            if repository.isBare {
                Output.result("A bare repository: no flow is open here; 'flowctl list' shows its flows.")
                return
            }
            Output.result("No flow open; create one with 'flowctl create NAME' or open one with 'flowctl open FLOW'.")
            return
        }
        Output.result(
            "On flow \(status.flowID)" + (status.name.map { " (\($0))" } ?? "") + ", \(LiveText.describe(live))")
        guard status.hasUnsavedChanges else {
            // While a change is in progress the working files are not read (see above).
            if repository.changeInProgress != nil { return }
            Output.result("Nothing to save; the working tree matches the last save.")
            return
        }
        if let problem = status.problem {
            // Only the file the reader stopped at is said to be unreadable: the others may be fine.
            Output.result(
                "Unsaved changes in \(status.changedFiles.joined(separator: ", ")); \(problem.file) cannot be read:")
            Output.result("  \(problem)")
            let block = FlowCodec.blockID(ofFile: problem.file) ?? ExitReference.main
            // A link is removed, not edited: an editor would write through it.
            let fix =
                FileKind.isSymbolicLink(repository.root.appendingPathComponent(problem.file).path)
                ? "remove the link with 'rm \(problem.file)'" : "fix it with 'flowctl edit \(block)'"
            Output.result(
                operation == nil
                    ? "(\(fix), or discard the changes with 'flowctl cancel')"
                    : "(\(fix) and finish the \(operation!.name) with git, or abort it)")
            throw ExitCode.failure
        }
        if status.changes.isEmpty {
            Output.result(
                "Only formatting differs in \(status.changedFiles.joined(separator: ", ")); "
                    + "'flowctl save' rewrites them canonically.")
            return
        }
        Output.result("Unsaved changes:")
        for change in status.changes { Output.result("  " + ChangeText.line(change)) }
        Output.result("(save with 'flowctl save -m MESSAGE', discard with 'flowctl cancel')")
    }
}

struct StatusJSON: Encodable {
    @Nullable var flow: String?
    @Nullable var name: String?
    var files: [String]
    var changes: [ChangeJSON]
    @Nullable var live: Int?
    var saves_behind: Int
    @Nullable var error: String?
    @Nullable var in_progress: String?
    @Nullable var merge: MergeJSON?
    /// A flowctl change begun and not yet finished (see FlowReader+Pending).
    @Nullable var change_in_progress: ChangeInProgressJSON? = nil

    init(_ status: FlowStatus?, live state: LiveState?, inProgress: String?) {
        in_progress = inProgress
        live = state?.live?.number
        saves_behind = state?.savesBehind ?? 0
        flow = status?.flowID
        name = status?.name
        files = status?.changedFiles ?? []
        changes = status?.changes.map(ChangeJSON.init) ?? []
        error = status?.problem?.description
    }
}

struct ChangeInProgressJSON: Encodable {
    var operation: String
    var reason: String
}

struct MergeJSON: Encodable {
    var remote: String
    var theirs: String
    var conflicts: [ConflictJSON]

    struct ConflictJSON: Encodable {
        var name: String
        var kind: String
        @Nullable var block: String?
        @Nullable var field: String?
        @Nullable var ours: Value?
        @Nullable var theirs: Value?
        var settled: Bool
    }

    init(_ status: MergeStatus) {
        remote = status.remote
        theirs = status.theirs
        let dangling = status.unresolved.filter { $0.kind == .danglingExit }
        conflicts = (status.conflicts.filter { $0.kind != .danglingExit } + dangling).map { conflict in
            ConflictJSON(
                name: conflict.name, kind: conflict.kind == .danglingExit ? "dangling-exit" : conflict.kind.rawValue,
                block: conflict.block, field: conflict.field, ours: conflict.ours, theirs: conflict.theirs,
                settled: !status.unresolved.contains(conflict))
        }
    }
}
