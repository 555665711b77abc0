/// One change to a block's parameters, as the commands ask for it.
public enum Setting: Hashable, Sendable {
    /// Sets a parameter.
    case value(String, Value)
    /// Sets one entry of a mapping parameter (`data.customer=acme`, a header).
    case entry(String, key: String, Value)
    /// Removes a parameter.
    case unset(String)
    /// Removes one entry of a mapping parameter.
    case unsetEntry(String, key: String)

    var parameter: String {
        switch self {
        case .value(let name, _), .entry(let name, _, _), .unset(let name), .unsetEntry(let name, _): name
        }
    }

    /// Reads `NAME=VALUE`, `NAME.KEY=VALUE` or `NAME.KEY:=JSON` for a block of `type`, checking
    /// the value.
    public static func parse(_ text: String, for type: BlockType) throws(ValueError) -> Setting {
        guard let item = RequestItem(text) else {
            throw ValueError("'\(text)' is not NAME=VALUE (or NAME.KEY:=JSON)")
        }
        let (name, entry) = split(item.key)
        let spec = try type.requireParameter(name)
        guard let entry else {
            guard !item.isJSON else { throw ValueError("\(name) takes \(name)=VALUE; := is for map entries") }
            return .value(name, try spec.parse(item.text))
        }
        guard spec.kind.isMapping else {
            throw ValueError("\(name) is a single value: set it as \(name)=VALUE")
        }
        return .entry(name, key: entry, try item.value())
    }

    /// Reads `NAME` or `NAME.KEY` to remove from a block of `type`.
    public static func parseUnset(_ key: String, for type: BlockType) throws(ValueError) -> Setting {
        let (name, entry) = split(key)
        _ = try type.requireParameter(name)
        return entry.map { .unsetEntry(name, key: $0) } ?? .unset(name)
    }

    private static func split(_ key: String) -> (String, String?) {
        guard let dot = key.firstIndex(of: ".") else { return (key, nil) }
        return (String(key[..<dot]), String(key[key.index(after: dot)...]))
    }
}

extension BlockType {
    /// Parameter `name`, or an error listing the ones this type has.
    public func requireParameter(_ name: String) throws(ValueError) -> ParameterSpec {
        guard let spec = parameter(name) else {
            let known = parameters.map(\.name)
            throw ValueError(
                "\(self.name) blocks have no parameter '\(name)'"
                    + (known.isEmpty ? "; they take none" : "; they have \(known.joined(separator: ", "))"))
        }
        return spec
    }
}

extension ParameterKind {
    var isMapping: Bool {
        switch self {
        case .textMap, .headerMap, .timeRules: true
        default: false
        }
    }
}

extension Block {
    /// Applies `settings` in order, or none of them, then the type's conditions: a conditional parameter given
    /// while its condition fails is refused; one left over from before is dropped; one whose
    /// condition holds gets its default when absent. Every resulting value is checked.
    public mutating func apply(_ settings: [Setting], type: BlockType) throws(ValueError) {
        // Work on a copy, so a refused setting leaves the block as it was.
        var parameters = self.parameters
        for setting in settings {
            switch setting {
            case .value(let name, let value):
                parameters[name] = value
            case .entry(let name, let key, let value):
                guard case .map(var pairs) = parameters[name] ?? .map([:]) else {
                    throw ValueError("\(name) is not a mapping in this block; unset it first")
                }
                if type.parameter(name)?.kind == .headerMap {
                    // Header names are case-insensitive: a new spelling replaces the old entry.
                    for existing in pairs.keys where existing.lowercased() == key.lowercased() { pairs[existing] = nil }
                }
                pairs[key] = value
                parameters[name] = .map(pairs)
            case .unset(let name):
                parameters[name] = nil
            case .unsetEntry(let name, let key):
                guard case .map(var pairs)? = parameters[name] else { continue }
                pairs[key] = nil
                if type.parameter(name)?.kind == .headerMap {
                    for existing in pairs.keys where existing.lowercased() == key.lowercased() { pairs[existing] = nil }
                }
                parameters[name] = pairs.isEmpty ? nil : .map(pairs)
            }
        }
        let given = Set(
            settings.compactMap { setting -> String? in
                if case .unset = setting { return nil }
                return setting.parameter
            })
        for spec in type.parameters {
            if let value = parameters[spec.name], let problem = spec.problem(with: value) {
                throw ValueError(problem)
            }
            guard let condition = spec.onlyWhen else { continue }
            let current = parameters[condition.parameter] ?? type.parameter(condition.parameter)?.defaultValue
            let holds = current == .string(condition.value)
            if !holds && parameters[spec.name] != nil {
                if given.contains(spec.name) {
                    throw ValueError(
                        "\(spec.name) is only allowed with \(condition.parameter) \(condition.value) "
                            + "(got \(condition.parameter) \(current?.inlineText ?? "unset"))")
                }
                parameters[spec.name] = nil
            } else if holds && parameters[spec.name] == nil {
                parameters[spec.name] = spec.defaultValue
            }
        }
        // Rules over several values, from the engine's modules (a sleep of at most a day).
        var result = self
        result.parameters = parameters
        if let broken = EngineRules.errors(in: result).first { throw ValueError(broken.message) }
        self.parameters = parameters
    }
}

/// One `KEY=VALUE` or `KEY:=JSON` item, as httpie reads them: `=` gives a string, `:=` a typed
/// JSON value (`n:=5`, `ok:=true`, `none:=null`). The first separator
/// counts, so a value may hold either.
public struct RequestItem: Sendable, Equatable {
    public var key: String
    public var text: String
    public var isJSON: Bool

    public init?(_ item: String) {
        guard let equals = item.firstIndex(of: "="), equals != item.startIndex else { return nil }
        let before = item.index(before: equals)
        isJSON = item[before] == ":"
        key = String(item[..<(isJSON ? before : equals)])
        text = String(item[item.index(after: equals)...])
        guard !key.isEmpty else { return nil }
    }

    /// The value: the text itself, or the JSON it holds.
    public func value() throws(ValueError) -> Value {
        guard isJSON else { return .string(text) }
        guard let value = Value(json: text) else {
            throw ValueError("\(key):= takes a JSON value: a number, true, false, null or a \"string\" (got '\(text)')")
        }
        return value
    }
}
