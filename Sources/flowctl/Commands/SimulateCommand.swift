import ArgumentParser
import CallFlow
import FlowRepository
import Foundation
import WebhookDelivery

struct SimulateCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Walk a call through a flow, firing each webhook it reaches.",
        discussion: """
            Starts at the main block and follows the exits as the engine does: a menu takes the \
            next of --digits; a digit it has no exit for plays it again and uses a retry; when \
            the digits run out the caller presses nothing, which takes timeout at once if the \
            menu has that exit, else plays it again and uses a retry; with the retries used up \
            the call takes no-choice (or ends there). A time-of-day block takes the first rule, \
            by name, that holds at --at (default: now) in its time zone, else the repository's \
            (git config flowctl.timezone), else default; with no zone at all the walk stops. \
            Ringing goes unanswered, so the call goes on to next (a seat block with no seat \
            rings the flow's; a ring group says how long each member and the group ring); a callflow block continues in the other flow (by id or name); voicemail \
            and response end the call. --from defaults to +15555550100. Each webhook reached is sent for real with the event \
            reached (not with --dry-run), and the call goes on whatever its outcome, as in the \
            configurator. A loop is reported, not followed. The open flow is walked as edited. \
            Exits 1 when the walk hits a loop, a missing block, a missing flow or a block that \
            cannot route (an unknown time zone).

            A webhook's payload has the fields event (answered, transferred, disconnected or \
            reached), call_id, from, to, caller_id_number, caller_id_name, flow_id, flow_name, \
            block_id and timestamp (ISO 8601, UTC), plus the block's data pairs (which cannot \
            replace them). GET sends them in the query string; POST as a form \
            (application/x-www-form-urlencoded) or a JSON object (application/json). The \
            User-Agent is flowctl/<version>; the block's headers are added.

            With --json: an object with flow, from, to, steps (each with flow, block, type, \
            action, exit and webhook) and ending (an object with kind \
            ended|loop|missing-block|missing-flow|broken and detail). A step's webhook is null, or \
            an object with sent, summary (the text line's words), method and url (as the block \
            writes them), delivered, error (why it was not sent) and attempts (as test-webhook \
            --json gives them). --dry-run resolves the placeholders as a real run does, without \
            sending.

            Example: flowctl simulate support-line --from +15551230000 --digits 1
            """)

    @OptionGroup var output: OutputOptions

    @Argument(help: "The flow (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Option(help: ArgumentHelp("The caller's number, 3 to 15 digits, optionally after '+'.", valueName: "number"))
    var from = Webhooks.defaultCaller

    @Option(
        help: ArgumentHelp("The number dialled (default: the flow's first number or extension).", valueName: "number"))
    var to: String?

    @Option(help: ArgumentHelp("Digits the caller presses at menus, in order.", valueName: "digits"))
    var digits = ""

    @Option(
        help: ArgumentHelp(
            "The time of the call, ISO 8601 (2026-11-30T09:30:00+01:00); default now.", valueName: "time"))
    var at: String?

    @Flag(help: "Do not send webhooks; show where they would go.")
    var dryRun = false

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Seconds each webhook attempt may take.", valueName: "seconds"))
    var timeout: Double = 5

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        try Webhooks.timeout(timeout)
        try Webhooks.caller(from)
        if let at, Self.date(at) == nil {
            throw ValidationError("--at must be an ISO 8601 date and time, as 2026-11-30T09:30:00+01:00 (got '\(at)')")
        }
        if let bad = digits.first(where: { !"0123456789*#".contains($0) }) {
            throw ValidationError("--digits takes 0-9, * and # (got '\(bad)')")
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)
    }

    func run() throws {
        let repository = try FlowReader.current()
        // `origin/flows/x`: the flow as the remote has it (flows it hands calls to: as they are here).
        let selected = try repository.readableFlow(flow)
        let id = selected.id
        let start = try repository.defaultFlow(selected)
        let dialled = to ?? Webhooks.dialled(start, id: id)
        let callID = UUID().uuidString.lowercased()
        let simulation = CallSimulation(
            from: from, digits: digits, at: at.flatMap(Self.date) ?? Date(),
            defaultTimeZone: try repository.defaultTimeZone())
        var webhooks: [WebhookStepJSON] = []
        let transport = Webhooks.transport(gitConfig: repository.gitConfig)
        if !json { Output.result(Terminal.bold("Call from \(from) to \(dialled) through \(id)")) }
        var taken = 0
        let (steps, ending) = simulation.run(
            flowID: id, flow: start,
            loadFlow: { name in
                guard let other = try? repository.resolveFlow(name) else { return nil }
                return (try? repository.currentFlow(other)).map { (other, $0) }
            },
            webhook: { flowID, flow, block in
                let call = WebhookCall(
                    callID: callID, from: from, to: dialled, flowID: flowID, flowName: flow.main.name,
                    blockID: block.id, event: .reached)
                let step = fire(
                    call, flowID: flowID, flow: flow, block: block, transport: transport,
                    repositoryRoot: repository.root.path)
                webhooks.append(step)
                return step.summary
            },
            onStep: { step in
                // Each step as it is taken: a webhook that takes seconds is not a silent wait.
                guard !json else { return }
                taken += 1
                var line = "\(taken). \(Terminal.cyan(step.block)) (\(step.type)): \(step.action)"
                if let webhook = step.webhook { line += ": \(webhook)" }
                if let exit = step.exit { line += " -> \(exit)" }
                Output.result(line)
                Output.flush()
            })
        if json {
            try Output.json(
                SimulationJSON(flow: id, from: from, to: dialled, steps: steps, webhooks: webhooks, ending: ending))
        } else {
            // A call that ends as routed is green; a loop or a broken route, which exit 1, red.
            if case .ended = ending {
                Output.result(Terminal.green(Self.describe(ending)))
            } else {
                Output.result(Terminal.red(Self.describe(ending)))
            }
        }
        if case .ended = ending { return }
        throw ExitCode.failure
    }

    /// Sends (or, on a dry run, only prepares) webhook `block` for `call`, as the walk reaches it.
    func fire(
        _ call: WebhookCall, flowID: String, flow: Flow, block: Block, transport: Transport, repositoryRoot: String
    ) -> WebhookStepJSON {
        let plan: WebhookPlan
        do {
            plan = try Webhooks.plan(
                flowID: flowID, flow: flow, block: block, call: call, transport: transport,
                repositoryRoot: repositoryRoot)
        } catch {
            return WebhookStepJSON(sent: false, summary: "not sent: \(error)", error: "\(error)")
        }
        let (method, url) = (plan.request.method, plan.request.displayURL)
        if dryRun {
            return WebhookStepJSON(
                sent: false, summary: "not sent (dry run): \(method) \(url)", method: method, url: url)
        }
        let report = WebhookSender(transport: transport).deliver(plan.request, retries: plan.retries, timeout: timeout)
        return WebhookStepJSON(
            sent: true, summary: Webhooks.summary(report), method: method, url: url, delivered: report.delivered,
            attempts: report.attempts.map(AttemptJSON.init))
    }

    static func describe(_ ending: CallSimulation.Ending) -> String {
        switch ending {
        case .ended(let how): how.prefix(1).uppercased() + how.dropFirst() + "."
        case .loop(let flow, let block): "Loop: the call comes back to \(block) in \(flow) the same way; stopped."
        case .missingBlock(let flow, let block): "The route leads to missing block '\(block)' in \(flow); stopped."
        case .missingFlow(let flow, let block, let target):
            "Block \(block) of \(flow) hands the call to flow '\(target)', which does not exist; stopped."
        case .broken(let flow, let block, let reason): "Block \(block) of \(flow) cannot route the call: \(reason)."
        }
    }
}

