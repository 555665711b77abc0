/// A parameter value of a block, as YAML can hold it. Reading never changes what a file says:
/// see `Scalar.value(plain:)` for which plain words are numbers, flags and null.
public enum Value: Hashable, Sendable {
    case string(String)
    case int(Int)
    /// A number that is not a whole number fitting `Int` (`1.5`, `1e3`, `12345678901234567890`),
    /// kept as written so that saving it changes no byte.
    case number(String)
    case bool(Bool)
    /// An explicit null (`null`, `~`): kept inside lists and maps, where it means something to a
    /// webhook's receiver.
    case null
    case list([Value])
    case map([String: Value])

    /// A compact one-line form for messages and diffs: `https://x`, `3`, `[a, b]`, `{k: v}`.
    public var inlineText: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .number(let text): text
        case .bool(let flag): String(flag)
        case .null: "null"
        case .list(let items): "[" + items.map(\.inlineText).joined(separator: ", ") + "]"
        case .map(let pairs):
            "{" + pairs.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.inlineText)" }.joined(separator: ", ")
                + "}"
        }
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

extension Value: Encodable {
    /// The natural JSON: strings, numbers, booleans, null, arrays and objects.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .int(let number): try container.encode(number)
        case .number(let text): try container.encode(Double(text) ?? 0)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        case .list(let items): try container.encode(items)
        case .map(let pairs): try container.encode(pairs)
        }
    }
}

extension Value {
    /// A JSON value read into a `Value` (`--data n:=5`, httpie's convention): numbers keep their
    /// text, objects become maps. Nil when `text` is not JSON.
    public init?(json text: String) {
        guard
            let value = try? JSONText.parse(
                Array(text.utf8), maximumDepth: FlowCodec.maximumDepth, lastDuplicateWins: true)
        else { return nil }
        self = value
    }
}
