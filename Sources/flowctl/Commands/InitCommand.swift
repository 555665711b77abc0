import ArgumentParser
import FlowRepository
import Foundation

struct InitCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a git repository to keep call flows in.",
        discussion: """
            Creates PATH (default: the current folder) and an empty git repository in it, or \
            reopens the one already there as 'git init' does. Flows are then added with \
            'flowctl create'. Use a repository of its own: creating the first flow switches the \
            working tree to that flow's branch. It also makes git merge flow files field by field \
            with 'flowctl merge-driver' (in .git/info/attributes and .git/config, which no commit \
            carries): run 'flowctl init' in a clone made with plain git to set that up there.

            Example: flowctl init callflows && cd callflows
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "Where to make the repository.", completion: .directory)
    var path: String = "."

    /// How git should run this flowctl: `flowctl` when that is what PATH finds, else its path.
    static func flowctlCommand() -> String {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("flowctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate.resolvingSymlinksInPath().path == me ? "flowctl" : "'\(me)'"
            }
        }
        return "'\(me)'"
    }

    func run() throws {
        let url = URL(fileURLWithPath: path)
        let existed = FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path)
        let repository = try FlowWriter.initialize(at: url.path)
        let wasSetUp = try FlowSync(repository).setUpMergeDriver(command: Self.flowctlCommand())
        let what: String
        if !existed {
            what = "Initialized empty flowctl repository"
        } else if wasSetUp {
            what = "Reinitialized existing flowctl repository"
        } else {
            what = "Set up flowctl in existing git repository"
        }
        Output.note("\(what) in \(repository.reader.gitDirectory)")
    }
}
