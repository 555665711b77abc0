import CallFlow

/// The human wording of flow changes, shared by every command that shows them; old values red
/// and new ones green on a terminal.
enum ChangeText {
    /// One line per change: `main: seat: alice -> bob`, `block notify: url: https://a -> https://b`.
    static func line(_ change: FlowChange) -> String {
        switch change {
        case .mainField(let field, let old, let new):
            "main: \(field): \(transition(old, new))"
        case .blockAdded(let block):
            "block \(block.id): " + Terminal.green("added (\(describe(block)))")
        case .blockRemoved(let block):
            "block \(block.id): " + Terminal.red("removed (\(describe(block)))")
        case .blockField(let block, let field, let old, let new):
            "block \(block): \(field): \(transition(old, new))"
        case .blockRenamed(let from, let to):
            "block \(from): renamed to " + Terminal.green(to)
        }
    }

    static func transition(_ old: Value?, _ new: Value?) -> String {
        switch (old, new) {
        case (nil, let new?): "set to " + Terminal.green(new.inlineText)
        case (let old?, nil): "removed (was " + Terminal.red(old.inlineText) + ")"
        case (let old?, let new?): Terminal.red(old.inlineText) + " -> " + Terminal.green(new.inlineText)
        case (nil, nil): "unchanged"
        }
    }

    /// `webhook: url=https://h, method=POST, next -> vm`: a block in one line.
    static func describe(_ block: Block) -> String {
        let parameters = block.orderedParameterNames.map { "\($0)=\(block.parameters[$0]!.inlineText)" }
        let exits = block.exits.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value)" }
        let details = parameters + exits
        return details.isEmpty ? block.type : "\(block.type): \(details.joined(separator: ", "))"
    }
}
