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
            says it outright).

            Example: flowctl push origin support-line
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @OptionGroup var selection: FlowSelection

    @Flag(help: "Overwrite the remote's flow only if it is where the last fetch saw it.")
    var forceWithLease = false

    func run() throws {
        let sync = try FlowSync.current()
        let (remote, ids) = try selection.resolve(in: sync)
        let outcomes = try sync.push(
            ids, to: remote, forceWithLease: forceWithLease, transfer: Transfers.make(pushing: true))
        var refused = false
        for outcome in outcomes {
            switch outcome.result {
            case .upToDate: Output.note("\(outcome.flowID): up to date")
            case .pushed(let from, let to):
                Output.note("\(outcome.flowID): \(from.map { String($0.prefix(7)) + ".." } ?? "new, ")\(to.prefix(7))")
            case .refused(let reason):
                refused = true
                Output.diagnostic("error: \(outcome.flowID): \(reason)")
            }
        }
        if refused { throw ExitCode.failure }
    }
}
