import ArgumentParser
import FlowRepository
import Foundation

struct CloneCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "clone",
        abstract: "Copy a shared repository of flows, and open its default flow.",
        discussion: """
            Makes DIR (default: the URL's last part, without .git), a repository whose remote \
            origin is URL, with every flow of the remote available ('flowctl list' shows them; \
            'flowctl open' makes a local branch of one). The remote's default flow (the branch \
            its HEAD names, when that is a flow; else the first by id) is opened. The merge \
            driver is set up as by 'flowctl init'. URL is anything git takes: a path, file://, \
            git://, http(s):// or ssh:// (and user@host:path). Credentials come from ssh-agent \
            and ~/.ssh keys for ssh (the host must be in ~/.ssh/known_hosts), and from git's \
            credential helpers (or GIT_ASKPASS) for https. A clone is all or nothing: it is made \
            in a hidden staging folder beside DIR and renamed to DIR when complete, so one that \
            fails or is killed leaves no DIR, and the next clone there removes a killed one's \
            staging folder.

            Example: flowctl clone ssh://git@pbx.example.com/flows.git
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The repository to clone.")
    var url: String

    @Argument(help: "Where to make the clone.", completion: .directory)
    var directory: String?

    func run() throws {
        let folder = directory ?? Self.defaultFolder(for: url)
        guard !folder.isEmpty else { throw ValidationError("cannot tell a folder name from '\(url)': give DIR") }
        Output.note("Cloning into '\(folder)'...")
        let (_, opened) = try FlowSync.clone(
            url, into: folder, mergeDriver: InitCommand.flowctlCommand(), transfer: Transfers.make())
        if let opened {
            Output.note("Opened flow \(opened); 'flowctl list' shows every flow")
        } else {
            Output.note("The remote has no flows yet; 'flowctl create NAME' starts one")
        }
    }

    /// `flows` for `ssh://host/team/flows.git`, as git names a clone.
    static func defaultFolder(for url: String) -> String {
        var last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? ""
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last
    }
}
