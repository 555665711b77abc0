import ArgumentParser
import FlowRepository

struct PushCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send flows' saves (and published versions) to a remote.",
        discussion: """
            Pushes each FLOW's branch (default: the open flow; --all: every local flow) and the \
            published versions' tags the remote lacks. A flow whose remote branch has saves it \
            lacks is refused (not a fast-forward), with the advice to pull first; \
            --force-with-lease overwrites it only if the remote is still where the last fetch \
            saw it. A flow with no upstream gets the remote's branch as its upstream. A server's \
            hook may refuse a flow ('flowctl hook pre-receive'): its reasons are shown as \
            'remote:' lines. Exits 1 when any flow was refused. As with git, a remote's name \
            may come first: 'flowctl push origin' pushes the open flow there, 'flowctl push \
            origin support-line' that flow (a flow of the same name as a remote wins; --remote \
            says it outright). --dry-run connects and says what would be sent, and sends nothing. \
            --delete removes the named flows from the remote (the local flows stay), as git push \
            --delete does; the server's gate refuses it while another flow hands calls to one of \
            them.

            Example: flowctl push origin support-line
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @OptionGroup var selection: FlowSelection

    @Flag(help: "Overwrite the remote's flow only if it is where the last fetch saw it.")
    var forceWithLease = false

    @Flag(name: [.customShort("n"), .long], help: "Say what would be sent; send nothing.")
    var dryRun = false

    @Flag(name: .customLong("delete"), help: "Remove the named flows from the remote.")
    var deleteFlows = false

    func validate() throws {
        if deleteFlows && (selection.all || selection.flows.isEmpty) {
            throw ValidationError("--delete removes the flows it is given: name them (no --all)")
        }
        if deleteFlows && forceWithLease { throw ValidationError("give --delete or --force-with-lease, not both") }
    }

    func run() throws {
        let sync = try FlowSync.current()
        let (remote, ids) = try selection.resolve(in: sync, asOnTheServer: deleteFlows)
        let transfer = Transfers.make(pushing: true)
        let outcomes =
            deleteFlows
            ? try sync.deleteOnRemote(ids, from: remote, dryRun: dryRun, transfer: transfer)
            : try sync.push(ids, to: remote, forceWithLease: forceWithLease, dryRun: dryRun, transfer: transfer)
        let would = dryRun ? " (dry run: nothing sent)" : ""
        var refused = false
        for outcome in outcomes {
            switch outcome.result {
            case .upToDate: Output.note("\(outcome.flowID): up to date")
            case .deleted(let from): Output.note("\(outcome.flowID): deleted (was \(from.prefix(7)))\(would)")
            case .pushed(let from, let to):
                Output.note(
                    "\(outcome.flowID): \(from.map { String($0.prefix(7)) + ".." } ?? "new, ")\(to.prefix(7))\(would)")
            case .refused(let reason):
                refused = true
                Output.diagnostic("error: \(outcome.flowID): \(reason)")
            }
        }
        if refused { throw ExitCode.failure }
    }
}
