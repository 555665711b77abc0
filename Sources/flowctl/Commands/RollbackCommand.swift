import ArgumentParser
import FlowRepository

struct RollbackCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore the open flow as it was at an earlier save, as a new save.",
        discussion: """
            Makes one new commit whose flow files are as saved at REV (other files stay as they \
            are), and checks it out; \
            the history is kept and nothing is rewritten, so a rollback can itself be rolled \
            back. REV is resolved against the flow's branch (@~1 or HEAD~1, ~1, a commit id \
            prefix, a tag) and must be in the flow's history. Refuses while edits are unsaved. The message defaults \
            to "Roll back to <id>: <message>".

            Example: flowctl rollback @~2
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: ArgumentHelp("The save to go back to.", valueName: "rev"), completion: .recentSaves)
    var revision: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The commit message.", valueName: "message"))
    var message: String?

    func validate() throws {
        if let message, message.allSatisfy(\.isWhitespace) { throw ValidationError("the message must not be empty") }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        // A remote's flow is read-only here, as open, delete and rename say of it.
        if let remote = try? repository.remoteFlow(word: revision) {
            throw FlowError.remoteFlowReadOnly(
                revision, flow: remote.id, remote: String(revision.prefix { $0 != "/" }))
        }
        guard let saved = try writer.rollback(to: revision, message: message) else {
            Output.note("The flow is already as it was at \(revision); nothing to roll back.")
            return
        }
        Output.note("Saved flows/\(saved.flowID) \(saved.commit.prefix(7)): \(saved.message)")
        for change in saved.changes { Output.note("  " + ChangeText.line(change)) }
        if let flow = try? repository.savedFlow(saved.flowID) {
            Output.warn(try FlowChecks(repository).clashes(of: saved.flowID, main: flow.main))
        }
    }
}
