import CallFlow

/// One node's module and data as a block of the catalog, the reverse of the export: each
/// parameter from the data key the catalog names, Kazoo's spellings turned back (`post` ->
/// `POST`, endpoints -> members), menus and temporal rules read from their documents. What does
/// not fit a catalog type exactly makes the node an engine block, with `engineReason` saying why.
struct BlockMapping {
    let module: String
    let data: [String: Value]
    let notes: [String: Value]
    let childKeys: [String]
    let path: String
    let reader: ImportContext
    private(set) var engineReason: String?
    private(set) var type: BlockType?
    /// What the engine did that the block now does otherwise, for the import to report.
    private(set) var warnings: [String] = []
    private var parameters: [String: Value] = [:]
    /// Kazoo child key -> exit name.
    private var exitNames: [String: String] = [:]

    init(
        module: String, data: [String: Value], notes: [String: Value], childKeys: [String], path: String,
        reader: ImportContext
    ) throws(KazooImportError) {
        (self.module, self.data, self.notes, self.childKeys, self.path, self.reader) =
            (module, data, notes, childKeys, path, reader)
        try checkReferences()
        do throws(Mismatch) {
            try mapToCatalog()
        } catch {
            engineReason = error.reason
            type = nil
        }
    }

    /// A menu or temporal rule the node names must be there: that is bad input, not a module
    /// to keep as it is.
    private func checkReferences() throws(KazooImportError) {
        if module == "menu", let id = data["id"]?.string, reader.bundle.source(.menu, id) == nil {
            throw reader.failure("\(path).data.id", "menu id '\(id)' has no menu document")
        }
        if module == "temporal_route" {
            for (index, item) in (data["rules"]?.list ?? []).enumerated() {
                guard let id = item.string, reader.bundle.source(.temporalRule, id) == nil else { continue }
                throw reader.failure(
                    "\(path).data.rules[\(index)]", "temporal rule id '\(id)' has no temporal rule document")
            }
        }
    }

    struct Mismatch: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    func block(id: String, exits targets: [(childKey: String, target: String)]) -> Block {
        guard let type else {
            var block = Block(id: id, type: "engine", parameters: ["module": .string(module)])
            if !data.isEmpty { block.parameters["data"] = .map(data) }
            if let documents = SideDocuments.named(module: module, data: data, bundle: reader.bundle) {
                block.parameters[SideDocuments.parameter] = documents
            }
            for (key, target) in targets { block.exits[key == "_" ? Block.nextExit : key] = target }
            return block
        }
        var block = Block(id: id, type: type.name, parameters: parameters)
        for (key, target) in targets { block.exits[exitNames[key] ?? key] = target }
        return block
    }

    // MARK: Matching a catalog type

    private mutating func mapToCatalog() throws(Mismatch) {
        let candidates = reader.catalog.types.filter { $0.kazooModule == module && !$0.anyExits }
        guard !candidates.isEmpty else { throw Mismatch("flowctl has no block type for module '\(module)'") }
        let chosen =
            candidates.first { notes["type"]?.string == $0.name }
            ?? candidates.first { type in
                type.kazooFixedData.allSatisfy { data[$0.key] == $0.value } && !type.kazooFixedData.isEmpty
            }
            ?? candidates.first { $0.kazooFixedData.isEmpty && notes["type"] == nil && $0.name != "seat" }
            ?? candidates[0]
        type = chosen
        for (key, value) in chosen.kazooFixedData where data[key] != nil && data[key] != value {
            throw Mismatch("\(key) \(data[key]!.inlineText) is not what flowctl's \(chosen.name) blocks send")
        }
        switch chosen.name {
        case "menu": try readMenu(chosen)
        case "time-of-day": try readTimeOfDay(chosen)
        case "ring-group":
            try readData(chosen)
            if let warning = try RingGroupTimes.read(data: data, parameters: &parameters) { warnings.append(warning) }
        default: try readData(chosen)
        }
        // A key the node leaves out did what the engine's default does.
        for spec in chosen.parameters where spec.engineDefault != nil && data[spec.kazoo ?? spec.name] == nil {
            parameters[spec.name] = spec.engineDefault
        }
        for name in notes["defaulted"]?.list ?? [] { parameters[name.string ?? ""] = nil }
        if notes["zone_from_repository"] == .bool(true) { parameters["timezone"] = nil }
        if notes["seat_from_flow"] == .bool(true) { parameters["seat"] = nil }
        for (name, value) in notes["kept"]?.map ?? [:] {
            guard chosen.parameter(name) != nil else { throw Mismatch("flowctl's notes keep an unknown '\(name)'") }
            parameters[name] = value
        }
        for spec in chosen.parameters {
            if let value = parameters[spec.name], let problem = spec.problem(with: value) {
                throw Mismatch(problem)
            }
        }
        try readExits(chosen)
    }

    private mutating func readData(_ type: BlockType) throws(Mismatch) {
        for (key, value) in data.sorted(by: { $0.key < $1.key }) where type.kazooFixedData[key] == nil {
            guard let spec = type.parameters.first(where: { $0.kazoo == key }) else {
                throw Mismatch("flowctl's \(type.name) blocks have no place for data key '\(key)'")
            }
            parameters[spec.name] = try flowctlValue(value, spec: spec, type: type)
        }
    }

