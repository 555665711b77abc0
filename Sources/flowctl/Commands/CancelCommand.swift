import ArgumentParser
import FlowRepository
import Foundation

struct CancelCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Discard the open flow's unsaved changes (Cancel).",
        discussion: """
            Resets the flow's files (flow.yaml and blocks/*.yaml) to the last save, removing \
            block files added since; no commit is made and nothing else in the working tree is \
            touched. Asks first on a terminal; elsewhere it refuses without --yes.

            Example: flowctl cancel --yes
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Discard without asking.")
    var yes = false

    func run() throws {
        let repository = try FlowRepository.current()
        guard let status = try repository.status() else { throw FlowError.noFlowOpen }
        guard status.hasUnsavedChanges else {
            Output.note("Nothing to cancel in flow \(status.flowID).")
            return
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw UserError(
                    "flow '\(status.flowID)' has unsaved changes (\(status.changedFiles.joined(separator: ", "))); "
                        + "not discarding them without confirmation: run 'flowctl cancel --yes'")
            }
            guard confirm(status) else {
                Output.diagnostic("Kept the unsaved changes.")
                return
            }
        }
        try repository.cancel()
        Output.note("Discarded the unsaved changes to flow \(status.flowID).")
    }

    private func confirm(_ status: FlowStatus) -> Bool {
        for change in status.changes { Output.diagnostic("  " + ChangeText.line(change)) }
        Output.prompt("Discard the unsaved changes to flow \(status.flowID)? [y/N] ")
        guard let answer = readLine()?.lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
