import CallFlow
import FlowRepository
import Foundation
import Kazoo

/// A change to review, as `review` writes it in every format: per flow, the saves, the block and
/// field changes, the picture, what validate finds, the engine export's warnings and the effect
/// on calls. Built from the repository once; the formats only lay it out.
struct Review {
    /// What was compared, in words: "support-line: @~1..@", "every flow against origin".
    var subject: String
    var flows: [FlowReview]
    /// Flows looked at whose two sides are the same.
    var unchanged: [String]
}

struct FlowReview {
    var id: String
    var name: String
    /// The two sides, as asked for and with their commit ("@~1 (1a2b3c4)", "unsaved edits").
    var from: String
    var to: String
    var saves: [SaveInfo]
    var moreSaves: Bool
    var changes: [FlowChange]
    var old: Flow
    var new: Flow
    /// What validate finds on the new side that it did not find before, what it found on both
    /// sides, and what it found only before (fixed by the change).
    var problems: [Finding]
    var alreadyBefore: [Finding]
    var fixed: [Finding]
    /// The Kazoo export's warnings on the new side, or why it was not exported.
    var exportWarnings: [String]
    var effects: CallEffects

    var picture: FlowPicture { FlowPicture(comparing: old, with: new) }

    /// The one line a reviewer reads first: "3 block changes, 2 call paths change, 1 new problem".
    var summary: String {
        var parts = [Plural.count(changes.count, "change")]
        parts.append(
            effects.changedCount == 0
                ? "no call path changes"
                : Plural.count(effects.changedCount, "call path") + " change" + (effects.changedCount == 1 ? "s" : ""))
        let errors = problems.filter { $0.severity == .error }.count
        parts.append(problems.isEmpty ? "no new problems" : Plural.count(problems.count, "new problem"))
        if errors > 0 { parts[parts.count - 1] += " (\(Plural.count(errors, "error")))" }
        if !fixed.isEmpty { parts.append(Plural.count(fixed.count, "problem") + " fixed") }
        return parts.joined(separator: ", ")
    }
}

enum Plural {
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}

/// One side of a flow to compare: a revision of its branch, the open flow as edited, or nothing
/// (a flow the other side does not have).
enum ReviewSide {
    case revision(String?)
    case working
    case none
}

extension FlowReader {
    /// The review of flow `id` from `old` to `new`; nil when the two sides are the same.
    func review(_ id: String, from old: ReviewSide, to new: ReviewSide, labels: (String, String)) throws
        -> FlowReview?
    {
        let history = FlowHistory(self)
        func flow(_ side: ReviewSide) throws -> Flow? {
            switch side {
            case .revision(let revision): try savedFlow(id, revision: revision)
            case .working: try workingFlow()
            case .none: nil
            }
        }
        func label(_ side: ReviewSide, _ words: String) throws -> String {
            guard case .revision(let revision) = side else { return words }
            return "\(words) (\(try history.commit(id, revision: revision).prefix(7)))"
        }
        guard let newFlow = try flow(new) else { return nil }
        let oldFlow = try flow(old) ?? Flow(main: MainBlock(name: newFlow.main.name))
        let sameCommit =
            if case .revision(let a) = old, case .revision(let b) = new {
                try history.commit(id, revision: a) == history.commit(id, revision: b)
            } else { false }
        if sameCommit || (oldFlow == newFlow && !isNone(old)) { return nil }
        // The saves the new side has that the old lacks; the working tree's are its branch's.
        var until: String?
        if case .revision(let revision) = new { until = revision }
        var since: String?
        if case .revision(let revision) = old { since = revision ?? "@" }
        let saves = try history.saves(id, since: since, until: until, limit: 50)
        let zone = try defaultTimeZone()
        let checks = FlowChecks(self)
        let known = try checks.knownFlows()
        func findings(_ flow: Flow) throws -> [Finding] {
            FlowValidator.findings(in: flow, id: id) + FlowValidator.missingTargets(in: flow, id: id, known: known)
                + (try checks.clashes(of: id, main: flow.main))
        }
        let after = try findings(newFlow)
        let before = isNone(old) ? [] : try findings(oldFlow)
        let effects = CallEffects(
            id: id, old: oldFlow, new: newFlow, defaultTimeZone: zone,
            loadFlow: { [self] name in
                guard let other = try? resolveFlow(name), let flow = try? currentFlow(other) else { return nil }
                return (other, flow)
            })
        return FlowReview(
            id: id, name: newFlow.main.name, from: try label(old, labels.0), to: try label(new, labels.1),
            saves: saves.saves, moreSaves: saves.more, changes: FlowDiff.changes(from: oldFlow, to: newFlow),
            old: oldFlow, new: newFlow, problems: after.filter { !before.contains($0) },
            alreadyBefore: after.filter { before.contains($0) }, fixed: before.filter { !after.contains($0) },
            exportWarnings: Self.exportWarnings(
                newFlow, id: id, errors: after, zone: zone,
                before: isNone(old) ? [] : Self.exportWarnings(oldFlow, id: id, errors: before, zone: zone, before: [])),
            effects: effects)
    }

    private func isNone(_ side: ReviewSide) -> Bool {
        if case .none = side { return true }
        return false
    }

    /// What the engine export says of `flow`: its warnings, or why it cannot be exported.
    /// Those also in `before` (the old side's) say so.
    static func exportWarnings(_ flow: Flow, id: String, errors: [Finding], zone: String?, before: [String])
        -> [String]
    {
        let warnings: [String]
        if errors.contains(where: { $0.severity == .error }) {
            warnings = ["not exported: the flow has validate errors (see Validate)"]
        } else if flow.main.start == nil {
            warnings = ["no action blocks: nothing to export (Kazoo needs a tree)"]
        } else {
            do {
                warnings = try KazooExport(flow: flow, id: id, defaultTimeZone: zone).warnings.map(ReviewText.finding)
            } catch {
                warnings = ["not exported: \(error)"]
            }
        }
        return warnings.map { before.contains($0) ? $0 + " (already before)" : $0 }
    }
}
