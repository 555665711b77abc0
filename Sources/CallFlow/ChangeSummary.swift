extension FlowChange {
    /// Where the change is: `seat`, `notify`, `notify.url`.
    public var location: String {
        switch self {
        case .mainField(let field, _, _): field
        case .blockAdded(let block), .blockRemoved(let block): block.id
        case .blockField(let block, let field, _, _): "\(block).\(field)"
        case .blockRenamed(let from, let to): "\(from) to \(to)"
        }
    }
}

extension FlowDiff {
    /// A one-line summary for commit messages and logs: "Update seat, notify.url; add audit; remove vm".
    public static func summary(_ changes: [FlowChange]) -> String {
        var updated: [String] = [], added: [String] = [], removed: [String] = [], renamed: [String] = []
        for change in changes {
            switch change {
            case .mainField, .blockField: updated.append(change.location)
            case .blockAdded: added.append(change.location)
            case .blockRemoved: removed.append(change.location)
            case .blockRenamed: renamed.append(change.location)
            }
        }
        let parts = [("Update", updated), ("add", added), ("remove", removed), ("rename", renamed)].filter {
            !$0.1.isEmpty
        }
        guard !parts.isEmpty else { return "Rewrite files canonically" }
        let text = parts.map { "\($0.0) \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
