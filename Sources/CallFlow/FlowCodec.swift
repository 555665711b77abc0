import Yams

/// The file format of a flow: `flow.yaml` for the main block and `blocks/<id>.yaml` per action
/// block. Encoding is canonical (fixed key order, one spelling per value), so encoding what was
/// decoded from canonical files gives the same bytes.
public enum FlowCodec {
    public static let schema = 1
    public static let mainFile = "flow.yaml"
    public static let blocksFolder = "blocks"
    public static let blockExtension = ".yaml"

    /// Limits on what a flow file may be, so no file can make reading it costly: real flow files
    /// are a few hundred bytes, with lines under a hundred characters and two or three levels.
    public static let maximumFileSize = 64 * 1024
    public static let maximumLineLength = 16 * 1024
    public static let maximumDepth = 16
    /// Values a file may hold (lines plus the commas of `[a, b]` lists): each costs memory to
    /// parse, far beyond its bytes.
    public static let maximumValues = 4_000

    /// Keys of `flow.yaml`, in file order.
    static let mainKeys = ["schema", "name", "extension", "numbers", "seat", "start"]
    /// Keys a block file reserves; every other key is a parameter.
    static let typeKey = "type", exitsKey = "exits"

    public static func blockFile(_ id: String) -> String { "\(blocksFolder)/\(id)\(blockExtension)" }

