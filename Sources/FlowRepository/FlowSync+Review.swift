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
