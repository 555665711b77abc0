import ArgumentParser
import CallFlow
import FlowRepository
import Foundation
import WebhookDelivery

struct TestWebhookCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-webhook",
        abstract: "Send a webhook block's request for real, as a call reaching it would.",
        discussion: """
            Sends the block as currently edited (saved or not) with a made-up call, prints each \
            attempt (status or error, and time taken) and the outcome. A 2xx status line is \
            delivery: the event is never sent again, and a body that breaks afterwards is a \
            warning. While the host is unavailable (no connection, a timeout, 5xx or 429) the \
            request is re-tried up to the block's retries, waiting 0.5 s, 1 s, 2 s, 4 s (or the \
            server's Retry-After, up to 10 s; one asking for no wait gets the normal wait); any \
            other answer is final, and so are certificate and TLS failures: a redirect is \
            reported with its Location and not followed, so the payload and headers reach the \
            URL's host only. --timeout takes fractions (0.5) and covers the whole attempt. \
            ${env:NAME} and ${secret:NAME} in the URL, headers and data are resolved now (the \
            secrets file: FLOWCTL_SECRETS, else ~/.config/flowctl/secrets, mode 0600), checked \
            again where they stand (no line break in a header, nothing that moves the URL) and \
            never printed; a warning says when one goes over plain http. Trusted CAs: \
            CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR, else GIT_SSL_CAINFO or http.sslCAInfo; \
            proxies: http_proxy, https_proxy, all_proxy, no_proxy, as curl reads them. Exits 0 \
            only when delivered (2xx). With --json: an object with flow, block, method, url (as \
            the block writes it), delivered and attempts (each with number, status, error, \
            location (where a redirect pointed, or null), warning (what broke after the status \
            line, or null) and duration_ms). The payload's fields are listed under 'flowctl help \
            simulate' and in the man page.

            Example: flowctl test-webhook notify --event answered --from +15551230000
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "The webhook block's id.", completion: .webhookBlockIDs)
    var block: String

    @Option(help: ArgumentHelp("The flow (default: the open flow).", valueName: "flow"), completion: .flowIDs)
    var flow: String?

    @Option(help: ArgumentHelp("The event to report.", valueName: "event"))
    var event: CallEvent = .reached

    @Option(help: ArgumentHelp("The caller's number, 3 to 15 digits, optionally after '+'.", valueName: "number"))
    var from = Webhooks.defaultCaller

    @Option(
        help: ArgumentHelp("The number dialled (default: the flow's first number or extension).", valueName: "number"))
    var to: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds each attempt may take.", valueName: "seconds"))
    var timeout: Double = 5

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        try Webhooks.timeout(timeout)
        try Webhooks.caller(from)
    }

    func run() throws {
        let repository = try FlowReader.current()
        let id = try repository.flowID(flow)
        let current = try repository.currentFlow(id)
        let block = try current.requireBlock(self.block)
        let call = WebhookCall(
            from: from, to: to ?? Webhooks.dialled(current, id: id), flowID: id, flowName: current.main.name,
            blockID: block.id, event: event)
        let transport = Webhooks.transport(gitConfig: repository.gitConfig)
        let plan = try Webhooks.plan(
            flowID: id, flow: current, block: block, call: call, transport: transport,
            repositoryRoot: repository.root.path)
        let (request, retries) = (plan.request, plan.retries)
        if !json {
            Output.result(
                "\(request.method) \(request.displayURL) (\(retries) re-tr\(retries == 1 ? "y" : "ies"), \(timeout) s each)"
            )
        }
        let sender = WebhookSender(transport: transport)
        let report = sender.deliver(request, retries: retries, timeout: timeout) { attempt in
            if !json { Output.result("attempt \(attempt.number): \(Webhooks.describe(attempt))") }
        }
        if json {
            try Output.json(
                TestWebhookJSON(
                    flow: id, block: block.id, method: request.method, url: request.displayURL,
                    delivered: report.delivered, attempts: report.attempts.map(AttemptJSON.init)))
        } else {
            Output.result(Webhooks.summary(report))
        }
        if !report.delivered { throw ExitCode.failure }
    }
}

extension CallEvent: ExpressibleByArgument {}

struct TestWebhookJSON: Encodable {
    var flow: String
    var block: String
    var method: String
    var url: String
    var delivered: Bool
    var attempts: [AttemptJSON]
}
