/// The fields every webhook request carries, named here so that the catalog can keep a block's
/// own `data` from replacing them and delivery can send them.
public enum WebhookPayload {
    public static let fieldNames = [
        "event", "call_id", "from", "to", "caller_id_number", "caller_id_name", "flow_id", "flow_name", "block_id",
        "timestamp",
    ]
}
