import ArgumentParser
import CallFlow
import FlowRepository

struct PullCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Bring a remote's saves into flows: fast-forward, or merge block by block.",
        discussion: """
            Fetches, then for each FLOW (default: the open flow; --all: every local flow): when \
            the remote's branch has saves the flow lacks, fast-forwards to it if the flow has \
            none of its own; otherwise merges the two versions against their common ancestor \
            as flows, not as text. Different blocks, and different fields of one block, merge \
            cleanly into a merge commit with two parents. A field changed both ways, a block \
            removed on one side and changed on the other, or an exit left leading nowhere are \
            conflicts: nothing is committed, the flow is open with the merge in progress (git's \
            MERGE_HEAD), its files hold the merge with our value wherever there is a conflict, \
            and 'flowctl status' and 'flowctl diff' list each conflict with both values. \
            'flowctl resolve BLOCK[.FIELD] --ours|--theirs' settles one, and so does an edit \
            that changes it; 'flowctl save' then writes the merge commit (and refuses while a \
            conflict is unsettled), 'flowctl cancel' aborts the merge back to exactly where the \
            flow was. Pulling stops at the first flow with conflicts. A flow and the remote's \
            that have no save in common (created separately) are refused, as git refuses \
            unrelated histories, with the way out named; the other flows are still pulled, \
            and the exit is 1. Refuses while the flow has unsaved changes. Exits 1 when a \
            merge stopped on conflicts. As with git, a \
            remote's name may come first: 'flowctl pull origin [FLOW...]'. --ff-only changes \
            only flows that fast-forward, as git pull --ff-only: a flow with saves of its own is \
            left as it was, said so, and the exit is 1.

            Example: flowctl pull origin support-line
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @OptionGroup var selection: FlowSelection

    @Flag(help: "Only fast-forward: leave a flow with saves of its own as it is.")
    var ffOnly = false

    func run() throws {
        let sync = try FlowSync.current()
        let (remote, ids) = try selection.resolve(in: sync)
        let outcomes = try sync.pull(ids, from: remote, fastForwardOnly: ffOnly, transfer: Transfers.make())
        var failed = false
        for outcome in outcomes {
            let id = outcome.flowID
            switch outcome.result {
            case .upToDate: Output.note("\(id): up to date")
            case .notOnRemote: Output.note("\(id): not on the remote (push it to share it)")
            case .onlyOnRemote: Output.note("\(id): only on the remote; 'flowctl open \(id)' makes its branch")
            case .fastForwarded(let from, let to): Output.note("\(id): fast-forward \(from.prefix(7))..\(to.prefix(7))")
            case .merged(let commit, let dangling):
                Output.note("\(id): merged, as \(commit.prefix(7))")
                MergeWarnings.danglingExits(dangling, flow: id)
            case .notFastForward:
                failed = true
                Output.diagnostic(
                    "error: \(id): not possible to fast-forward: it and the remote's both have saves of their own; "
                        + "'flowctl pull \(id)' without --ff-only merges them")
            case .unrelatedHistories(let message):
                failed = true
                Output.diagnostic("error: \(id): \(message)")
            case .conflicts(let conflicts, let files, let dangling):
                let count = conflicts.count + files.count
                Output.diagnostic("\(id): the merge has \(count) conflict\(count == 1 ? "" : "s"):")
                for conflict in conflicts { Output.diagnostic("  \(conflict.name): \(conflict)") }
                for file in files { Output.diagnostic("  \(file.path): \(file)") }
                MergeWarnings.danglingExits(dangling, flow: id)
                let markers = files.contains { $0.kind == .bothChanged }
                Output.diagnostic(
                    "Settle each with 'flowctl resolve NAME --ours|--theirs' or an edit"
                        + (markers ? " (a file: edit out the markers, then 'git add FILE')" : "")
                        + ", then 'flowctl save'; 'flowctl cancel' aborts the merge.")
                throw ExitCode.failure
            }
        }
        if failed { throw ExitCode.failure }
    }
}
