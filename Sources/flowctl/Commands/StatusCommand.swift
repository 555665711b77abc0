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
            conflicts, each with name, kind field|block|file|dangling-exit, block, field, ours, \
            theirs and settled: a file is one other than the flow's that git's merge left with \
            conflict markers; a dangling exit is no conflict but what validate rejects). A file with \
            git's conflict markers is reported as an unresolved merge conflict, with its line. A \
            flow that tracks a remote's branch says where it stands against it as of the last fetch \
            (ahead, behind, or both), as git status does; upstream in --json (remote, ahead, \
            behind; null when it tracks none).

            Example: flowctl status
            """)

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let repository = try FlowReader.current()
        let status = try FlowStatus(repository)
        let live = try status.map { try PublishedFlows(repository).liveState($0.flowID) }
        let merge = try repository.mergeStatus()
        let operation = repository.operationInProgress
        let upstream = try status.flatMap { try repository.upstreamState($0.flowID) }
        if json {
            var view = StatusJSON(status, live: live, inProgress: operation?.name)
            view.merge = merge.map(MergeJSON.init)
            view.upstream = upstream.map { UpstreamJSON(remote: $0.remote, ahead: $0.ahead, behind: $0.behind) }
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
            let count = merge.unresolved.count + merge.unresolvedFiles.count
            Output.result(
                "Merging \(merge.remote)/flows/\(merge.flowID) (\(merge.theirs.prefix(7))) into flows/\(merge.flowID): "
                    + (count == 0
                        ? "every conflict is settled; 'flowctl save' writes the merge commit, 'flowctl cancel' aborts it"
                        : "\(count) conflict\(count == 1 ? "" : "s") to settle"))
            for conflict in merge.unresolved { Output.result("  \(Terminal.red(conflict.name)): \(conflict)") }
            for file in merge.unresolvedFiles { Output.result("  \(Terminal.red(file.path)): \(file)") }
            for exit in merge.danglingExits {
                Output.result("  warning: \(exit) ('flowctl validate' rejects it: connect it or remove it)")
            }
            if count > 0 {
                Output.result(
                    "(settle with 'flowctl resolve NAME --ours|--theirs' or an edit"
                        + (merge.unresolvedFiles.contains { $0.kind == .bothChanged }
                            ? "; a file: edit out the markers, then 'git add FILE'" : "")
                        + ", then 'flowctl save'; 'flowctl cancel' aborts the merge)")
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
        if let upstream {
            // During a merge, pull and push refuse: the merge is what to end first.
            let pending = merge != nil ? "merge" : operation?.name
            Output.result(Self.describe(upstream, pending: pending))
        }
        guard status.hasUnsavedChanges else {
            // While a change is in progress the working files are not read (see above).
            if repository.changeInProgress != nil { return }
            Output.result(
                merge == nil
                    ? "Nothing to save; the working tree matches the last save."
                    : "The flow's files match its last save; the merge above is what 'flowctl save' writes.")
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

extension StatusCommand {
    /// Where the open flow stands against its remote branch, as git status says it; while a
    /// merge (or another git operation) is `pending`, the way on is to end it, not pull or push.
    static func describe(_ upstream: UpstreamState, pending: String? = nil) -> String {
        func saves(_ count: Int) -> String { "\(count) save\(count == 1 ? "" : "s")" }
        if let pending, upstream.ahead + upstream.behind > 0 {
            let standing =
                switch (upstream.ahead, upstream.behind) {
                case (let ahead, 0): "Ahead of \(upstream.remote) by \(saves(ahead))"
                case (0, let behind): "Behind \(upstream.remote) by \(saves(behind))"
                case (let ahead, let behind):
                    "This flow and \(upstream.remote)'s have diverged (\(saves(ahead)) here, \(saves(behind)) there)"
                }
            return standing + "; end the \(pending) in progress first (see above)."
        }
        switch (upstream.ahead, upstream.behind) {
        case (0, 0): return "Up to date with \(upstream.remote)."
        case (let ahead, 0):
            return "Ahead of \(upstream.remote) by \(saves(ahead)); 'flowctl push' sends \(ahead == 1 ? "it" : "them")."
        case (0, let behind):
            return
                "Behind \(upstream.remote) by \(saves(behind)); 'flowctl pull' brings \(behind == 1 ? "it" : "them")."
        case (let ahead, let behind):
            return "This flow and \(upstream.remote)'s have diverged (\(saves(ahead)) here, \(saves(behind)) there); "
                + "'flowctl pull' merges them."
        }
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
    @Nullable var upstream: UpstreamJSON?
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

struct UpstreamJSON: Encodable {
    var remote: String
    var ahead: Int
    var behind: Int
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
        conflicts = status.conflicts.map { conflict in
            ConflictJSON(
                name: conflict.name, kind: conflict.kind.rawValue, block: conflict.block, field: conflict.field,
                ours: conflict.ours, theirs: conflict.theirs, settled: !status.unresolved.contains(conflict))
        }
        conflicts += status.unresolvedFiles.map {
            ConflictJSON(name: $0.path, kind: "file", block: nil, field: nil, ours: nil, theirs: nil, settled: false)
        }
        conflicts += status.danglingExits.map { exit in
            ConflictJSON(
                name: exit.name, kind: "dangling-exit", block: exit.block, field: exit.field, ours: exit.ours,
                theirs: nil, settled: false)
        }
    }
}