    private func flowctlValue(_ value: Value, spec: ParameterSpec, type: BlockType) throws(Mismatch) -> Value {
        switch (type.name, spec.name) {
        case ("webhook", "method"):
            guard let verb = value.string, ["get", "post"].contains(verb.lowercased()) else {
                throw Mismatch("http_verb \(value.inlineText) is not get or post")
            }
            return .string(verb.uppercased())
        case ("ring-group", "members"):
            guard let endpoints = value.list else { throw Mismatch("endpoints is not an array") }
            var members: [Value] = []
            for endpoint in endpoints {
                guard let fields = endpoint.map, Set(fields.keys).isSubset(of: ["id", "endpoint_type", "timeout"]),
                    let id = fields["id"]?.string, let kind = fields["endpoint_type"]?.string,
                    Endpoint.types.contains(kind)
                else {
                    throw Mismatch(
                        "an endpoint has more than id, endpoint_type and timeout (\(endpoint.inlineText))")
                }
                members.append(.string(Endpoint(type: kind, id: id).text))
            }
            return .list(members)
        case ("callflow", "flow"):
            guard let target = value.string else { return value }
            return .string(reader.flowIDs[target] ?? target)
        default:
            return value
        }
    }

    private mutating func readMenu(_ type: BlockType) throws(Mismatch) {
        guard Set(data.keys).isSubset(of: ["id"]), let menuID = data["id"]?.string else {
            throw Mismatch("a menu node with data other than the menu's id")
        }
        guard let menu = reader.bundle.source(.menu, menuID) else { throw Mismatch("menu '\(menuID)' is missing") }
        for (key, value) in menu.body.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "_id", "id", Annotation.key, "pvt_type": continue
            case "name"
            where Self.isGeneratedName(value, flow: reader.source.body["name"], notes: menu.body[Annotation.key]):
                continue
            case "name": parameters["name"] = value
            case "media":
                for (mediaKey, item) in value.map ?? [:] {
                    guard mediaKey == "greeting" else { throw Mismatch("the menu's media.\(mediaKey) has no place") }
                    parameters["prompt"] = item
                }
            case "retries", "interdigit_timeout": parameters[key] = value
            case "timeout": parameters["input_timeout"] = value
            default: throw Mismatch("flowctl's menu blocks have no place for the menu's '\(key)'")
            }
        }
        exitNames["_"] = MenuExit.noChoice
    }

    /// The name export gives a menu that has none of its own.
    private static func isGeneratedName(_ name: Value, flow: Value?, notes: Value?) -> Bool {
        guard let block = notes?.map?["block"]?.string, let flowName = flow?.string else { return false }
        return name.string == String("\(flowName): \(block)".prefix(128))
    }

    private mutating func readTimeOfDay(_ type: BlockType) throws(Mismatch) {
        var rules: [String: Value] = [:]
        var previous: (name: String, days: Set<Int>, start: Int)?
        for (key, value) in data.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "timezone": parameters["timezone"] = value
            case "rules": break
            default: throw Mismatch("flowctl's time-of-day blocks have no place for data key '\(key)'")
            }
        }
        for item in data["rules"]?.list ?? [] {
            guard let id = item.string else { throw Mismatch("rules holds a non-string") }
            guard let rule = reader.bundle.source(.temporalRule, id) else {
                throw Mismatch("temporal rule id '\(id)' has no temporal rule document")
            }
            let body = rule.body
            let known: Set = [
                "_id", "id", "name", "cycle", "interval", "wdays", "time_window_start",
                "time_window_stop", Annotation.key, "pvt_type", "enabled",
            ]
            guard Set(body.keys).isSubset(of: known), body["cycle"] == .string("weekly"),
                body["interval"].map({ $0 == .int(1) }) ?? true, body["enabled"].map({ $0 == .bool(true) }) ?? true,
                let wdays = body["wdays"]?.list?.compactMap(\.string), !wdays.isEmpty,
                case .int(let startSeconds)? = body["time_window_start"] ?? .int(0),
                case .int(let stopSeconds)? = body["time_window_stop"] ?? .int(86_400),
                startSeconds % 60 == 0, stopSeconds % 60 == 0, startSeconds < stopSeconds
            else {
                throw Mismatch("temporal rule '\(id)' is not a weekly window on whole minutes, as flowctl's rules are")
            }
            let days = Set(wdays.compactMap(KazooWeekdays.index))
            let notes = body[Annotation.key]?.map ?? [:]
            let (start, stop) = (startSeconds / 60, stopSeconds / 60)
            var name = notes["rule"]?.string ?? Slug.make(from: body["name"]?.string ?? id) ?? "rule"
            if notes["after_midnight"] == .bool(true), let evening = previous, evening.name == name, start == 0 {
                rules[name] = .string(TimeRule(days: evening.days, start: evening.start, end: stop).text)
                exitNames[id] = name
                continue
            }
            if notes["rule"] == nil { name = Slug.unique(name) { rules[$0] != nil } }
            rules[name] = .string(TimeRule(days: days, start: start, end: stop).text)
            exitNames[id] = name
            previous = (name, days, start)
        }
        parameters["rules"] = .map(rules)
        exitNames["_"] = "default"
        if data["timezone"] == nil && notes["zone_from_repository"] == nil {
            // cf_util.erl:694-699: the engine took the account's zone, which flowctl cannot see.
            warnings.append(
                "no timezone: the engine used the account's zone; flowctl will use the repository's "
                    + "(git config flowctl.timezone), so set the block's timezone if they differ")
        }
    }

    private mutating func readExits(_ type: BlockType) throws(Mismatch) {
        for key in childKeys {
            let exit = exitNames[key] ?? (key == "_" ? Block.nextExit : key)
            exitNames[key] = exit
            let block = Block(id: "", type: type.name, parameters: parameters)
            guard type.exits(of: block).contains(exit) else {
                throw Mismatch("flowctl's \(type.name) blocks have no exit for child '\(key)'")
            }
        }
    }
}
