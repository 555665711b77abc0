import CallFlow

/// What every node of one callflow is read against. Kept apart from `TreeReader` so a node's
/// mapping does not hold the blocks being built: mutating them while a copy is alive would
/// copy them all, once per node.
struct ImportContext {
    let bundle: KazooBundle
    let source: KazooBundle.Source
    let catalog: Catalog
    let flowIDs: [String: String]

    func failure(_ path: String, _ message: String) -> KazooImportError {
        KazooImportError(file: source.file, path: path, message)
    }
}

/// Turns one callflow's tree into a flow's blocks: nodes flowctl exported come back as the
/// blocks they were (their notes name them); any other node becomes a new block named after
/// its type, and a module or data flowctl does not model an `engine` block.
struct TreeReader {
    let bundle: KazooBundle
    let source: KazooBundle.Source
    let catalog: Catalog
    let flowIDs: [String: String]
    var blocks: [String: Block] = [:]
    /// The next number to try after each base id (`play` -> 3 once play-2 is taken), so that
    /// naming the n-th block of a type does not try the n-1 before it.
    private var nextNumber: [String: Int] = [:]
    var loops: [(target: String, path: String)] = []
    var warnings: [String] = []

    init(bundle: KazooBundle, source: KazooBundle.Source, catalog: Catalog, flowIDs: [String: String]) {
        self.bundle = bundle
        self.source = source
        self.catalog = catalog
        self.flowIDs = flowIDs
    }

    static var maximumNodes: Int { KazooBundle.maximumNodes }

    func failure(_ path: String, _ message: String, file: String? = nil) -> KazooImportError {
        KazooImportError(file: file ?? source.file, path: path, message)
    }

    var context: ImportContext { ImportContext(bundle: bundle, source: source, catalog: catalog, flowIDs: flowIDs) }

    mutating func read(name: String, seat: String?) throws(KazooImportError) -> (flow: Flow, warnings: [String]) {
        let body = source.body
        let notes = KazooBundle.notes(body)
        if let patterns = body["patterns"]?.list, !patterns.isEmpty {
            throw failure("$.patterns", "flowctl flows are reached by an extension and numbers, not by patterns")
        }
        // The seat flowctl's notes give wins: `seat` only fills one they do not.
        var main = MainBlock(name: name, seat: notes["seat"]?.string ?? seat)
        try readNumbers(body["numbers"], extensionNote: notes["extension"]?.string, into: &main)
        guard let tree = body["flow"] else { throw failure("$", "a callflow needs a flow (its tree of modules)") }
        try checkSize(tree)
        main.start = try visit(tree, path: "$.flow")
        for (target, path) in loops where blocks[target] == nil {
            throw failure(path, "loops back to block '\(target)', which is not in the tree")
        }
        let flow = Flow(main: main, blocks: Array(blocks.values))
        // What a flow file cannot hold (data nested past its depth, a block past its size) would
        // make a flow no command can read: refused here, before anything is written.
        do { _ = try FlowCodec.decode(FlowCodec.encode(flow)) } catch let error as FlowFileError {
            throw failure("$", "too large or deep for a flow file (\(error.file): \(error.message))")
        } catch {
            throw failure("$", "cannot be kept as a flow: \(error)")
        }
        return (flow, warnings.map(ShownText.escaped))
    }

    /// The extension is the entry flowctl's notes name, else the first entry of at most six
    /// digits; every other entry is a number.
    private func readNumbers(_ value: Value?, extensionNote: String?, into main: inout MainBlock)
        throws(KazooImportError)
    {
        guard let value else { return }
        guard let entries = value.list else { throw failure("$.numbers", "expected an array of strings") }
        for (index, entry) in entries.enumerated() {
            guard let text = entry.string else { throw failure("$.numbers[\(index)]", "expected a string") }
            let isExtension =
                extensionNote.map { $0 == text }
                ?? (main.extension == nil && text.count <= 6 && MainBlockRule.problem(extension: text) == nil)
            if isExtension && main.extension == nil {
                main.extension = text
            } else if let problem = MainBlockRule.problem(number: text) {
                throw failure(
                    "$.numbers[\(index)]", "\(problem); flowctl takes one extension and phone numbers")
            } else {
                main.numbers.append(text)
            }
        }
    }

