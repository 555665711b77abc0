import CallFlow
import FlowRepository
import Foundation

/// A review as JSON, the same content as the Markdown and HTML (see `review --help`).
enum ReviewJSON {
    static func render(_ review: Review) throws -> String {
        let object = ReviewObject(
            subject: review.subject, unchanged: review.unchanged, flows: review.flows.map(FlowObject.init))
        return Output.redacted(String(decoding: try Output.jsonEncoder().encode(object), as: UTF8.self)) + "\n"
    }

    struct ReviewObject: Encodable {
        var subject: String
        var unchanged: [String]
        var flows: [FlowObject]
    }

    struct FlowObject: Encodable {
        var id, name, from, to, summary: String
        var saves: [SaveObject]
        var more_saves: Bool
        var changes: [ChangeJSON]
        var picture: [String: String]
        var problems, already_before, fixed: [FindingJSON]
        var export_warnings: [String]
        var effects: EffectsObject

        init(_ flow: FlowReview) {
            (id, name, from, to, summary) = (flow.id, flow.name, flow.from, flow.to, flow.summary)
            saves = flow.saves.map(SaveObject.init)
            more_saves = flow.moreSaves
            changes = flow.changes.map(ChangeJSON.init)
            let picture = flow.picture
            self.picture = ["mermaid": picture.mermaid, "dot": picture.dot]
            problems = flow.problems.map(FindingJSON.init)
            already_before = flow.alreadyBefore.map(FindingJSON.init)
            fixed = flow.fixed.map(FindingJSON.init)
            export_warnings = flow.exportWarnings
            effects = EffectsObject(flow.effects)
        }
    }

    struct SaveObject: Encodable {
        var commit, author, email, date, message: String

        init(_ save: SaveInfo) {
            (commit, author, email) = (save.commit, save.author.name, save.author.email)
            (date, message) = (ReviewDates.text(save), save.message)
        }
    }

    struct EffectsObject: Encodable {
        var changed: [[String: String]]
        var more_changed, unchanged, not_walked: Int

        init(_ effects: CallEffects) {
            changed = effects.changed.map { ["label": $0.label, "before": $0.before, "after": $0.after] }
            (more_changed, unchanged, not_walked) = (effects.moreChanged, effects.unchanged, effects.notWalked)
        }
    }
}
