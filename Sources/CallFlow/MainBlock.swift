/// The main block: where every call into the flow starts. It holds what routes calls to the flow
/// (extension, phone numbers), who it belongs to (seat) and the first action block (start).
public struct MainBlock: Hashable, Sendable {
    public var name: String
    /// The internal extension, digits only; nil for a draft no internal call reaches.
    public var `extension`: String?
    /// Phone numbers routed to the flow, E.164 (`+15551234567`) or national digits.
    public var numbers: [String]
    /// The licensed user/agent assigned to the flow; blocks can be added only once there is one.
    public var seat: String?
    /// The id of the first action block; nil while the flow has none.
    public var start: String?

    public init(
        name: String, extension: String? = nil, numbers: [String] = [], seat: String? = nil, start: String? = nil
    ) {
        self.name = name
        self.extension = `extension`
        self.numbers = numbers
        self.seat = seat
        self.start = start
    }

    /// The fields in file order, by their names in `flow.yaml`, for diffs and messages.
    public var fields: [(name: String, value: Value?)] {
        [
            ("name", .string(name)),
            ("extension", `extension`.map(Value.string)),
            ("numbers", numbers.isEmpty ? nil : .list(numbers.map(Value.string))),
            ("seat", seat.map(Value.string)),
            ("start", start.map(Value.string)),
        ]
    }
}

/// The rules for the main block's values, shared by the codec (hand edits) and the commands.
public enum MainBlockRule {
    public static let maximumNameLength = 128

    /// Nil when `name` is acceptable, else what is wrong with it.
    public static func problem(name: String) -> String? {
        if name.allSatisfy(\.isWhitespace) { return "name must not be empty" }
        if name.count > maximumNameLength {
            return "name must be at most \(maximumNameLength) characters (got \(name.count))"
        }
        if name.contains(where: { $0.isNewline }) { return "name must be one line" }
        if let control = firstControl(in: name) { return "name must not contain control characters (got \(control))" }
        return nil
    }

    public static func problem(extension text: String) -> String? {
        guard (1...15).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "extension must be 1 to 15 digits (got '\(text)')"
        }
        return nil
    }

    public static func problem(number text: String) -> String? {
        let digits = text.hasPrefix("+") ? text.dropFirst() : text[...]
        guard (3...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "phone number must be 3 to 15 digits, optionally after '+', as in +15551234567 (got '\(text)')"
        }
        return nil
    }

    public static func problem(seat text: String) -> String? {
        guard !text.allSatisfy(\.isWhitespace), !text.contains(where: { $0.isNewline }) else {
            return "seat must be a non-empty single line (got '\(text)')"
        }
        if let control = firstControl(in: text) { return "seat must not contain control characters (got \(control))" }
        return nil
    }

    /// The first C0 or C1 control character (or DEL) in `text`, as `U+001B`; nil when none.
    public static func firstControl(in text: String) -> String? {
        text.unicodeScalars.first { $0.properties.generalCategory == .control }.map {
            "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