    /// Refuses a tree of more than `maximumNodes` nodes before any is read: counting stops at
    /// the first node past the limit, so a huge tree costs no more than one at the limit.
    private func checkSize(_ tree: Value) throws(KazooImportError) {
        var pending = [tree]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            guard count <= Self.maximumNodes else {
                throw failure(
                    "$.flow",
                    "the tree has more than \(Self.maximumNodes) nodes, the most flowctl imports (and exports)")
            }
            if case .map(let children)? = node.map?["children"] { pending += children.values }
        }
    }

    // MARK: Nodes

    private mutating func visit(_ value: Value, path: String) throws(KazooImportError) -> String {
        guard let node = value.map else { throw failure(path, "expected a callflow node (an object)") }
        guard case .string(let module)? = node["module"], !module.isEmpty else {
            throw failure(path, "module is missing: a node needs a module, data and optionally children")
        }
        let data: [String: Value]
        switch node["data"] {
        case nil: data = [:]
        case .map(let pairs)?: data = pairs
        default: throw failure("\(path).data", "expected an object")
        }
        var children: [(key: String, node: Value)] = []
        switch node["children"] {
        case nil: break
        case .map(let pairs)?: children = pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        default: throw failure("\(path).children", "expected an object of child nodes")
        }
        let notes = node[Annotation.key]?.map ?? [:]
        if let target = loopTarget(module: module, data: data, notes: notes) {
            loops.append((target, path))
            return target
        }
        if let id = notes["block"]?.string, Slug.isValid(id), blocks[id] != nil { return id }
        let mapping = try BlockMapping(
            module: module, data: data, notes: notes, childKeys: children.map(\.key), path: path, reader: context)
        let id = blockID(notes["block"]?.string, typeName: mapping.type?.name ?? module)
        blocks[id] = Block(id: id, type: "engine")  // claims the id while the children are read
        var exitTargets: [(childKey: String, target: String)] = []
        for (key, child) in children {
            exitTargets.append((key, try visit(child, path: "\(path).children\(Self.pathKey(key))")))
        }
        let block = mapping.block(id: id, exits: exitTargets)
        if let reason = mapping.engineReason, notes["type"] != .string("engine") {
            warnings.append("\(source.file): \(path): kept as an engine block: \(reason)")
        } else if mapping.engineReason == nil {
            warnings += mapping.warnings.map { "\(source.file): \(path): \($0)" }
        }
        blocks[id] = block
        return id
    }

    /// Where a node hands the call back to a block above it: a loop flowctl exported.
    private func loopTarget(module: String, data: [String: Value], notes: [String: Value]) -> String? {
        if let target = notes["loop_to"]?.string { return target }
        guard module == "callflow", let id = data["id"]?.string,
            let handOff = bundle.source(.callflow, id), KazooBundle.notes(handOff.body)["flow"] == notes["flow"]
        else { return nil }
        return KazooBundle.notes(handOff.body)["hand_off"]?.string
    }

    private mutating func blockID(_ noted: String?, typeName: String) -> String {
        if let noted, Slug.isValid(noted), blocks[noted] == nil { return noted }
        let base = Slug.make(from: typeName.replacingOccurrences(of: "_", with: "-")) ?? "block"
        var number = nextNumber[base] ?? 1
        var id = Slug.numbered(base, number)
        while blocks[id] != nil {
            number += 1
            id = Slug.numbered(base, number)
        }
        nextNumber[base] = number + 1
        return id
    }

    /// `.key`, or `["1"]` for a key JSONPath cannot write after a dot.
    static func pathKey(_ key: String) -> String {
        let plain =
            key.first.map { $0.isLetter || $0 == "_" } == true
            && key.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
        return plain ? ".\(key)" : "[\"\(key)\"]"
    }
}
