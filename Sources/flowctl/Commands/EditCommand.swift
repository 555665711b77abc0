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
            then vi. A file that cannot be read (a broken hand edit) opens all the same: mending \
            it is what edit is for. When the editor exits, the flow is read back: a file that \
            still cannot be read is reported with its line (exit 1), otherwise what changed and \
            what 'flowctl validate' finds are shown. The edit is kept either way; it is saved \
            by 'flowctl save' and discarded by 'flowctl cancel'.

            Example: EDITOR=nano flowctl edit notify
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "A block id, or main for flow.yaml.", completion: .mainOrBlockIDs)
    var block: String

    func run() throws {
        let repository = try FlowReader.current()
        // A flow whose files do not all read is still edited: its broken file is the one to mend.
        let before = try? repository.workingFlow()
        let path = block == ExitReference.main ? FlowCodec.mainFile : FlowCodec.blockFile(block)
        let file = repository.root.appendingPathComponent(path).path
        // An editor would write through a link to whatever it points at: flowctl never follows one.
        if FileKind.isSymbolicLink(file) {
            throw UserError(
                "\(path) is a symbolic link, which flowctl never follows: remove the link with 'rm \(path)' "
                    + "(what it points to stays), then 'flowctl cancel' brings the saved file back")
        }
        if let before, block != ExitReference.main {
            _ = try before.requireBlock(block)
        } else if before == nil, !FileManager.default.fileExists(atPath: file) {
            throw UserError("there is no block '\(block)': \(path) does not exist")
        }
        let editor = try Self.editor(configured: repository.gitConfig("core.editor"))
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
            let broken = FlowCodec.blockID(ofFile: error.file) ?? ExitReference.main
            // cancel refuses during git's own merge or rebase: the way out is git's.
            let discard =
                repository.operationInProgress.map { "; \($0.message)" }
                ?? " or discard it with 'flowctl cancel'"
            throw UserError("\(error)\n(the edit is kept: fix it with 'flowctl edit \(broken)'\(discard))")
        }
        if let before {
            for change in FlowDiff.changes(from: before, to: after) { Output.result(ChangeText.line(change)) }
        } else {
            Output.result("\(path) reads again.")
        }
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