struct SimulationJSON: Encodable {
    var flow: String
    var from: String
    var to: String
    var steps: [StepJSON]
    var ending: [String: String]

    init(
        flow: String, from: String, to: String, steps: [CallSimulation.Step], webhooks: [WebhookStepJSON],
        ending: CallSimulation.Ending
    ) {
        self.flow = flow
        self.from = from
        self.to = to
        // The walk reports webhooks in the order it reaches them: the n-th webhook step is the n-th sent.
        var sent = webhooks.makeIterator()
        self.steps = steps.map { StepJSON($0, webhook: $0.webhook == nil ? nil : sent.next()) }
        switch ending {
        case .ended(let how): self.ending = ["kind": "ended", "detail": how]
        case .loop(let flow, let block): self.ending = ["kind": "loop", "detail": "\(flow)/\(block)"]
        case .missingBlock(let flow, let block): self.ending = ["kind": "missing-block", "detail": "\(flow)/\(block)"]
        case .missingFlow(let flow, let block, let target):
            self.ending = ["kind": "missing-flow", "detail": "\(flow)/\(block) -> \(target)"]
        case .broken(let flow, let block, let reason):
            self.ending = ["kind": "broken", "detail": "\(flow)/\(block): \(reason)"]
        }
    }
}

struct StepJSON: Encodable {
    var flow: String
    var block: String
    var type: String
    var action: String
    @Nullable var exit: String?
    @Nullable var webhook: WebhookStepJSON?

    init(_ step: CallSimulation.Step, webhook: WebhookStepJSON?) {
        (flow, block, type, action, exit, self.webhook) = (
            step.flow, step.block, step.type, step.action, step.exit, webhook
        )
    }
}

/// What became of a webhook the walk reached: sent or not, delivered or not, each attempt.
struct WebhookStepJSON: Encodable {
    var sent: Bool
    var summary: String
    @Nullable var method: String?
    @Nullable var url: String?
    @Nullable var delivered: Bool?
    @Nullable var error: String?
    var attempts: [AttemptJSON]

    init(
        sent: Bool, summary: String, method: String? = nil, url: String? = nil, delivered: Bool? = nil,
        error: String? = nil, attempts: [AttemptJSON] = []
    ) {
        (self.sent, self.summary, self.method, self.url) = (sent, summary, method, url)
        (self.delivered, self.error, self.attempts) = (delivered, error, attempts)
    }
}
