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
        var text = ""
        for (group, verb) in summaryVerbs.enumerated() {
            var listed = false
            for change in changes where summaryGroup(change) == group {
                text += listed ? ", " : text.isEmpty ? verb.first + " " : "; " + verb.later + " "
                listed = true
                change.appendLocation(to: &text)
            }
        }
        return text.isEmpty ? "Rewrite files canonically" : text
    }

    /// The summary's verbs, in its order, as the first word and after it.
    private static let summaryVerbs: [(first: String, later: String)] = [
        ("Update", "update"), ("Add", "add"), ("Remove", "remove"), ("Rename", "rename"),
    ]

    /// Which of `summaryVerbs` a change goes under.
    private static func summaryGroup(_ change: FlowChange) -> Int {
        switch change {
        case .mainField, .blockField: 0
        case .blockAdded: 1
        case .blockRemoved: 2
        case .blockRenamed: 3
        }
    }
}

extension FlowChange {
    /// `location`, appended to `text` piece by piece: a summary per save of a long `log`.
    fileprivate func appendLocation(to text: inout String) {
        switch self {
        case .blockField(let block, let field, _, _):
            text += block
            text += "."
            text += field
        default: text += location
        }
    }
}
