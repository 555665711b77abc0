import CallFlow
import Foundation
import Git

extension FlowSync {
    /// A flow being merged is pushed when the merge is saved: before that its branch is the
    /// side the merge started from, which the remote would refuse with the advice to pull,
    /// the very pull that is not finished.
    func refuseWhileMerging(_ ids: [String], operation: String) throws {
        if let merge = writer.reader.mergeState(), ids.contains(merge.flow) {
            throw SyncError.flowctlMergeInProgress(flow: merge.flow, operation: operation)
        }
    }
}

extension FlowSync {
    /// `push --delete`: removes flows `ids` from remote `name` (their branches there; the local
    /// flows, if any, stay), as `git push --delete` does. The server's gate refuses a deletion
    /// that leaves another flow handing calls to a deleted one. A flow the remote does not have
    /// is refused before anything is sent.
    public func deleteOnRemote(
        _ ids: [String], from name: String?, dryRun: Bool = false, transfer observer: TransferObserver
    ) throws -> [PushOutcome] {
        let remote = try remoteName(name)
        var outcomes: [PushOutcome] = []
        var deleting: [(id: String, tip: ObjectID)] = []
        let refused = try transferCall {
            try git.push(remote, transfer: transfer(observer), dryRun: dryRun) { heads in
                let tips = Dictionary(heads.map { ($0.name, $0.target) }, uniquingKeysWith: { first, _ in first })
                for id in ids {
                    if let tip = tips[FlowLayout.branch(id)] {
                        deleting.append((id, tip))
                    } else {
                        outcomes.append(PushOutcome(flowID: id, result: .refused("\(remote) has no flow '\(id)'")))
                    }
                }
                return deleting.map { ":" + FlowLayout.branch($0.id) }
            }
        }
        for (id, tip) in deleting {
            if let reason = refused[FlowLayout.branch(id)] {
                outcomes.append(PushOutcome(flowID: id, result: .refused("\(remote) refused it: \(reason)")))
            } else {
                outcomes.append(PushOutcome(flowID: id, result: .deleted(from: tip.description)))
            }
        }
        return outcomes.sorted { $0.flowID < $1.flowID }
    }
}

extension FlowSync {
    /// Whether pulling flow `id` from `remote` would merge: both its branch and the remote's
    /// (as fetched) have saves the other lacks.
    func needsMerge(_ id: String, remote: String) throws -> Bool {
        guard let theirs = try gitCall({ try git.referenceTarget(FlowLayout.remoteBranchPrefix(remote) + id) }),
            let ours = try gitCall({ try git.referenceTarget(FlowLayout.branch(id)) })
        else { return false }
        let base = try gitCall { try git.mergeBase(ours, theirs) }
        return base != ours && base != theirs
    }
}