    /// The block id a path names (`blocks/notify.yaml` -> `notify`), nil for any other path.
    /// Read on bytes, as git matches paths.
    public static func blockID(ofFile path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes in nameInBlocksFolder(bytes).flatMap(blockID(ofName:)) }
    }

    /// The block id a file name in `blocks/` gives (`notify.yaml` -> `notify`), nil for any
    /// other name.
    public static func blockID(ofName name: String) -> String? {
        var name = name
        return name.withUTF8 { blockID(ofName: $0) }
    }

    private static func blockID(ofName bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard isBlockFileName(bytes) else { return nil }
        return String(decoding: bytes[..<(bytes.count - blockExtension.utf8.count)], as: UTF8.self)
    }

    /// Whether a path, as bytes, is a flow file's: `flow.yaml` or `blocks/<id>.yaml`.
    public static func isFlowFile(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        path.elementsEqual(mainFile.utf8) || nameInBlocksFolder(path).map(isBlockFileName) == true
    }

    /// What follows `blocks/` in a path, as bytes; nil for a path outside the folder.
    private static func nameInBlocksFolder(_ path: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let folder = blocksFolder.utf8
        guard path.count > folder.count, path.starts(with: folder), path[folder.count] == UInt8(ascii: "/") else {
            return nil
        }
        return UnsafeBufferPointer(rebasing: path[(folder.count + 1)...])
    }

    /// Whether a file name in `blocks/`, as bytes, is a block's: `<id>.yaml`.
    public static func isBlockFileName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let suffix = blockExtension.utf8
        return bytes.count > suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix)
            && !bytes.contains(UInt8(ascii: "/"))
    }

    // MARK: Encoding

    /// Every file of `flow`, by path.
    public static func encode(_ flow: Flow) -> [String: [UInt8]] {
        var files = [mainFile: Array(encode(flow.main).utf8)]
        for block in flow.blocks.values {
            files[blockFile(block.id)] = Array(encode(block).utf8)
        }
        return files
    }

    /// The files of `flow` whose paths `wanted` accepts, by path: a save encodes only those it
    /// cannot take from the last commit.
    public static func encode(_ flow: Flow, only wanted: (String) -> Bool) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        if wanted(mainFile) { files[mainFile] = Array(encode(flow.main).utf8) }
        for block in flow.blocks.values where wanted(blockFile(block.id)) {
            files[blockFile(block.id)] = Array(encode(block).utf8)
        }
        return files
    }

    public static func encode(_ main: MainBlock) -> String {
        var pairs: [(key: String, value: Value)] = [("schema", .int(schema))]
        for (name, value) in main.fields {
            if let value { pairs.append((name, value)) }
        }
        return CanonicalYAML.document(pairs)
    }

    /// `type`, the parameters (in the catalog's order, others alphabetically after), `next`, then
    /// the other exits under `exits`.
    public static func encode(_ block: Block) -> String {
        var pairs: [(key: String, value: Value)] = [(typeKey, .string(block.type))]
        for name in block.orderedParameterNames { pairs.append((name, block.parameters[name]!)) }
        if let next = block.exits[Block.nextExit] { pairs.append((Block.nextExit, .string(next))) }
        let others = block.exits.filter { $0.key != Block.nextExit }
        if !others.isEmpty { pairs.append((exitsKey, .map(others.mapValues(Value.string)))) }
        return CanonicalYAML.document(pairs)
    }

    /// Refuses an edit that would write a file no later read accepts (over the size, line or
    /// value limits): the reader's own error, naming the file. Only the files `after` changes
    /// from `before` are encoded.
    public static func requireReadable(_ after: Flow, editedFrom before: Flow) throws {
        if after.main != before.main {
            try InputLimits(file: mainFile).check(Array(encode(after.main).utf8))
        }
        for block in after.blocks.values where before.blocks[block.id] != block {
            try InputLimits(file: blockFile(block.id)).check(Array(encode(block).utf8))
        }
    }

    // MARK: Decoding

    /// The flow in `files` (path -> bytes): `flow.yaml` and every `blocks/*.yaml`; other paths are
    /// not the flow's and are ignored. Fails on the first bad file, naming it and the line.
    public static func decode(_ files: [String: [UInt8]]) throws -> Flow {
        guard let mainBytes = files[mainFile] else {
            throw FlowFileError(file: mainFile, line: nil, message: "is missing")
        }
        var flow = Flow(main: try decodeMain(mainBytes))
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard path.hasPrefix(blocksFolder + "/"), path.hasSuffix(blockExtension) else { continue }
            guard let id = blockID(ofFile: path), Slug.isValid(id) else {
                throw FlowFileError(
                    file: path, line: nil,
                    message: "is not a valid block file name: use blocks/<id>.yaml with an id of a-z, 0-9 and '-'")
            }
            flow.blocks[id] = try decodeBlock(bytes, id: id)
        }
        return flow
    }

    public static func decodeMain(_ bytes: [UInt8], file: String = mainFile) throws -> MainBlock {
        let reader = YAMLReader(file: file)
        var main = MainBlock(name: "")
        var sawSchema = false, sawName = false
        for (key, node, line) in try reader.topLevelMapping(bytes) {
            func check(_ problem: String?) throws {
                if let problem { throw FlowFileError(file: file, line: line, message: problem) }
            }
            switch key {
            case "schema":
                guard case .int(schema)? = try reader.value(node, field: key) else {
                    throw reader.failure(node, "schema must be \(schema), the only version this flowctl reads")
                }
                sawSchema = true
            case "name":
                main.name = try reader.text(node, field: key) ?? ""
                try check(MainBlockRule.problem(name: main.name))
                sawName = true
            case "extension":
                main.extension = try reader.text(node, field: key)
                try check(main.extension.flatMap(MainBlockRule.problem(extension:)))
            case "numbers":
                main.numbers = try reader.textList(node, field: key)
                for number in main.numbers { try check(MainBlockRule.problem(number: number)) }
            case "seat":
                main.seat = try reader.text(node, field: key)
                try check(main.seat.flatMap(MainBlockRule.problem(seat:)))
            case "start":
                main.start = try reader.text(node, field: key)
                try check(main.start.flatMap(blockReferenceProblem))
            default:
                throw FlowFileError(
                    file: file, line: line,
                    message: "unknown key '\(key)'; flow.yaml has \(mainKeys.joined(separator: ", "))")
            }
        }
        guard sawSchema else { throw FlowFileError(file: file, line: 1, message: "missing 'schema: \(schema)'") }
        guard sawName else { throw FlowFileError(file: file, line: 1, message: "missing 'name'") }
        return main
    }

    public static func decodeBlock(_ bytes: [UInt8], id: String) throws -> Block {
        if let block = quickBlock(bytes, id: id) { return block }
        return try decodeBlockFromNodes(bytes, id: id)
    }

    /// A block file in the shape flowctl writes, decoded straight from what SimpleYAML reads:
    /// the same block the nodes give (a test decodes thousands of files both ways), at a
    /// fraction of the cost, which decoding every changed block of a long history or a large
    /// flow pays. Nil for anything else, and for any file with a problem, so that the problem is
    /// reported by the general path in its words.
    static func quickBlock(_ bytes: [UInt8], id: String) -> Block? {
        guard (try? InputLimits(file: blockFile(id)).check(bytes)) != nil,
            bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil,
            let entries = SimpleYAML.parse(bytes)
        else { return nil }
        var block = Block(id: id, type: "")
        block.parameters.reserveCapacity(entries.count)
        for entry in entries {
            switch (entry.key, entry.value) {
            case (typeKey, .plain(let text, _, _)) where Scalar.value(plain: text) != .null: block.type = text
            case (typeKey, .quoted(let text, _, _)): block.type = text
            case (typeKey, _): return nil
            case (Block.nextExit, let target):
                guard let target = quickExitTarget(target) else { return nil }
                block.exits[Block.nextExit] = target
            case (exitsKey, .map(let exits, _, _)):
                for exit in exits {
                    guard exit.key != Block.nextExit, Scalar.value(plain: exit.key) != .null,
                        let target = quickExitTarget(exit.value)
                    else { return nil }
                    block.exits[exit.key] = target
                }
            case (exitsKey, _): return nil
            default:
                let value = quickValue(entry.value)
                // A number out of range is the general path's to report, with its line.
                if Scalar.holdsNumberOutOfRange(value) { return nil }
                if value != .null { block.parameters[entry.key] = value }
            }
        }
        return block.type.isEmpty ? nil : block
    }

    /// An exit's target, when it is a valid block id (null and bad ids are the general path's).
    private static func quickExitTarget(_ item: SimpleYAML.Item) -> String?? {
        let text: String
        switch item {
        case .plain(let plain, _, _): text = plain
        case .quoted(let quoted, _, _): text = quoted
        default: return nil
        }
        guard Scalar.value(plain: text) != .null || item.isQuoted, blockReferenceProblem(text) == nil else {
            return nil
        }
        return .some(text)
    }

    private static func quickValue(_ item: SimpleYAML.Item) -> Value {
        switch item {
        case .plain(let text, _, _): Scalar.value(plain: text)
        case .quoted(let text, _, _): .string(text)
        case .list(let items, _, _): .list(items.map(quickValue))
        case .map(let entries, _, _):
            .map(Dictionary(entries.map { ($0.key, quickValue($0.value)) }) { first, _ in first })
        }
    }

    /// `decodeBlock` through Yams' nodes: any file, with its problems reported.
    static func decodeBlockFromNodes(_ bytes: [UInt8], id: String) throws -> Block {
        let file = blockFile(id)
        let reader = YAMLReader(file: file)
        var block = Block(id: id, type: "")
        for (key, node, _) in try reader.topLevelMapping(bytes) {
            switch key {
            case typeKey:
                block.type = try reader.text(node, field: key) ?? ""
            case Block.nextExit:
                block.exits[key] = try exitTarget(node, exit: key, reader: reader)
            case exitsKey:
                guard case .mapping(let exits) = node else {
                    throw reader.failure(node, "exits must map exit names to block ids")
                }
                for (exitNode, targetNode) in exits {
                    guard let exit = try reader.text(exitNode, field: "exit name") else {
                        throw reader.failure(exitNode, "exit names must not be empty")
                    }
                    guard exit != Block.nextExit else {
                        throw reader.failure(exitNode, "write the 'next' exit at the top level, not under exits")
                    }
                    block.exits[exit] = try exitTarget(targetNode, exit: exit, reader: reader)
                }
            default:
                guard let value = try reader.value(node, field: key) else { continue }
                block.parameters[key] = value
            }
        }
        guard !block.type.isEmpty else { throw FlowFileError(file: file, line: 1, message: "missing 'type'") }
        return block
    }

    private static func exitTarget(_ node: Node, exit: String, reader: YAMLReader) throws -> String? {
        guard let target = try reader.text(node, field: exit) else { return nil }
        if let problem = blockReferenceProblem(target) { throw reader.failure(node, "\(exit): \(problem)") }
        return target
    }

    /// Nil when `id` can name a block, else why not.
    public static func blockReferenceProblem(_ id: String) -> String? {
        Slug.isValid(id) ? nil : "'\(id)' is not a block id: ids are 1 to 64 of a-z, 0-9 and '-'"
    }
}
