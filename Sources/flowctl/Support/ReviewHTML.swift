import CallFlow
import FlowRepository
import Foundation

/// A review as one self-contained HTML page: the picture as inline SVG (Graphviz's), the style
/// inline, no script, and a Content-Security-Policy that lets the page fetch nothing, so it reads
/// the same from a mail attachment, a file share or a CI artefact. One column that fits a phone,
/// tables that scroll sideways there, light or dark as the reader's system is, and print-ready.
enum ReviewHTML {
    static func render(_ review: Review) throws -> String {
        var out = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<title>Review: \(escape(review.subject))</title>", "<style>", style, "</style>", "</head>", "<body>",
            "<main>", "<h1>Review: \(escape(review.subject))</h1>",
        ]
        if review.flows.isEmpty { out.append("<p>Nothing to review: no flow differs.</p>") }
        if review.flows.count > 1 {
            out.append("<ul class=\"flows\">")
            for flow in review.flows {
                out.append(
                    "<li><a href=\"#flow-\(flow.id)\">\(escape(flow.name))</a> <code>\(flow.id)</code>: "
                        + "\(escape(flow.summary))</li>")
            }
            out.append("</ul>")
        }
        if !review.unchanged.isEmpty {
            out.append(
                "<p>Unchanged: " + review.unchanged.map { "<code>\($0)</code>" }.joined(separator: ", ") + ".</p>")
        }
        for flow in review.flows { out += try section(flow) }
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    static func section(_ flow: FlowReview) throws -> [String] {
        var out = [
            "<section class=\"flow\" id=\"flow-\(flow.id)\">",
            "<h2>\(escape(flow.name)) <code>\(flow.id)</code></h2>",
            "<p class=\"summary\">From \(escape(flow.from)) to \(escape(flow.to)): <strong>\(escape(flow.summary))</strong>.</p>",
        ]
        if !flow.saves.isEmpty {
            out += [
                "<h3>Saves</h3>", "<div class=\"scroll\"><table>",
                "<tr><th>Save</th><th>Author</th><th>Date</th><th>Message</th></tr>",
            ]
            for save in flow.saves {
                out.append(
                    "<tr><td><code>\(save.commit.prefix(7))</code></td><td>\(escape(save.author.name))</td>"
                        + "<td>\(escape(ReviewDates.text(save)))</td><td>\(escape(save.subject))</td></tr>")
            }
            if flow.moreSaves { out.append("<tr><td colspan=\"4\">Older saves left out.</td></tr>") }
            out.append("</table></div>")
        }
        out.append("<h3>Changes</h3>")
        if flow.changes.isEmpty {
            out.append("<p>No block or field changes.</p>")
        } else {
            out.append("<ul class=\"changes\">")
            for change in flow.changes {
                out.append("<li class=\"\(kind(change))\">\(escape(ReviewText.change(change)))</li>")
            }
            out.append("</ul>")
        }
        let svg = try RenderCommand.graphviz(flow.picture.dot)
        out += ["<h3>Picture</h3>", "<figure class=\"picture\">", inline(svg), "</figure>"]
        out += effects(flow.effects)
        out.append("<h3>Validate</h3>")
        let groups = [("New", flow.problems), ("Already before", flow.alreadyBefore), ("Fixed", flow.fixed)]
        if groups.allSatisfy({ $0.1.isEmpty }) { out.append("<p>No problems.</p>") }
        for (title, findings) in groups where !findings.isEmpty {
            out += ["<h4>\(title)</h4>", "<ul class=\"findings\">"]
            out += findings.map {
                "<li class=\"\($0.severity.rawValue)\"><strong>\($0.severity.rawValue)</strong> "
                    + "\(escape(ReviewText.finding($0)))</li>"
            }
            out.append("</ul>")
        }
        out.append("<h3>Engine export</h3>")
        out +=
            flow.exportWarnings.isEmpty
            ? ["<p>No warnings.</p>"] : ["<ul>"] + flow.exportWarnings.map { "<li>\(escape($0))</li>" } + ["</ul>"]
        out.append("</section>")
        return out
    }

    static func effects(_ effects: CallEffects) -> [String] {
        var out = ["<h3>Effect on calls</h3>"]
        let total = effects.changedCount + effects.unchanged
        if effects.changedCount == 0 {
            out.append("<p>No call goes differently (\(Plural.count(total, "path")) walked).</p>")
        } else {
            out += [
                "<p>\(escape(ReviewText.changedOf(effects, total: total)))</p>",
                "<div class=\"scroll\"><table class=\"paths\">", "<tr><th>Call</th><th>Before</th><th>After</th></tr>",
            ]
            out += effects.changed.map {
                "<tr><td>\(escape($0.label))</td><td class=\"before\">\(escape($0.before))</td>"
                    + "<td class=\"after\">\(escape($0.after))</td></tr>"
            }
            out.append("</table></div>")
            if effects.moreChanged > 0 { out.append("<p>And \(effects.moreChanged) more changed paths.</p>") }
            out.append("<p>\(Plural.count(effects.unchanged, "path")) did not change.</p>")
        }
        if effects.notWalked > 0 { out.append("<p>\(escape(ReviewText.notWalked(effects)))</p>") }
        return out
    }

    static func kind(_ change: FlowChange) -> String {
        switch change {
        case .blockAdded: "added"
        case .blockRemoved: "removed"
        case .blockRenamed: "renamed"
        case .mainField, .blockField: "changed"
        }
    }

    /// Graphviz's SVG without its XML prolog and doctype, which HTML does not take.
    static func inline(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0;
          --added: #1a7f37; --removed: #cf222e; --changed: #9a6700; --panel: #f6f8fa; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d;
            --added: #3fb950; --removed: #f85149; --changed: #d29922; --panel: #151b23; } }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
          background: var(--bg); }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
        h2 { border-bottom: 1px solid var(--line); padding-bottom: .3rem; overflow-wrap: anywhere; }
        code { font: .9em ui-monospace, SFMono-Regular, Menlo, monospace; }
        .summary { color: var(--muted); }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top;
          overflow-wrap: anywhere; }
        th { background: var(--panel); white-space: nowrap; overflow-wrap: normal; }
        td code { white-space: nowrap; }
        li { overflow-wrap: anywhere; }
        .changes .added, .paths .after { color: var(--added); }
        .changes .removed, .paths .before { color: var(--removed); }
        .changes .changed, .changes .renamed { color: var(--changed); }
        .findings .error strong { color: var(--removed); }
        .findings .warning strong { color: var(--changed); }
        .picture { margin: 0; padding: .5rem; background: #ffffff; border: 1px solid var(--line);
          border-radius: 6px; overflow-x: auto; }
        .picture svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
        @media print { :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; }
          main { max-width: none; padding: 0; } .scroll, .picture { overflow: visible; }
          section.flow { break-before: page; } section.flow:first-of-type { break-before: auto; }
          tr, li, .picture { break-inside: avoid; } }
        """
}
