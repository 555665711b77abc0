import ArgumentParser
import CallFlow
import FlowRepository

struct ValidateCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a flow: exits, reachability, parameters, seat, routing.",
        discussion: """
            Errors: an exit or the start leading to a missing block, an exit the block type does \
            not have, a required parameter missing, a value out of its range (an unknown time \
            zone, a time rule that cannot be read), an unknown block type or parameter, a flow \
            with blocks but no seat, a callflow block whose flow does not exist, and an \
            extension, number or name another flow has too (the open flow against every other; \
            with --all, every flow). Warnings: a block no call reaches, a flow with no extension \
            and no number, a credential written in clear. Exits 1 when there are errors, 0 otherwise: the gate for \
            scripts and CI. The open flow is checked as edited, others as saved; in a bare \
            repository (a server's), with no FLOW, every flow. A remote's flow \
            (origin/flows/support, or origin/support) is checked as the remote has it, as of the \
            last fetch, against the other flows as they are here. With --json: \
            an object with valid (no errors) and findings, each with severity (error or \
            warning), flow, file (the file to fix: blocks/<id>.yaml, or flow.yaml for the main \
            block), block (null for the main block), field and message.

            Example: flowctl validate --all
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "The flow's id or name (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Flag(help: "Check every flow, and extensions and numbers claimed twice.")
    var all = false

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        if all && flow != nil { throw ValidationError("give a FLOW or --all, not both") }
    }

    func run() throws {
        let repository = try FlowReader.current()
        // The repository's zone is every zone-less time-of-day block's: a bad one fails here,
        // as it would fail export and simulate.
        _ = try repository.defaultTimeZone()
        // A bare repository (a server's) has no open flow: there, no FLOW means every flow.
        let everyFlow = all || (flow == nil && repository.isBare)
        let findings = everyFlow ? try FlowChecks(repository).validateAll() : try findingsForOneFlow(in: repository)
        let valid = !findings.contains { $0.severity == .error }
        if json {
            try Output.json(ValidationJSON(valid: valid, findings: findings.map(FindingJSON.init)))
        } else {
            for finding in findings { Output.result("\(Terminal.severity(finding.severity.rawValue)): \(finding)") }
            if findings.isEmpty { Output.result("No problems found.") }
        }
        if !valid { throw ExitCode.failure }
    }

    /// FLOW's findings: a local flow's (see `FlowChecks.validate`), or a remote's flow as last
    /// fetched (`origin/flows/support`), against the other flows as they are here.
    private func findingsForOneFlow(in repository: FlowReader) throws -> [Finding] {
        let selected = try repository.readableFlow(flow)
        let checks = FlowChecks(repository)
        guard selected.remoteRef != nil else { return try checks.validate(selected.id) }
        return try checks.validate(selected.id, as: try repository.defaultFlow(selected))
    }
}

struct ValidationJSON: Encodable {
    var valid: Bool
    var findings: [FindingJSON]
}

struct FindingJSON: Encodable {
    var severity: String
    @Nullable var flow: String?
    /// The file to fix: the block's, or flow.yaml for the main block.
    var file: String
    @Nullable var block: String?
    @Nullable var field: String?
    var message: String

    init(_ finding: Finding) {
        severity = finding.severity.rawValue
        (flow, block, field, message) = (finding.flow, finding.block, finding.field, finding.message)
        file = finding.block.map(FlowCodec.blockFile) ?? FlowCodec.mainFile
    }
}
