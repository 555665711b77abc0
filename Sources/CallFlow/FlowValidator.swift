/// A problem `validate` reports: errors fail validation, warnings only inform.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable { case error, warning }

    public var severity: Severity
    public var flow: String?
    /// Nil for the main block.
    public var block: String?
    public var field: String?
    public var message: String

    public init(
        _ severity: Severity, flow: String? = nil, block: String? = nil, field: String? = nil, _ message: String
    ) {
        self.severity = severity
        self.flow = flow
        self.block = block
        self.field = field
        self.message = message
    }

    /// `support-line: block notify: url: url is required`.
    public var description: String {
        var parts: [String] = []
        if let flow { parts.append(flow) }
        parts.append(block.map { "block \($0)" } ?? "main")
        if let field { parts.append(field) }
        return (parts + [message]).joined(separator: ": ")
    }
}

/// The checks `validate` and `save` run: on one flow, and across flows.
public enum FlowValidator {
    /// Everything wrong with `flow`, main block first, then blocks by id.
    public static func findings(in flow: Flow, id: String? = nil, catalog: Catalog = .standard) -> [Finding] {
        findings(main: flow.main, checks: flow.blocks.mapValues { BlockCheck($0, catalog: catalog) }, id: id)
    }

    /// Everything wrong with a flow whose main block is `main` and whose blocks' own checks are
    /// `checks`, by block id: what only the whole flow shows (the start, where exits lead, what a
    /// call reaches) is worked out here.
    public static func findings(main: MainBlock, checks: [String: BlockCheck], id: String? = nil) -> [Finding] {
        var findings: [Finding] = []
        func report(_ severity: Finding.Severity, _ block: String?, _ field: String?, _ message: String) {
            findings.append(Finding(severity, flow: id, block: block, field: field, message))
        }
        if main.extension == nil && main.numbers.isEmpty {
            report(.warning, nil, nil, "no extension and no number: no call can reach this flow")
        }
        if !checks.isEmpty && main.seat == nil {
            report(.error, nil, "seat", "a flow with action blocks needs a seat")
        }
        if let start = main.start, checks[start] == nil {
            report(.error, nil, "start", "start leads to missing block '\(start)'")
        } else if main.start == nil && !checks.isEmpty {
            report(.error, nil, "start", "the flow has action blocks but no start")
        }
        let reachable = reachableBlocks(from: main.start, checks: checks)
        // Blocks by id, but only those with findings are put in order: most have none.
        var byBlock: [(block: String, findings: [Finding])] = []
        for (block, check) in checks {
            var found: [Finding] = []
            func note(_ severity: Finding.Severity, _ field: String?, _ message: String) {
                found.append(Finding(severity, flow: id, block: block, field: field, message))
            }
            for error in check.errors { note(.error, error.field, error.message) }
            if check.knowsType {
                for exit in check.exits {
                    if let refusal = exit.refusal {
                        note(.error, exit.field, refusal)
                    } else if checks[exit.target] == nil {
                        note(.error, exit.field, "\(exit.name) leads to missing block '\(exit.target)'")
                    }
                }
                if !reachable.contains(block) { note(.warning, nil, "not reachable from the start") }
                for warning in check.warnings { note(.warning, warning.field, warning.message) }
            }
            if !found.isEmpty { byBlock.append((block, found)) }
        }
        for entry in byBlock.sorted(by: { BlockOrder.natural($0.block, $1.block) }) { findings += entry.findings }
        return findings
    }

    /// Credentials written in clear in a webhook block: they would go into git history.
    static func clearCredentials(in block: Block) -> [(field: String, message: String)] {
        let advice = "it goes into git history; move it to the secrets file and write ${secret:NAME} here"
        var found: [(String, String)] = []
        if let url = block.parameters["url"]?.string, ClearCredentials.urlHasPassword(url) {
            found.append(("url", "the URL holds a password in clear: \(advice)"))
        }
        if case .map(let headers)? = block.parameters["headers"] {
            for (name, value) in headers.sorted(by: { $0.key < $1.key })
            where ClearCredentials.isCredentialHeader(name) && Placeholder.all(in: value.inlineText).isEmpty {
                found.append(("headers.\(name)", "header \(name) holds a credential in clear: \(advice)"))
            }
        }
        return found
    }

    /// Callflow blocks of `flow` whose target names no flow of `known` (ids, and names in any case).
    public static func missingTargets(in flow: Flow, id: String?, known: KnownFlows) -> [Finding] {
        flow.sortedBlocks.compactMap { block in
            guard block.type == "callflow", let target = block.parameters["flow"]?.string,
                known.resolve(target) == nil
            else { return nil }
            return Finding(
                .error, flow: id, block: block.id, field: "flow",
                "flow '\(target)' does not exist; flows: \(known.ids.sorted().joined(separator: ", "))")
        }
    }

    /// Extensions and numbers claimed by more than one flow (each routes calls to one flow only),
    /// and names two flows have (names are unique, as in the configurator).
    public static func conflicts(among flows: [(id: String, main: MainBlock)]) -> [Finding] {
        var claims: [String: [String]] = [:]
        for (id, main) in flows {
            for route in Set(main.extension.map { ["extension \($0)"] } ?? []).union(
                main.numbers.map { "number \($0)" })
            {
                claims[route, default: []].append(id)
            }
        }
        var byName: [String: [String]] = [:]
        for (id, main) in flows { byName[main.name.lowercased(), default: []].append(id) }
        let routes = claims.sorted { $0.key < $1.key }.filter { $0.value.count > 1 }.flatMap { route, ids in
            ids.sorted().map { id in
                Finding(
                    .error, flow: id, field: route.hasPrefix("extension") ? "extension" : "numbers",
                    "\(route) is also claimed by \(ids.filter { $0 != id }.sorted().joined(separator: ", "))")
            }
        }
        let names = byName.sorted { $0.key < $1.key }.filter { $0.value.count > 1 }.flatMap { _, ids in
            ids.sorted().map { id in
                Finding(
                    .error, flow: id, field: "name",
                    "the name is also used by \(ids.filter { $0 != id }.sorted().joined(separator: ", ")) "
                        + "(names are unique)")
            }
        }
        return routes + names
    }

    /// Each parameter problem of `block` against its type: unknown, missing, out of range.
    static func problems(in block: Block, type: BlockType) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        for name in block.parameters.keys.sorted() {
            do { _ = try type.requireParameter(name) } catch { problems.append((name, error.description)) }
        }
        for spec in type.parameters {
            guard let value = block.parameters[spec.name] else {
                if spec.required { problems.append((spec.name, "\(spec.name) is required")) }
                continue
            }
            if let problem = spec.problem(with: value) { problems.append((spec.name, problem)) }
            if let condition = spec.onlyWhen {
                let current = block.parameters[condition.parameter] ?? type.parameter(condition.parameter)?.defaultValue
                if current != .string(condition.value) {
                    problems.append(
                        (spec.name, "\(spec.name) is only allowed with \(condition.parameter) \(condition.value)"))
                }
            }
        }
        return problems
    }

    /// The blocks a call can reach from the start, following every exit.
    static func reachableBlocks(from start: String?, checks: [String: BlockCheck]) -> Set<String> {
        var seen = Set<String>()
        var pending = start.map { [$0] } ?? []
        while let id = pending.popLast() {
            guard let check = checks[id], seen.insert(id).inserted else { continue }
            pending += check.exits.map(\.target)
        }
        return seen
    }
}
