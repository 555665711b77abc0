import CallFlow

/// The human wording of flow changes, shared by every command that shows them.
enum ChangeText {
    /// One line per change: `main: seat: alice -> bob`, `block notify: url: https://a -> https://b`.
    static func line(_ change: FlowChange) -> String {
        switch change {
        case .mainField(let field, let old, let new):
            "main: \(field): \(transition(old, new))"
        case .blockAdded(let block):
            "block \(block.id): added (\(block.type))"
        case .blockRemoved(let block):
            "block \(block.id): removed (\(block.type))"
        case .blockField(let block, let field, let old, let new):
            "block \(block): \(field): \(transition(old, new))"
        }
    }

    static func transition(_ old: Value?, _ new: Value?) -> String {
        switch (old, new) {
        case (nil, let new?): "set to \(new.inlineText)"
        case (let old?, nil): "removed (was \(old.inlineText))"
        case (let old?, let new?): "\(old.inlineText) -> \(new.inlineText)"
        case (nil, nil): "unchanged"
        }
    }
}
