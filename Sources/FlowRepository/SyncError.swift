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
    case unrelatedHistories(flow: String, remote: String)
    case danglingExitIsNoConflict(String)
    case otherFileConflict(String)
    case wouldOverwrite(path: String)

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
        case .unrelatedHistories(let flow, let remote):
            "refusing to merge unrelated histories: flow \(flow) here and \(remote)'s were created separately "
                + "(no save in common). Keep both: 'flowctl rename \(flow) \"NEW NAME\" --id NEW-ID' moves yours aside, then "
                + "'flowctl open \(flow)' takes \(remote)'s; or replace \(remote)'s with yours: "
                + "'flowctl push --force-with-lease \(flow)'"
        case .danglingExitIsNoConflict(let exit):
            "\(exit): not a merge conflict (the merge was clean block by block), but 'flowctl validate' rejects "
                + "it: connect it to a block ('flowctl connect') or remove it, then save"
        case .otherFileConflict(let path):
            "\(path) is not a flow file: git merged it by lines, as 'git merge' does; edit out the conflict "
                + "markers, 'git add \(path)', then 'flowctl save'"
        case .wouldOverwrite(let path):
            "\(path) has changes of its own that the merge would overwrite: commit or stash them first "
                + "(as 'git merge' asks), then pull"
        }
    }
}
