import CallFlow
import Git

/// What can go wrong reading flows, and what every side shares (git's and the file system's
/// failures), in words a user can act on.
public enum FlowError: Error, CustomStringConvertible {
    case notARepository(path: String)
    case bareRepository(path: String)
    case noFlowOpen
    case unknownFlow(String, known: [String])
    case ambiguousFlow(String, ids: [String])
    case missingBranch(flow: String)
    case badRevision(String, flow: String, reason: String)
    case git(GitError)
    case fileSystem(path: String, reason: String)
    case nothingPublished(flow: String)
    case operationInProgress(OperationInProgress)
    case onlyOnRemote(flow: String, remote: String, operation: String)
    /// `origin/flows/x` where remote origin had no flow x at the last fetch.
    case unknownRemoteFlow(String, remote: String, known: [String])
    /// `origin/flows/x` given to a command that changes flows: it reads local flows only.
    case remoteFlowReadOnly(String, flow: String, remote: String)

    public var description: String {
        switch self {
        case .notARepository(let path):
            "not inside a git repository (looked in \(path) and its parents); run 'flowctl init' to make one"
        case .bareRepository(let path):
            "\(path) is a bare repository: flows are read here (list, show FLOW, log FLOW, diff FLOW REV REV, "
                + "validate), and edited in a clone with a working tree"
        case .noFlowOpen:
            "no flow is open; create one with 'flowctl create NAME' or open one with 'flowctl open FLOW'"
        case .unknownFlow(let name, let known):
            "no flow '\(name)'" + Self.flowHint(name, among: known)
        case .ambiguousFlow(let name, let ids):
            "'\(name)' names several flows (\(ids.joined(separator: ", "))); use the id"
        case .missingBranch(let flow):
            "the open flow '\(flow)' has no commit on its branch"
        case .badRevision(let revision, let flow, let reason):
            "unknown revision '\(revision)' of flow '\(flow)': \(reason)"
        case .git(let error):
            error.description
        case .fileSystem(let path, let reason):
            "\(path): \(reason)"
        case .nothingPublished(let flow):
            "flow '\(flow)' has no published version yet; publish one with 'flowctl publish \(flow)'"
        case .onlyOnRemote(let flow, let remote, let operation):
            "flow '\(flow)' is only on remote '\(remote)': open it first ('flowctl open \(flow)' makes its local branch), "
                + "then \(operation)"
        case .unknownRemoteFlow(let reference, let remote, let known):
            "no flow '\(reference)': remote '\(remote)' had no flow '\(reference.split(separator: "/").last ?? "")' "
                + "at the last fetch ('flowctl fetch \(remote)' brings what it has now)"
                + (known.isEmpty ? "" : Self.flowHint(reference, among: known))
        case .remoteFlowReadOnly(let reference, let flow, let remote):
            "'\(reference)' is flow '\(flow)' as remote '\(remote)' had it at the last fetch: only reading commands "
                + "take it; change flow '\(flow)' here ('flowctl pull' brings \(remote)'s saves into it first)"
        case .operationInProgress(let operation):
            "a git \(operation.name) is in progress in this repository: finish it (\(operation.finish)) or abort it "
                + "(\(operation.abort)) before changing flows with flowctl"
        }
    }
}

extension FlowError {
    /// The closest flow id, or the few there are, or where to see them all: never a long list.
    static func flowHint(_ name: String, among known: [String]) -> String {
        if known.isEmpty { return "; there are no flows yet" }
        if let closest = Suggestion.closest(to: name, among: known) { return "; did you mean \(closest)?" }
        if known.count <= 5 { return "; flows: \(known.joined(separator: ", "))" }
        return "; 'flowctl list' shows the \(known.count) flows"
    }
}
