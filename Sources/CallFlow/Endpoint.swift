import Foundation

/// A ring-group member as written in a flow: `alice` (a user), `device:front-desk` or
/// `group:sales`, as Kazoo's endpoints have an `endpoint_type` of user, device or group.
public struct Endpoint: Hashable, Sendable {
    public static let types = ["user", "device", "group"]

    public var type: String
    public var id: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        (type, id) = parts.count == 2 ? (parts[0], parts[1]) : ("user", text)
    }

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// `device:front-desk`; a user is written by id alone.
    public var text: String { type == "user" ? id : "\(type):\(id)" }

    /// Nil when `text` is a member, else what is wrong.
    public static func problem(_ text: String) -> String? {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let id = parts.last!
        if parts.count == 2 && !["device", "group"].contains(parts[0]) {
            return parts[0] == "user"
                ? "write a user as '\(id)', without 'user:'"
                : "'\(parts[0])' is not a member type: write ID (a user), device:ID or group:ID"
        }
        guard (1...128).contains(id.count), !id.contains(":"),
            !id.contains(where: { $0.isWhitespace || $0.isNewline })
        else {
            return "'\(text)' is not a member: write ID (a user), device:ID or group:ID, ids of 1 to 128 characters"
        }
        return nil
    }
}
