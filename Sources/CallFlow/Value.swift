/// A parameter value of a block, as YAML can hold it.
public enum Value: Hashable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([Value])
    case map([String: Value])

    /// A compact one-line form for messages and diffs: `https://x`, `3`, `[a, b]`, `{k: v}`.
    public var inlineText: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): String(flag)
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
    /// The natural JSON: strings, numbers, booleans, arrays and objects.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .int(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .list(let items): try container.encode(items)
        case .map(let pairs): try container.encode(pairs)
        }
    }
}
