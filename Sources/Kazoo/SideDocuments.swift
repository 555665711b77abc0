import CallFlow

/// The menu and temporal rule documents an engine block's node names by id (a menu with
/// `hunt`, a yearly rule): kept verbatim in the block, under its `documents` parameter as
/// `{menus: {ID: document}, temporal_rules: {ID: document}}`, and written back by export, so
/// the ids the node names exist wherever the flow goes.
enum SideDocuments {
    static let parameter = "documents"

    /// The documents `data` names, as the engine reads them: `menu`'s `id` (cf_menu.erl:486-490),
    /// `temporal_route`'s `rules` (cf_temporal_route.erl:286); nil when it names none.
    static func named(module: String, data: [String: Value], bundle: KazooBundle) -> Value? {
        var found: [String: [String: Value]] = [:]
        func keep(_ kind: KazooDocument.Kind, _ id: Value?) {
            guard let id = id?.string, let source = bundle.source(kind, id) else { return }
            var body = source.body
            body["_id"] = nil
            found[kind.rawValue, default: [:]][id] = .map(body)
        }
        switch module {
        case "menu": keep(.menu, data["id"])
        case "temporal_route": for rule in data["rules"]?.list ?? [] { keep(.temporalRule, rule) }
        default: break
        }
        return found.isEmpty ? nil : .map(found.mapValues { .map($0) })
    }

    /// The documents an engine block keeps, to write beside its callflow.
    static func documents(of block: Block) -> [KazooDocument] {
        guard let kept = block.parameters[parameter]?.map else { return [] }
        var documents: [KazooDocument] = []
        for kind in KazooDocument.Kind.allCases where kind != .callflow {
            for (id, body) in (kept[kind.rawValue]?.map ?? [:]).sorted(by: { $0.key < $1.key }) {
                documents.append(KazooDocument(kind: kind, id: id, body: body.map ?? [:]))
            }
        }
        return documents
    }
}
