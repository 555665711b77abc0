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
        var text = ""
        for (verb, places) in [("Update", updated), ("add", added), ("remove", removed), ("rename", renamed)]
        where !places.isEmpty {
            text += (text.isEmpty ? "" : "; ") + verb + " " + places.joined(separator: ", ")
        }
        guard let first = text.utf8.first else { return "Rewrite files canonically" }
        // The first word is a verb of the list above: plain ASCII.
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            text = String(UnicodeScalar(first - 32)) + text.dropFirst()
        }
        return text
    }
}
