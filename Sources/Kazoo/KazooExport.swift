import CallFlow

/// A flow as the engine's documents: the callflow (`name`, `numbers`, the `flow` tree), the
/// menus and temporal rules it refers to, and a second callflow for each block a loop returns
/// to. A pure function: the same flow always gives the same documents.
public struct KazooExport {
    public var documents: [KazooDocument] = []
    /// What Kazoo cannot express (a webhook's headers, the flow's seat): the engine will not act
    /// on it, and it travels only in flowctl's notes.
    public var warnings: [Finding] = []

    /// A tree bigger than this (a flow whose shared blocks multiply) is refused, not written.
    public static let maximumNodes = 20_000

    public enum Failure: Error, CustomStringConvertible {
        case tooLarge(flow: String)
        /// An exit to a missing block, or a type the catalog lacks: what `validate` refuses first.
        case invalid(flow: String, block: String)

        public var description: String {
            switch self {
            case .tooLarge(let flow):
                "\(flow): the Kazoo tree would have more than \(KazooExport.maximumNodes) nodes "
                    + "(blocks reached by many exits are repeated in it)"
            case .invalid(let flow, let block):
                "\(flow): block \(block) is missing or of an unknown type: run 'flowctl validate'"
            }
        }
    }

    private let flow: Flow
    private let id: String
    private let catalog: Catalog
    private let defaultTimeZone: String?
    private var nodes = 0
    private var handOffs: [String] = []

    /// Ids of the documents a flow's blocks make, unique in an account's database: slugs have no
    /// dots, so no two flows' documents can share one.
    static func menuID(flow: String, block: String) -> String { "\(flow).menu.\(block)" }
    static func ruleID(flow: String, block: String, rule: String) -> String { "\(flow).rule.\(block).\(rule)" }
    static func handOffID(flow: String, block: String) -> String { "\(flow).from.\(block)" }

