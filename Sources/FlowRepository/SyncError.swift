/// What can go wrong sharing flows (remotes, push, pull and merge), in words a user can act on.
public enum SyncError: Error, CustomStringConvertible {
    case noRemote
    case unknownRemote(String, known: [String])
    case remoteExists(String)
    case flowctlMergeInProgress(flow: String, operation: String)
    case unresolvedConflicts(flow: String, conflicts: [String])
    case noMerge
    case noSuchConflict(String, known: [String])
    case transfer(String)

    public var description: String {
        switch self {
        case .noRemote:
            "this repository has no remote: add one with 'flowctl remote add origin URL' (or clone with 'flowctl clone URL')"
        case .unknownRemote(let name, let known):
            "no remote '\(name)'"
                + (known.isEmpty ? "; this repository has none" : "; remotes: \(known.joined(separator: ", "))")
        case .remoteExists(let name):
            "remote '\(name)' exists already"
        case .flowctlMergeInProgress(let flow, let operation):
            "a merge into flow \(flow) is in progress: settle its conflicts ('flowctl status' lists them, "
                + "'flowctl resolve' or edits settle them) and 'flowctl save', or abort it with 'flowctl cancel', "
                + "before \(operation)"
        case .unresolvedConflicts(let flow, let conflicts):
            "flow \(flow) has \(conflicts.count) unresolved merge conflict\(conflicts.count == 1 ? "" : "s"); "
                + "settle each with 'flowctl resolve NAME --ours|--theirs' or an edit, then save:\n  "
                + conflicts.joined(separator: "\n  ")
        case .noMerge:
            "no merge is in progress: conflicts come from 'flowctl pull'"
        case .noSuchConflict(let name, let known):
            "no conflict '\(name)'" + (known.isEmpty ? "" : "; conflicts: \(known.joined(separator: ", "))")
        case .transfer(let reason):
            reason
        }
    }
}
