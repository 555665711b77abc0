import CallFlow
import Git

/// What a rename did: the flow's id now, and the other flows whose callflow blocks were pointed
/// at it.
public struct RenamedFlow: Sendable, Equatable {
    public var id: String
    public var retargeted: [String]
}

extension FlowWriter {
    /// Renames flow `id` to `name` in a save, and with `newID` moves its branch (history kept) to
    /// `flows/<newID>`. Every callflow block of every flow that handed calls to it by its old id
    /// (or its old name) is pointed at its id, in one save per flow. All of it is one
    /// transaction: a failure leaves every branch, HEAD and file as it was. Refuses while the
    /// open flow has unsaved edits, a name or id another flow has, and an invalid id.
    public func rename(_ id: String, to name: String, newID: String?) throws -> RenamedFlow {
        try withWriteLock("rename \(id)") {
            try reader.refs.requireLocal(id, for: "rename it")
            let target = newID ?? id
            if let newID {
                guard Slug.isValid(newID) else { throw WriteError.badID(newID) }
                if newID != id, try reader.refs.tip(newID) != nil { throw WriteError.idTaken(newID) }
            }
            if let other = try FlowChecks(reader).knownFlows().flow(named: name, except: id) {
                throw WriteError.nameTaken(name, by: other)
            }
            try requireNoUnsavedChanges(hint: "save or cancel them first: a rename saves")
            let oldName = try reader.savedFlow(id).main.name
            var refs: [Transaction.Ref] = []
            var newTips: [String: ObjectID] = [:]

            // The flow itself: a save that renames it, on its branch or its new one.
            let renamedTip = try reader.refs.commitID(id, revision: nil)
            var flow = try reader.savedFlow(id)
            flow.main.name = name
            _ = flow.retargetCallflows(from: [id, oldName], to: target)  // a flow that calls itself
            let renamed = try commit(
                tree: try flowTree(flow, base: renamedTip), parents: [renamedTip],
                message: "Rename \(oldName) to \(name)" + (target == id ? "" : " (id \(id) -> \(target))"))
            newTips[target] = renamed
            if target == id {
                refs.append(
                    Transaction.Ref(
                        name: FlowLayout.branch(id), before: renamedTip.description, after: renamed.description))
            } else {
                refs.append(Transaction.Ref(name: FlowLayout.branch(target), before: nil, after: renamed.description))
                refs.append(Transaction.Ref(name: FlowLayout.branch(id), before: renamedTip.description, after: nil))
            }

            // Every other flow whose callflow blocks would no longer reach it.
            var stale: Set<String> = []
            if target != id { stale.insert(id) }
            if name.lowercased() != oldName.lowercased() { stale.insert(oldName) }
            var retargeted: [String] = []
            // Flows only on a remote are left as they are: their branches are not this clone's to move.
            for other in try reader.flowIDs()
            where try other != id && !stale.isEmpty && reader.refs.remoteOnly(other) == nil {
                guard let otherTip = try reader.refs.tip(other), var otherFlow = try? reader.savedFlow(other),
                    otherFlow.retargetCallflows(from: stale, to: target)
                else { continue }
                let commit = try commit(
                    tree: try flowTree(otherFlow, base: otherTip), parents: [otherTip],
                    message: "Hand calls to \(target): \(oldName) was renamed")
                newTips[other] = commit
                refs.append(
                    Transaction.Ref(
                        name: FlowLayout.branch(other), before: otherTip.description, after: commit.description))
                retargeted.append(other)
            }

            // The open flow's files follow its new save; HEAD follows a moved branch.
            let open = try reader.openFlowID()
            let operation = "rename \(id)"
            if let open, let openTarget = open == id ? target : (newTips[open] != nil ? open : nil) {
                try journal.perform(
                    try switchTransaction(operation, to: openTarget, at: newTips[openTarget]!, refs: refs))
            } else {
                try journal.perform(Transaction(operation: operation, refs: refs))
            }
            return RenamedFlow(id: target, retargeted: retargeted)
        }
    }

    /// The tree of `base` with its flow files replaced by `flow`'s, written canonically.
    private func flowTree(_ flow: Flow, base: ObjectID) throws -> ObjectID {
        let baseTree = try reader.refs.tree(of: base)
        return try gitCall {
            try git.writeTree(base: baseTree, removing: FlowLayout.flowTreePaths, adding: FlowCodec.encode(flow))
        }
    }
}
