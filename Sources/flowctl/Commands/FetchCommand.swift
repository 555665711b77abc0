import ArgumentParser
import FlowRepository

struct FetchCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Bring a remote's flows and published versions here, without changing any flow.",
        discussion: """
            Updates the remote-tracking branches (refs/remotes/REMOTE/flows/*) and the published \
            versions' tags; no local flow and no working file changes. 'flowctl list' then shows \
            how far each flow is ahead of or behind the remote, and flows only the remote has. \
            REMOTE defaults to origin, or the only remote.

            Example: flowctl fetch
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The remote (default: origin, or the only one).")
    var remote: String?

    func run() throws {
        let sync = try FlowSync.current()
        let fetched = try sync.fetch(remote, transfer: Transfers.make())
        Output.note("Fetched \(fetched)")
    }
}
