import ArgumentParser
import CallFlow
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
        // `push origin --all` names a remote, not a flow: told apart once the remotes are known.
        if all && flows.count > 1 { throw ValidationError("give FLOWs or --all, not both") }
    }

    /// The remote and the flows' ids, as git reads `git push origin main`: a first word that is
    /// a remote's name (and no flow's) is the remote, the words after it are flows. Then named
    /// flows, every local flow (--all), or the open one. `asOnTheServer`: a name no flow here
    /// has is taken as the id it is (`push --delete` of a flow not fetched yet: the server
    /// says whether it has it), never as the closest flow here, which is another flow.
    func resolve(in sync: FlowSync, asOnTheServer: Bool = false) throws -> (remote: String?, ids: [String]) {
        let repository = sync.writer.reader
        var (remote, named) = (self.remote, flows)
        if remote == nil, let first = named.first, (try? repository.resolveFlow(first)) == nil {
            let remotes = try sync.remotes()
            if remotes.contains(where: { $0.name == first }) {
                remote = first
                named.removeFirst()
            } else if remotes.isEmpty && first == "origin" {
                throw UserError("this repository has no remote: add one with 'flowctl remote add origin URL'")
            }
        }
        if all {
            guard named.isEmpty else { throw ValidationError("give FLOWs or --all, not both") }
            return (remote, try repository.localFlowIDs())
        }
        return (
            remote,
            named.isEmpty
                ? [try repository.flowID(nil)]
                : try named.map { name in
                    if asOnTheServer, Slug.isValid(name), (try? repository.resolveFlow(name)) == nil { return name }
                    return try repository.resolveFlow(name)
                }
        )
    }
}
