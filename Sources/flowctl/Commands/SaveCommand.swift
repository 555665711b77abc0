import ArgumentParser
import CallFlow
import FlowRepository

struct SaveCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Save the open flow's changes as one commit (Save Changes).",
        discussion: """
            Commits the flow's files, written canonically, on its branch flows/<id>, by the git \
            identity (user.name and user.email, or GIT_AUTHOR_* and GIT_COMMITTER_*). With \
            nothing changed, no commit is made. Without -m the message lists what changed. \
            --duplicate then copies the flow (Save and Duplicate: see 'flowctl duplicate'); \
            --create NAME then starts a new empty flow (Save and Create). If the branch moved \
            while saving, nothing is saved and the edits stay in the working tree.

            Example: flowctl save -m "Route after-hours calls to voicemail"
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Option(name: .shortAndLong, help: ArgumentHelp("The commit message.", valueName: "message"))
    var message: String?

    @Flag(help: "Then make a copy named '<name> copy', with no extension and no numbers, and open it.")
    var duplicate = false

    @Option(
        name: .customLong("create"),
        help: ArgumentHelp("Then start a new, empty flow with this name and open it.", valueName: "name"))
    var createName: String?

    func validate() throws {
        if duplicate && createName != nil { throw ValidationError("--duplicate and --create cannot be used together") }
        if let message, message.allSatisfy(\.isWhitespace) { throw ValidationError("the message must not be empty") }
        if let createName { try validateFlowName(createName) }
    }

    func run() throws {
        let writer = try FlowWriter.current()
        let repository = writer.reader
        let id = try repository.flowID(nil)
        // The same checks as validate, reported but not blocking: a draft may be incomplete, and
        // the save succeeds, so they are warnings here (validate calls its errors errors).
        let report = { (findings: [Finding]) in
            guard !quiet, !findings.isEmpty else { return }
            let count = findings.count
            Output.diagnostic(
                "warning: saving with \(count) problem\(count == 1 ? "" : "s") ('flowctl validate' is the gate "
                    + "for a finished flow):")
            for finding in findings { Output.diagnostic("  \(finding.severity.rawValue): \(finding)") }
        }
        var rewritten: [String] = []
        if let saved = try writer.save(message: message, report: report, rewrote: { rewritten = $0 }) {
            Output.note("Saved flows/\(saved.flowID) \(saved.commit.prefix(7)): \(saved.message)")
        } else if !rewritten.isEmpty {
            Output.note(
                "Rewrote \(rewritten.joined(separator: ", ")) canonically (only formatting differed); "
                    + "nothing to save in flow \(id).")
        } else {
            Output.note("Nothing to save in flow \(id).")
        }
        if duplicate {
            let copy = try writer.duplicate(id)
            Output.note("Duplicated \(id) as \(copy.flowID) on branch flows/\(copy.flowID), now open")
        }
        if let createName {
            let created = try writer.create(MainBlock(name: createName))
            Output.note("Created flow \(created.flowID) (\(createName)) on branch flows/\(created.flowID), now open")
        }
    }
}
