import CallFlow

/// Engine documents read back into flows: one flow per callflow, its tree turned into blocks
/// and exits, the menus and temporal rules it names folded into its blocks, and any module
/// flowctl does not model kept as an `engine` block, so nothing is lost.
public struct KazooBundle {
    /// A document as read: the file it came from and its JSON.
    public struct Source {
        public var file: String
        public var kind: KazooDocument.Kind
        public var id: String
        public var body: [String: Value]
    }

    /// A callflow to import: its document id, and the flow id and name it was exported from
    /// (flowctl's notes), or its own name.
    public struct Callflow {
        public var kazooID: String
        public var file: String
        public var name: String?
        public var exportedFrom: String?
    }

    /// Nodes one callflow may have, the most export writes: a bound, so that hostile or
    /// mistaken input is refused quickly, naming it.
    public static let maximumNodes = KazooExport.maximumNodes

    public private(set) var sources: [Source] = []
    /// Where each document is in `sources`, by kind and id: lookups in constant time.
    private var positions: [String: Int] = [:]

    /// Reads `files` (path, bytes): a callflow, menu or temporal rule document each, or a bundle
    /// (`{"callflows": [...], "menus": [...], "temporal_rules": [...]}`), or an array of documents.
    /// The kind comes from Kazoo's `pvt_type`, else the folder (`menus/x.json`), else the content.
    public init(files: [(path: String, bytes: [UInt8])]) throws(KazooImportError) {
        for (path, bytes) in files {
            let value: Value
            // A byte-order mark, as some editors write one, is not part of the JSON.
            let json = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            do { value = try JSONText.parse(json) } catch {
                throw KazooImportError(
                    file: path, path: error.line > 0 ? "line \(error.line)" : "$", "not JSON: \(error)")
            }
            try add(value, file: path, jsonPath: "$")
        }
    }

    private mutating func add(_ value: Value, file: String, jsonPath: String) throws(KazooImportError) {
        if let items = value.list {
            for (index, item) in items.enumerated() { try add(item, file: file, jsonPath: "\(jsonPath)[\(index)]") }
            return
        }
        guard let body = value.map else {
            throw KazooImportError(file: file, path: jsonPath, "expected a Kazoo document (a JSON object)")
        }
        // Kazoo's API wraps documents, in requests and answers, as {"data": ...}.
        if let inner = body["data"], body.keys.allSatisfy(Self.envelopeKeys.contains) {
            return try add(inner, file: file, jsonPath: "\(jsonPath).data")
        }
        let bundleKeys = KazooDocument.Kind.allCases.map(\.rawValue)
        if !body.isEmpty, body.keys.allSatisfy(bundleKeys.contains) {
            for kind in KazooDocument.Kind.allCases {
                guard let items = body[kind.rawValue] else { continue }
                guard let list = items.list else {
                    throw KazooImportError(file: file, path: "\(jsonPath).\(kind.rawValue)", "expected an array")
                }
                for (index, item) in list.enumerated() {
                    let itemPath = "\(jsonPath).\(kind.rawValue)[\(index)]"
                    guard let document = item.map else {
                        throw KazooImportError(file: file, path: itemPath, "expected a Kazoo document (a JSON object)")
                    }
                    try append(document, kind: kind, file: file, jsonPath: itemPath)
                }
            }
            return
        }
        try append(body, kind: Self.kind(of: body, file: file), file: file, jsonPath: jsonPath)
    }

    static let envelopeKeys: Set = [
        "data", "auth_token", "status", "request_id", "revision", "node", "version", "timestamp", "page_size",
        "start_key", "next_start_key", "metadata",
    ]

    private mutating func append(_ body: [String: Value], kind: KazooDocument.Kind, file: String, jsonPath: String)
        throws(KazooImportError)
    {
        let id: String
        if case .string(let given)? = body["_id"] ?? body["id"] {
            id = given
        } else {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            id = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        }
        guard positions.updateValue(sources.count, forKey: Self.key(kind, id)) == nil else {
            throw KazooImportError(file: file, path: jsonPath, "a second \(kind.privateType) document with id '\(id)'")
        }
        sources.append(Source(file: file, kind: kind, id: id, body: body))
    }

    private static func kind(of body: [String: Value], file: String) -> KazooDocument.Kind {
        if case .string(let type)? = body["pvt_type"],
            let kind = KazooDocument.Kind.allCases.first(where: { $0.privateType == type })
        {
            return kind
        }
        let folders = file.split(separator: "/").dropLast().map(String.init)
        if let folder = folders.last, let kind = KazooDocument.Kind(rawValue: folder) { return kind }
        if body["flow"] != nil || body["numbers"] != nil || body["patterns"] != nil { return .callflow }
        if body["cycle"] != nil || body["wdays"] != nil { return .temporalRule }
        return body["media"] != nil || body["retries"] != nil ? .menu : .callflow
    }

    /// The callflows to make flows of: all but the hand-offs flowctl's export made for loops.
    public var callflows: [Callflow] {
        sources.filter { $0.kind == .callflow && Self.notes($0.body)["hand_off"] == nil }.map {
            Callflow(
                kazooID: $0.id, file: $0.file, name: $0.body["name"]?.string,
                exportedFrom: Self.notes($0.body)["flow"]?.string)
        }
    }

    static func notes(_ body: [String: Value]) -> [String: Value] { body[Annotation.key]?.map ?? [:] }

    func source(_ kind: KazooDocument.Kind, _ id: String) -> Source? {
        positions[Self.key(kind, id)].map { sources[$0] }
    }

    private static func key(_ kind: KazooDocument.Kind, _ id: String) -> String { "\(kind.rawValue)/\(id)" }

    /// The flow of callflow `kazooID`. `flowIDs` gives the flow id of every callflow being
    /// imported, so a `callflow` module naming one becomes a callflow block naming that flow.
    public func flow(
        _ kazooID: String, name: String, seat: String?, flowIDs: [String: String], catalog: Catalog = .standard
    ) throws(KazooImportError) -> (flow: Flow, warnings: [String]) {
        guard let source = source(.callflow, kazooID) else {
            throw KazooImportError(file: "", path: "$", "no callflow document '\(kazooID)'")
        }
        var reader = TreeReader(bundle: self, source: source, catalog: catalog, flowIDs: flowIDs)
        return try reader.read(name: name, seat: seat)
    }
}
