import ArgumentParser
import FlowRepository

/// The flows a push or pull works on, and through which remote.
struct FlowSelection: ParsableArguments {
    @Argument(help: "The flows (default: the open flow).", completion: .flowIDs)
    var flows: [String] = []

    @Flag(help: "Every local flow.")
    var all = false

    @Option(help: ArgumentHelp("The remote (default: origin, or the only one).", valueName: "name"))
    var remote: String?

    func validate() throws {
        if all && !flows.isEmpty { throw ValidationError("give FLOWs or --all, not both") }
    }

    /// The flows' ids: named ones, every local flow, or the open one.
    func ids(in repository: FlowReader) throws -> [String] {
        if all { return try repository.list().filter { $0.onlyOnRemote == nil }.map(\.id) }
        return flows.isEmpty ? [try repository.flowID(nil)] : try flows.map { try repository.resolveFlow($0) }
    }
}
