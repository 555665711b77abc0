import CallFlow
import Git

extension FlowHistory {
    /// The saves of flow `id` that `newRevision` (its tip when nil) has and `oldRevision` lacks,
    /// newest first along first parents, as `git log --first-parent OLD..NEW` lists them: up to
    /// their merge base, so a flow that went two ways lists only its own side. With no old side
    /// (a flow new to the other side), every save. At most `limit`; `more` says whether others
    /// were left out.
    public func saves(_ id: String, since oldRevision: String?, until newRevision: String?, limit: Int) throws
        -> (saves: [SaveInfo], more: Bool)
    {
        let new = try reader.refs.commitID(id, revision: newRevision)
        let base = try oldRevision.flatMap { old in
            try gitCall { try reader.git.mergeBase(try reader.refs.commitID(id, revision: old), new) }
        }?.description
        var saves: [SaveInfo] = []
        var more = false
        do {
            try forEachSave(id, from: newRevision) { save in
                if save.commit == base { throw Reached() }
                guard saves.count < limit else {
                    more = true
                    throw Reached()
                }
                saves.append(save)
            }
        } catch is Reached {}
        return (saves, more)
    }

    private struct Reached: Error {}

    /// The full commit id `revision` names in flow `id`'s history (its tip when nil).
    public func commit(_ id: String, revision: String?) throws -> String {
        try reader.refs.commitID(id, revision: revision).description
    }
}
