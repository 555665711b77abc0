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
            touched. Asks first on a terminal; elsewhere it refuses without --yes. The discarded \
            edits are kept (under refs/flowctl/discarded/, 30 days): --undo brings the last ones \
            back as unsaved edits, --list shows those kept for the open flow.

            Example: flowctl cancel --yes
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Discard without asking.")
    var yes = false

    @Flag(help: "Bring back the edits the last cancel discarded.")
    var undo = false

    @Flag(help: "List the discarded edits that --undo can bring back.")
    var list = false

    @Flag(help: "With --list, print JSON: an array of objects with flow, name, commit, reference and time.")
    var json = false

    func validate() throws {
        if undo && list { throw ValidationError("--undo and --list exclude each other") }
        if json && !list { throw ValidationError("--json goes with --list") }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        if list {
            let formatter = ISO8601DateFormatter()
            if json { return try Output.json(try FlowDiscards(writer).discardedEdits().map(DiscardJSON.init)) }
            for kept in try FlowDiscards(writer).discardedEdits() {
                Output.result("\(kept.commit.prefix(7))  discarded \(formatter.string(from: kept.time))")
            }
            return
        }
        if undo {
            let restored = try FlowDiscards(writer).undoCancel()
            Output.note("Brought back the edits discarded at \(ISO8601DateFormatter().string(from: restored.time)).")
            return
        }
        guard let status = try FlowStatus(repository) else { throw FlowError.noFlowOpen }
        // A merge 'pull' left in progress is aborted, its files back to the last save.
        let merging = repository.mergeInProgress
        if merging && !status.hasUnsavedChanges {
            try writer.cancel()
            Output.note("Aborted the merge into flow \(status.flowID); it is as it was before the pull.")
            return
        }
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
        try writer.cancel()
        Output.note(
            merging
                ? "Aborted the merge into flow \(status.flowID); it is as it was before the pull."
                : "Discarded the unsaved changes to flow \(status.flowID).")
    }

    private func confirm(_ status: FlowStatus) -> Bool {
        for change in status.changes { Output.diagnostic("  " + ChangeText.line(change)) }
        Output.prompt("Discard the unsaved changes to flow \(status.flowID)? [y/N] ")
        guard let answer = readLine()?.lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
