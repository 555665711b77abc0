import CallFlow
import FlowRepository
import Foundation

/// A review as GitHub Flavored Markdown for a pull or merge request comment: a summary line per
/// flow first, then per flow its saves (a table), changes (a list), the picture (a Mermaid block,
/// which GitHub and GitLab draw), the effect on calls (a table), validate and the export's
/// warnings. A section longer than `foldAfter` items folds into `<details>`. Only what the hosts
/// keep: no raw HTML besides `<details>`/`<summary>`, every text escaped.
enum ReviewMarkdown {
    static let foldAfter = 10

    static func render(_ review: Review) -> String {
        var out = ["# Review: \(escape(review.subject))", ""]
        if review.flows.isEmpty {
            out.append("Nothing to review: no flow differs.")
        }
        if review.flows.count > 1 {
            for flow in review.flows {
                out.append("- **\(escape(flow.name))** (`\(flow.id)`): \(escape(flow.summary))")
            }
            out.append("")
        }
        if !review.unchanged.isEmpty {
            out.append("Unchanged: " + review.unchanged.map { "`\($0)`" }.joined(separator: ", ") + ".")
            out.append("")
        }
        for flow in review.flows { out += section(flow, level: review.flows.count > 1 ? "##" : "##") }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func section(_ flow: FlowReview, level: String) -> [String] {
        let sub = level + "#"
        var out = ["\(level) \(escape(flow.name)) (`\(flow.id)`)", ""]
        out += ["From \(escape(flow.from)) to \(escape(flow.to)): \(escape(flow.summary)).", ""]
        if !flow.saves.isEmpty {
            var rows = ["| Save | Author | Date | Message |", "| --- | --- | --- | --- |"]
            for save in flow.saves {
                rows.append(
                    "| `\(save.commit.prefix(7))` | \(cell(save.author.name)) | \(ReviewDates.text(save)) | "
                        + "\(cell(save.subject)) |")
            }
            if flow.moreSaves { rows.append("| … | | | older saves left out |") }
            out += fold("\(sub) Saves", "\(Plural.count(flow.saves.count, "save"))", rows, count: flow.saves.count)
        }
        let changes = flow.changes.map { "- " + escape(ReviewText.change($0)) }
        out += fold(
            "\(sub) Changes", Plural.count(changes.count, "change"),
            changes.isEmpty ? ["No block or field changes."] : changes, count: changes.count)
        let picture = flow.picture
        out += fold(
            "\(sub) Picture", "the picture (\(Plural.count(picture.nodes.count, "block")))",
            ["```mermaid"]
                + picture.mermaid.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
                    String.init) + ["```"],
            count: picture.nodes.count / 4)
        out += effects(flow.effects, heading: "\(sub) Effect on calls")
        out += ["\(sub) Validate", ""] + findings(flow) + [""]
        out += ["\(sub) Engine export", ""]
        out += flow.exportWarnings.isEmpty ? ["No warnings."] : flow.exportWarnings.map { "- " + escape($0) }
        out.append("")
        return out
    }

    static func effects(_ effects: CallEffects, heading: String) -> [String] {
        var out = [heading, ""]
        let total = effects.changedCount + effects.unchanged
        guard effects.changedCount > 0 else {
            out += ["No call goes differently (\(Plural.count(total, "path")) walked).", ""]
            if effects.notWalked > 0 { out += [ReviewText.notWalked(effects), ""] }
            return out
        }
        out += [escape(ReviewText.changedOf(effects, total: total)), ""]
        var rows = ["| Call | Before | After |", "| --- | --- | --- |"]
        for path in effects.changed {
            rows.append("| \(cell(path.label)) | \(cell(path.before)) | \(cell(path.after)) |")
        }
        out += fold(nil, Plural.count(effects.changed.count, "changed path"), rows, count: effects.changed.count)
        if effects.moreChanged > 0 { out += ["And \(effects.moreChanged) more changed paths.", ""] }
        out += ["\(Plural.count(effects.unchanged, "path")) did not change.", ""]
        if effects.notWalked > 0 { out += [ReviewText.notWalked(effects), ""] }
        return out
    }

    static func findings(_ flow: FlowReview) -> [String] {
        if flow.problems.isEmpty && flow.alreadyBefore.isEmpty && flow.fixed.isEmpty { return ["No problems."] }
        var out: [String] = []
        func list(_ title: String, _ items: [Finding]) {
            guard !items.isEmpty else { return }
            out.append("\(title):")
            out.append("")
            out += items.map { "- **\($0.severity.rawValue)** " + escape(ReviewText.finding($0)) }
            out.append("")
        }
        list("New", flow.problems)
        list("Already before", flow.alreadyBefore)
        list("Fixed", flow.fixed)
        if out.last == "" { out.removeLast() }
        return out
    }

    /// A section, folded when long: the heading stays, the body goes into `<details>`.
    static func fold(_ heading: String?, _ summary: String, _ body: [String], count: Int) -> [String] {
        let head = heading.map { [$0, ""] } ?? []
        guard count > foldAfter else { return head + body + [""] }
        return head + ["<details><summary>\(escape(summary))</summary>", ""] + body + ["", "</details>", ""]
    }

    /// Text with everything Markdown or HTML would read as markup backslash-escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!": out += "\\\(character)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// A table cell: escaped, on one line.
    static func cell(_ text: String) -> String { escape(text) }
}

/// Words shared by the review formats.
enum ReviewText {
    /// A change as `diff` words it, without colour, with an arrow for "becomes".
    static func change(_ change: FlowChange) -> String {
        ChangeText.line(change).replacingOccurrences(of: " -> ", with: " → ")
    }

    static func finding(_ finding: Finding) -> String {
        var parts = [finding.block.map { "block \($0)" } ?? "main"]
        if let field = finding.field { parts.append(field) }
        return (parts + [finding.message]).joined(separator: ": ")
    }

    /// "1 of 3 call paths changes (times in America/New_York):"
    static func changedOf(_ effects: CallEffects, total: Int) -> String {
        let zone = effects.zone.map { " (times in \($0))" } ?? ""
        return "\(effects.changedCount) of \(Plural.count(total, "call path")) "
            + (effects.changedCount == 1 ? "changes" : "change") + zone + ":"
    }

    static func notWalked(_ effects: CallEffects) -> String {
        "The walk stopped at \(CallEffects.walkLimit) inputs: \(effects.notWalked) more ways through were not walked."
    }
}

enum ReviewDates {
    /// A save's author date as `log --json` gives it: ISO 8601 in the author's own offset.
    static func text(_ save: SaveInfo) -> String {
        DateText.iso8601(save.author.date, offsetMinutes: save.author.offsetMinutes, fallback: ISO8601DateFormatter())
    }
}
