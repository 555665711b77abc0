/// A three-way merge of one flow file as fields, not lines: a field changed on one side only
/// takes that side's value, a field changed the same way on both sides takes it, and a field
/// changed two different ways is a conflict. Two people changing neighbouring fields (a
/// webhook's `url` and its `retries`) merge cleanly, where a text merge of the lines conflicts.
public enum FlowMerge {
    public struct Conflict: Equatable, Sendable {
        /// The field: `url`, `numbers`, `exits.1`.
        public var field: String
        public var ours: Value?
        public var theirs: Value?
    }

    /// The merged file's text; with conflicts, both merged versions in git's conflict markers
    /// (ours with our value of each conflicting field, theirs with theirs), each a whole file.
    public struct Result: Sendable {
        public var text: String
        public var conflicts: [Conflict]
    }

    /// Merges file `path` (`flow.yaml` or `blocks/<id>.yaml`) from its three versions; throws
    /// when one of them cannot be read as a flow file.
    public static func merge(path: String, base: [UInt8]?, ours: [UInt8], theirs: [UInt8]) throws -> Result {
        if path == FlowCodec.mainFile {
            return merge(
                base: try base.map { try FlowCodec.decodeMain($0) }.map(fields),
                ours: fields(try FlowCodec.decodeMain(ours)),
                theirs: fields(try FlowCodec.decodeMain(theirs))
            ) { FlowCodec.encode(mainBlock($0)) }
        }
        guard let id = FlowCodec.blockID(ofFile: path) else {
            throw FlowFileError(file: path, line: nil, message: "is not a flow file")
        }
        return merge(
            base: try base.map { try FlowCodec.decodeBlock($0, id: id) }.map(fields),
            ours: fields(try FlowCodec.decodeBlock(ours, id: id)),
            theirs: fields(try FlowCodec.decodeBlock(theirs, id: id))
        ) { FlowCodec.encode(block(id: id, $0)) }
    }

    /// Field by field; a file new on both sides (no base) has every differing field in conflict.
    static func merge(
        base: [String: Value]?, ours: [String: Value], theirs: [String: Value], encode: ([String: Value]) -> String
    ) -> Result {
        let (oursMerged, conflicts) = mergeFields(base: base, ours: ours, theirs: theirs)
        guard !conflicts.isEmpty else { return Result(text: encode(oursMerged), conflicts: []) }
        var theirsMerged = oursMerged
        for conflict in conflicts { theirsMerged[conflict.field] = conflict.theirs }
        let text = "<<<<<<< ours\n" + encode(oursMerged) + "=======\n" + encode(theirsMerged) + ">>>>>>> theirs\n"
        return Result(text: text, conflicts: conflicts)
    }

    static func fields(_ main: MainBlock) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: main.fields.compactMap { name, value in value.map { (name, $0) } })
    }

    static func mainBlock(_ fields: [String: Value]) -> MainBlock {
        func text(_ name: String) -> String? {
            if case .string(let text)? = fields[name] { return text }
            return nil
        }
        var numbers: [String] = []
        if case .list(let items)? = fields["numbers"] {
            numbers = items.compactMap { if case .string(let number) = $0 { number } else { nil } }
        }
        return MainBlock(
            name: text("name") ?? "", extension: text("extension"), numbers: numbers, seat: text("seat"),
            start: text("start"))
    }

    /// A block as fields: `type`, its parameters, and each exit as `exits.<name>`.
    static func fields(_ block: Block) -> [String: Value] {
        var fields = block.parameters
        fields[FlowCodec.typeKey] = .string(block.type)
        for (exit, target) in block.exits { fields["exits." + exit] = .string(target) }
        return fields
    }

    static func block(id: String, _ fields: [String: Value]) -> Block {
        var block = Block(id: id, type: "")
        for (field, value) in fields {
            if field == FlowCodec.typeKey, case .string(let type) = value {
                block.type = type
            } else if field.hasPrefix("exits."), case .string(let target) = value {
                block.exits[String(field.dropFirst("exits.".count))] = target
            } else {
                block.parameters[field] = value
            }
        }
        return block
    }
}
