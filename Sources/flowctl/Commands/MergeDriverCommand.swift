import ArgumentParser
import CallFlow
import Foundation

struct MergeDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "Merge a flow file for git, field by field (git's merge driver for flow files).",
        discussion: """
            git runs it to merge flow.yaml and blocks/*.yaml in git merge, rebase, cherry-pick and \
            pull, as 'flowctl merge-driver %O %A %B %P' (the common ancestor's file, ours, theirs, \
            and the path): fields changed on one side take that side's value, so two people \
            changing different fields of one block (a webhook's url and its retries) merge \
            cleanly where git's line merge conflicts. A field changed two different ways is a \
            conflict: each is named on standard error with both values, the file holds the whole \
            merged file twice in git's conflict markers (ours, then theirs, each with the other \
            changes merged), and the exit status is 1, so git stops for it to be resolved; \
            flowctl reports such a file as an unresolved merge conflict. A version that cannot be \
            read as a flow file is merged by lines, as 'git merge-file' does. 'flowctl init' sets \
            it up for its repository (.git/info/attributes and merge.flowctl in .git/config); \
            run 'flowctl init' in a plain git clone to set it up there.

            Example: git config merge.flowctl.driver 'flowctl merge-driver %O %A %B %P'
            """)

    @Argument(help: ArgumentHelp("The common ancestor's version (git's %O).", valueName: "base"))
    var base: String

    @Argument(help: ArgumentHelp("Our version (%A), where the result is written.", valueName: "ours"))
    var ours: String

    @Argument(help: ArgumentHelp("Their version (%B).", valueName: "theirs"))
    var theirs: String

    @Argument(help: ArgumentHelp("The file's path in the repository (%P).", valueName: "path"))
    var path: String

    func run() throws {
        let read = { (file: String) throws -> [UInt8] in
            guard let data = FileManager.default.contents(atPath: file) else {
                throw UserError("merge-driver: cannot read \(file)")
            }
            return Array(data)
        }
        let baseBytes = try read(base)
        let result: FlowMerge.Result
        do {
            result = try FlowMerge.merge(
                path: path, base: baseBytes.isEmpty ? nil : baseBytes, ours: try read(ours), theirs: try read(theirs))
        } catch let error as FlowFileError {
            Output.diagnostic("flowctl merge-driver: \(path): \(error.message); merging by lines")
            throw ExitCode(try Self.mergeByLines(ours: ours, base: base, theirs: theirs))
        }
        guard FileManager.default.createFile(atPath: ours, contents: Data(result.text.utf8)) else {
            throw UserError("merge-driver: cannot write \(ours)")
        }
        for conflict in result.conflicts {
            Output.diagnostic(
                "flowctl merge-driver: \(path): \(conflict.field) changed both ways: ours "
                    + "\(conflict.ours?.inlineText ?? "(removed)"), theirs \(conflict.theirs?.inlineText ?? "(removed)")"
            )
        }
        if !result.conflicts.isEmpty { throw ExitCode.failure }
    }

    /// git's own line merge, into `ours`; its exit status (0 clean, more than 0 conflicts).
    static func mergeByLines(ours: String, base: String, theirs: String) throws -> Int32 {
        let pid = try Spawn.shell(
            "exec git merge-file -L ours -L base -L theirs \"$1\" \"$2\" \"$3\"", arguments: [ours, base, theirs],
            environment: ProcessInfo.processInfo.environment)
        return min(Spawn.wait(pid), 1)
    }
}
