import CallFlow
import Foundation

/// What happened in the call when a webhook is sent.
public enum CallEvent: String, CaseIterable, Sendable {
    case answered, transferred, disconnected
    /// The call reached the webhook block.
    case reached
}

/// The call a webhook tells its server about, and where in which flow it is.
public struct WebhookCall: Sendable, Equatable {
    public var callID: String
    public var from: String
    public var to: String
    public var callerIDNumber: String
    public var callerIDName: String
    public var flowID: String
    public var flowName: String
    public var blockID: String
    public var event: CallEvent
    public var timestamp: Date

    public init(
        callID: String = UUID().uuidString.lowercased(), from: String, to: String, callerIDNumber: String? = nil,
        callerIDName: String = "", flowID: String, flowName: String, blockID: String, event: CallEvent,
        timestamp: Date = Date()
    ) {
        self.callID = callID
        self.from = from
        self.to = to
        self.callerIDNumber = callerIDNumber ?? from
        self.callerIDName = callerIDName
        self.flowID = flowID
        self.flowName = flowName
        self.blockID = blockID
        self.event = event
        self.timestamp = timestamp
    }

    /// The payload's fields, by the names the receiving server sees (documented in the man page).
    public var fields: [(name: String, value: String)] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return [
            ("event", event.rawValue), ("call_id", callID), ("from", from), ("to", to),
            ("caller_id_number", callerIDNumber), ("caller_id_name", callerIDName), ("flow_id", flowID),
            ("flow_name", flowName), ("block_id", blockID), ("timestamp", formatter.string(from: timestamp)),
        ]
    }

    /// The payload field names, in order.
    public static let fieldNames = WebhookPayload.fieldNames
}
