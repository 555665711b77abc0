import ArgumentParser
import CallFlow
import FlowRepository

struct CreateCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Start a new call flow on a branch of its own, and open it.",
        discussion: """
            The flow's id is made from its name ("Support Line" becomes support-line, or \
            support-line-2 if that is taken) and never changes. The new branch flows/<id> is an \
            orphan: its first commit holds the main block alone. Refuses while the open flow has \
            unsaved changes; 'flowctl save --create NAME' saves them first. Created from a \
            branch that holds a project's own files (a README, docs), it leaves them on that \
            branch, as 'git switch --orphan' does, and says so with the way back.

            Example: flowctl create "Support Line" --extension 101 --number +15551234567 --seat alice
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The flow's name.")
    var name: String

    @OptionGroup var main: MainBlockOptions

    func validate() throws {
        try validateFlowName(name)
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let project = try writer.reader.projectBranch()
        let behind = try? writer.reader.commitLeftBehind()
        let created = try writer.create(
            MainBlock(name: name, extension: main.extension, numbers: main.numbers, seat: main.seat))
        Output.note("Created flow \(created.flowID) (\(name)) on branch flows/\(created.flowID), now open")
        LeftBehind.warn(behind)
        if let project {
            // As git switch --orphan: the project's files stay on their branch, out of the way.
            let shown = project.files.prefix(3).joined(separator: ", ") + (project.files.count > 3 ? ", ..." : "")
            Output.diagnostic(
                "note: \(project.name)'s own files (\(shown)) are no flow's and stay on branch \(project.name); "
                    + "'git switch \(project.name)' brings them back into the working tree")
        }
    }
}