    /// `defaultTimeZone` is the repository's (git config `flowctl.timezone`): a time-of-day
    /// block that names no zone of its own is written with it.
    public init(flow: Flow, id: String, catalog: Catalog = .standard, defaultTimeZone: String? = nil) throws {
        self.flow = flow
        self.id = id
        self.catalog = catalog
        self.defaultTimeZone = defaultTimeZone
        var callflow: [String: Value] = [
            "name": .string(flow.main.name),
            "numbers": .list(((flow.main.extension.map { [$0] } ?? []) + flow.main.numbers).map(Value.string)),
        ]
        var notes: [String: Value] = ["flow": .string(id)]
        if let ext = flow.main.extension { notes["extension"] = .string(ext) }
        if let seat = flow.main.seat {
            notes["seat"] = .string(seat)
            warnings.append(
                Finding(
                    .warning, flow: id, field: "seat",
                    "Kazoo callflows have no seat: kept in flowctl's notes, not used by the engine"))
        }
        callflow[Annotation.key] = .map(notes)
        if let start = flow.main.start { callflow["flow"] = try node(start, path: []) }
        documents.append(KazooDocument(kind: .callflow, id: id, body: callflow))
        // Each block a loop returns to starts a callflow of its own, which the loop hands off to.
        var made = Set<String>()
        while let block = handOffs.first(where: { !made.contains($0) }) {
            made.insert(block)
            let body: [String: Value] = [
                "name": .string("\(flow.main.name) (from \(block))"),
                "numbers": .list([]),
                "flow": try node(block, path: []),
                Annotation.key: .map(["flow": .string(id), "hand_off": .string(block)]),
            ]
            documents.append(KazooDocument(kind: .callflow, id: Self.handOffID(flow: id, block: block), body: body))
        }
        var reported = Set<Finding>()
        warnings = warnings.filter { reported.insert($0).inserted }
        documents.sort { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
        var seen = Set<String>()
        documents = documents.filter { seen.insert($0.path).inserted }
    }

    // MARK: The tree

    private mutating func node(_ blockID: String, path: [String]) throws -> Value {
        nodes += 1
        guard nodes <= Self.maximumNodes else { throw Failure.tooLarge(flow: id) }
        guard !path.contains(blockID) else {
            if !handOffs.contains(blockID) { handOffs.append(blockID) }
            return .map([
                "module": .string("callflow"),
                "data": .map(["id": .string(Self.handOffID(flow: id, block: blockID))]),
                Annotation.key: .map(["loop_to": .string(blockID)]),
            ])
        }
        guard let block = flow.blocks[blockID], let type = catalog.type(named: block.type) else {
            throw Failure.invalid(flow: id, block: blockID)
        }
        var notes: [String: Value] = ["block": .string(block.id)]
        var data = type.kazooFixedData
        var module = type.kazooModule
        var childKey: (String) -> String = { $0 == Block.nextExit ? "_" : $0 }
        // Only what the block says: a value it leaves out is the engine's default, as in Kazoo.
        for spec in type.parameters {
            guard let value = block.parameters[spec.name] ?? writtenDefault(spec, notes: &notes) else { continue }
            guard let place = spec.kazoo else {
                var kept = notes["kept"]?.map ?? [:]
                kept[spec.name] = value
                notes["kept"] = .map(kept)
                warnings.append(
                    Finding(
                        .warning, flow: id, block: block.id, field: spec.name,
                        "Kazoo's \(module) module has no \(spec.name): kept in flowctl's notes, not used by the engine")
                )
                continue
            }
            if place.contains(":") || place == "temporal_rules" { continue }
            data[place] = kazooValue(value, spec: spec, type: type)
        }
        switch type.name {
        case "seat":
            notes["type"] = .string("seat")
            if block.parameters["seat"] == nil, let seat = flow.main.seat {
                data["id"] = .string(seat)
                notes["seat_from_flow"] = .bool(true)
            }
        case "menu":
            data = ["id": .string(Self.menuID(flow: id, block: block.id))]
            menuDocument(block, type: type)
            childKey = { $0 == MenuExit.noChoice ? "_" : $0 }
        case "ring-group":
            data = RingGroupTimes.data(data, block: block, notes: &notes)
        case "time-of-day":
            if block.parameters["timezone"] == nil { data["timezone"] = zone(for: block, notes: &notes) }
            let rules = ruleDocuments(block)
            data["rules"] = .list(rules.flatMap { $0.ids }.map(Value.string))
            let byName = Dictionary(uniqueKeysWithValues: rules.map { ($0.name, $0.ids) })
            var children: [String: Value] = [:]
            for (exit, target) in block.exits.sorted(by: { $0.key < $1.key }) {
                let child = try node(target, path: path + [blockID])
                for key in exit == "default" ? ["_"] : byName[exit] ?? [] { children[key] = child }
            }
            return assemble(module: module, data: data, children: children, notes: notes)
        case "engine":
            module = block.parameters["module"]?.string ?? ""
            data = block.parameters["data"]?.map ?? [:]
            notes["type"] = .string("engine")
            documents += SideDocuments.documents(of: block)
        default: break
        }
        var children: [String: Value] = [:]
        for (exit, target) in block.exits.sorted(by: { $0.key < $1.key }) {
            children[childKey(exit)] = try node(target, path: path + [blockID])
        }
        return assemble(module: module, data: data, children: children, notes: notes)
    }

    private func assemble(module: String, data: [String: Value], children: [String: Value], notes: [String: Value])
        -> Value
    {
        var node: [String: Value] = ["module": .string(module), "data": .map(data), Annotation.key: .map(notes)]
        if !children.isEmpty { node["children"] = .map(children) }
        return .map(node)
    }

    /// flowctl's default of a parameter the engine defaults otherwise, noted so that import
    /// leaves it out again.
    private func writtenDefault(_ spec: ParameterSpec, notes: inout [String: Value]) -> Value? {
        guard spec.writtenWhenAbsent, let value = spec.defaultValue else { return nil }
        notes["defaulted"] = .list((notes["defaulted"]?.list ?? []) + [.string(spec.name)])
        return value
    }

    /// The repository's zone for a block that names none (cf_util.erl:694-699 would take the
    /// account's, which flowctl cannot see); with none declared, a warning.
    private mutating func zone(for block: Block, notes: inout [String: Value]) -> Value? {
        guard let zone = defaultTimeZone else {
            warnings.append(
                Finding(
                    .warning, flow: id, block: block.id, field: "timezone",
                    "no time zone here or in the repository (git config flowctl.timezone): the engine will use "
                        + "the account's"))
            return nil
        }
        notes["zone_from_repository"] = .bool(true)
        return .string(zone)
    }

    /// A parameter's value as Kazoo spells it.
    private func kazooValue(_ value: Value, spec: ParameterSpec, type: BlockType) -> Value {
        switch (type.name, spec.name) {
        case ("webhook", "method"): return .string(value.string?.lowercased() ?? "post")
        case ("ring-group", "members"):
            return .list(
                (value.list ?? []).compactMap { $0.string.flatMap(Endpoint.init) }.map {
                    .map(["id": .string($0.id), "endpoint_type": .string($0.type)])
                })
        default: return value
        }
    }

    // MARK: Side documents

    private mutating func menuDocument(_ block: Block, type: BlockType) {
        var body: [String: Value] = ["name": .string(String("\(flow.main.name): \(block.id)".prefix(128)))]
        var media: [String: Value] = [:]
        for spec in type.parameters {
            guard let value = block.parameters[spec.name], let place = spec.kazoo,
                place.hasPrefix("menus: ")
            else { continue }
            let key = String(place.dropFirst("menus: ".count))
            if key.hasPrefix("media.") {
                media[String(key.dropFirst("media.".count))] = value
            } else {
                body[key] = value
            }
        }
        body["media"] = .map(media)
        body[Annotation.key] = .map(["flow": .string(id), "block": .string(block.id)])
        documents.append(KazooDocument(kind: .menu, id: Self.menuID(flow: id, block: block.id), body: body))
    }

    /// One weekly rule per time-of-day rule; an overnight window (22:00-06:00) is two, the
    /// evening and the morning after, as Kazoo's windows end on the day they start.
    private mutating func ruleDocuments(_ block: Block) -> [(name: String, ids: [String])] {
        guard case .map(let rules)? = block.parameters["rules"] else { return [] }
        var made: [(String, [String])] = []
        for (name, window) in rules.sorted(by: { $0.key < $1.key }) {
            guard let text = window.string, let rule = TimeRule(parsing: text) else { continue }
            let id = Self.ruleID(flow: self.id, block: block.id, rule: name)
            let notes: Value = .map(["flow": .string(self.id), "block": .string(block.id), "rule": .string(name)])
            let days = rule.days.sorted()
            if rule.end > rule.start || (rule.start == 0 && rule.end == 24 * 60) {
                append(id: id, name: name, days: days, start: rule.start, end: rule.end, notes: notes)
                made.append((name, [id]))
            } else {
                append(id: id, name: name, days: days, start: rule.start, end: 24 * 60, notes: notes)
                let morning = days.map { ($0 + 1) % 7 }.sorted()
                var after = notes.map ?? [:]
                after["after_midnight"] = .bool(true)
                append(
                    id: id + ".after-midnight", name: name, days: morning, start: 0, end: rule.end, notes: .map(after))
                made.append((name, [id, id + ".after-midnight"]))
            }
        }
        return made
    }

    private mutating func append(id: String, name: String, days: [Int], start: Int, end: Int, notes: Value) {
        let body: [String: Value] = [
            "name": .string(name), "cycle": .string("weekly"), "interval": .int(1),
            "wdays": .list(days.map { .string(KazooWeekdays.names[$0]) }),
            "time_window_start": .int(start * 60), "time_window_stop": .int(end * 60),
            Annotation.key: notes,
        ]
        documents.append(KazooDocument(kind: .temporalRule, id: id, body: body))
    }
}
