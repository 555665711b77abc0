import CallFlow
import Foundation

/// A webhook block made ready to send for one call: its request with placeholders resolved, how
/// often it re-tries, and what the user should hear first. The policy of the commands that send
/// (`test-webhook`, `simulate`), kept here so they only format.
public struct WebhookPlan: Sendable {
    public var request: WebhookRequest
    /// Re-tries while the host is unavailable: the block's `retries`, else the catalog's default.
    public var retries: Int
    /// Things worth knowing before sending, as a resolved credential going over plain http.
    public var warnings: [String]

    /// The plan for `block` of flow `flowID`; refused while the block breaks a rule of the catalog
    /// (an exit aside: the call's route does not matter to the request). A dry run resolves the
    /// placeholders exactly as a real one does, so that what it says holds for the real one.
    public init(
        flowID: String, flow: Flow, block: Block, call: WebhookCall, userAgent: String, secrets: Secrets,
        transport: Transport
    ) throws(DeliveryError) {
        let problems = FlowValidator.findings(in: flow, id: flowID).filter {
            $0.severity == .error && $0.block == block.id && $0.field != Block.nextExit
        }
        if let problem = problems.first {
            throw DeliveryError("webhook \(block.id) cannot be sent: \(problem.message)")
        }
        request = try WebhookRequest(block: block, call: call, userAgent: userAgent, secrets: secrets)
        retries = Self.retries(of: block)
        warnings = []
        if request.url.scheme?.lowercased() == "http", !request.carriedPlaceholders.isEmpty {
            let names = Array(Set(request.carriedPlaceholders.map(\.description))).sorted()
            let proxy = transport.proxy(for: request.url).map { " and to the proxy \(URLPassword.redacted($0))" } ?? ""
            warnings.append(
                "webhook \(block.id) sends the value of \(names.joined(separator: ", ")) over plain http: "
                    + "readable on the way to the server\(proxy); use an https URL")
        }
    }

    /// How often `block` re-tries while the host is unavailable.
    public static func retries(of block: Block) -> Int {
        let value =
            block.parameters["retries"] ?? Catalog.standard.type(named: block.type)?.parameter("retries")?.defaultValue
        guard case .int(let retries)? = value else { return 1 }
        return retries
    }
}
