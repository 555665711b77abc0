import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

struct EditCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a block's file (or main's, flow.yaml) in your editor, then check it.",
        discussion: """
            Opens the file in the editor git would use: GIT_EDITOR, core.editor, VISUAL, EDITOR, \
            then vi. When the editor exits, the flow is read back: a file that cannot be read is \
            reported with its line (exit 1), otherwise what changed and what 'flowctl validate' \
            finds are shown. The edit is kept either way; it is saved by 'flowctl save' and \
            discarded by 'flowctl cancel'.

            Example: EDITOR=nano flowctl edit notify
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "A block id, or main for flow.yaml.", completion: .mainOrBlockIDs)
    var block: String

    func run() throws {
        let repository = try FlowReader.current()
        let before = try repository.workingFlow()
        let path: String
        if block == ExitReference.main {
            path = FlowCodec.mainFile
        } else {
            _ = try before.requireBlock(block)
            path = FlowCodec.blockFile(block)
        }
        let editor = try Self.editor(configured: repository.gitConfig("core.editor"))
        let file = repository.root.appendingPathComponent(path).path
        let status = Spawn.wait(
            try Spawn.shell(
                "\(editor) \"$@\"", arguments: [file], environment: ProcessInfo.processInfo.environment))
        guard status == 0 else {
            throw UserError("the editor '\(editor)' failed (exit \(status)); \(path) is as it left it")
        }
        let after: Flow
        do {
            after = try repository.workingFlow()
        } catch let error as FlowFileError {
            throw UserError(
                "\(error)\n(the edit is kept: fix it with 'flowctl edit \(block)' or discard it with 'flowctl cancel')")
        }
        for change in FlowDiff.changes(from: before, to: after) { Output.result(ChangeText.line(change)) }
        let id = try repository.flowID(nil)
        for finding in FlowValidator.findings(in: after, id: id) {
            Output.diagnostic("\(finding.severity.rawValue): \(finding)")
        }
    }

    /// The editor as git picks it.
    static func editor(configured: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        let visual = environment["TERM"] == "dumb" ? nil : environment["VISUAL"]
        let candidates = [environment["GIT_EDITOR"], configured, visual, environment["EDITOR"]]
        return candidates.compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
    }
}
