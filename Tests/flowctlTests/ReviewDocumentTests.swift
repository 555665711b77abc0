import Foundation
import TestSupport
import Testing

/// `review` of a pull request of several flows, as Markdown: compared with the document a person
/// would write by hand, read by GitHub's own Markdown parser (cmark-gfm), and its Mermaid
/// pictures compared with what Graphviz reads from the same picture's DOT.
@Suite struct ReviewDocumentTests {
    let session: Session
    let vm = Session.mailbox

    init() throws {
        session = try .withThreeFlowChange()
    }

    @Test func aChangeOfThreeFlowsReadsAsAPersonWouldWriteIt() throws {
        let document = try session.expect("review", "--all").stdout
        let (billingOld, billingNew) = (try session.short("origin/flows/billing"), try session.short("flows/billing"))
        let (hoursOld, hoursNew) = (
            try session.short("origin/flows/office-hours"), try session.short("flows/office-hours")
        )
        let (lineOld, lineNew) = (
            try session.short("origin/flows/support-line"), try session.short("flows/support-line")
        )
        let seat =
            "- main: seat: Kazoo callflows have no seat: kept in flowctl's notes, not used by the engine (already before)"
        let expected = """
            # Review: every flow against origin

            - **Billing** (`billing`): 2 changes, no call path changes, no new problems
            - **Office Hours** (`office-hours`): 1 change, 1 call path changes, no new problems
            - **Support Line** (`support-line`): 1 change, 2 call paths change, no new problems

            ## Billing (`billing`)

            From origin/flows/billing (\(billingOld)) to the flow as edited: 2 changes, no call path changes, no new problems.

            ### Saves

            | Save | Author | Date | Message |
            | --- | --- | --- | --- |
            | `\(billingNew)` | Ada Admin | 2026-12-02T09:30:00+01:00 | Name the mailbox block |

            ### Changes

            - block greet: next: vm → messages
            - block vm: renamed to messages

            ### Picture

            ```mermaid
            ---
            title: Billing
            ---
            flowchart TD
                n0{{"Billing<br/>extension 103<br/>seat carol"}}
                n1("greet (play)<br/>media: billing.mp3")
                n2("messages (voicemail)<br/>mailbox: \(vm)<br/>renamed from vm")
                n0 -->|"start"| n1
                n1 -->|"next"| n2
                classDef changed stroke:orange,stroke-width:2px
                class n2 changed
            ```

            ### Effect on calls

            No call goes differently (1 path walked).

            ### Validate

            No problems.

            ### Engine export

            \(seat)

            ## Office Hours (`office-hours`)

            From origin/flows/office-hours (\(hoursOld)) to the last save (\(hoursNew)): 1 change, 1 call path changes, no new problems.

            ### Saves

            | Save | Author | Date | Message |
            | --- | --- | --- | --- |
            | `\(hoursNew)` | Ada Admin | 2026-12-02T09:30:00+01:00 | Open until six |

            ### Changes

            - block hours: rules: {open: mon-fri 09:00-17:00} → {open: mon-fri 09:00-18:00}

            ### Picture

            ```mermaid
            ---
            title: Office Hours
            ---
            flowchart TD
                n0{{"Office Hours<br/>extension 102<br/>seat bob"}}
                n1("hours (time-of-day)<br/>rules: {open: mon-fri 09:00-18:00}")
                n2("closed (voicemail)<br/>mailbox: \(Session.closedMailbox)")
                n3("desk (voicemail)<br/>mailbox: \(vm)")
                n0 -->|"start"| n1
                n1 -->|"default"| n2
                n1 -->|"open"| n3
                classDef changed stroke:orange,stroke-width:2px
                class n1 changed
            ```

            ### Effect on calls

            1 of 3 call paths changes (times in America/New\\_York):

            | Call | Before | After |
            | --- | --- | --- |
            | mon-fri 17:00-18:00 | voicemail \(Session.closedMailbox) | voicemail \(vm) |

            2 paths did not change.

            ### Validate

            No problems.

            ### Engine export

            \(seat)

            ## Support Line (`support-line`)

            From origin/flows/support-line (\(lineOld)) to the last save (\(lineNew)): 1 change, 2 call paths change, no new problems.

            ### Saves

            | Save | Author | Date | Message |
            | --- | --- | --- | --- |
            | `\(lineNew)` | Ada Admin | 2026-12-02T09:30:00+01:00 | Send 1 to sales |

            ### Changes

            - block menu: exits.1: vm → sales

            ### Picture

            ```mermaid
            ---
            title: Support Line
            ---
            flowchart TD
                n0{{"Support Line<br/>extension 101<br/>seat alice"}}
                n1("menu (menu)<br/>prompt: choose.mp3")
                n2("sales (ring-group)<br/>members: [alice, bob]")
                n3("vm (voicemail)<br/>mailbox: \(vm)")
                n0 -->|"start"| n1
                n1 -->|"1"| n2
                linkStyle 1 stroke:green,stroke-width:2px
                n1 -.->|"1"| n3
                linkStyle 2 stroke:red,stroke-width:2px
                n1 -->|"2"| n2
                n2 -->|"next"| n3
                classDef changed stroke:orange,stroke-width:2px
                class n1 changed
            ```

            ### Effect on calls

            2 of 6 call paths change:

            | Call | Before | After |
            | --- | --- | --- |
            | caller presses 1 | menu plays choose.mp3 → voicemail \(vm) | menu plays choose.mp3 → ring group alice, bob at once, each 20 s (20 s in all), unanswered → voicemail \(vm) |
            | caller presses 1, answered at the ringing | no such ringing on this path | menu plays choose.mp3 → ring group alice, bob at once, each 20 s (20 s in all), answered |

            4 paths did not change.

            ### Validate

            No problems.

            ### Engine export

            \(seat)

            """
        #expect(document == expected)
        // The same repository gives the same bytes, in every format.
        #expect(try session.expect("review", "--all").stdout == document)
        let page = try session.expect("review", "--all", "--format", "html").stdout
        #expect(try session.expect("review", "--all", "--format", "html").stdout == page)
        let json = try session.expect("review", "--all", "--json").stdout
        #expect(try session.expect("review", "--all", "--format", "json").stdout == json)
    }

    @Test func theMarkdownIsWhatGitHubsParserReadsAndItsPicturesAreGraphvizs() throws {
        let document = try session.expect("review", "--all").stdout
        let html = try gfm(document)
        #expect(html.components(separatedBy: "<table>").count - 1 == 5)  // 3 saves, 2 effects
        #expect(html.contains("<h2>Office Hours (<code>office-hours</code>)</h2>"))
        #expect(html.contains("1 of 3 call paths changes (times in America/New_York):"))
        #expect(html.contains("<td>caller presses 1, answered at the ringing</td>"))
        // Raw HTML: none here (nothing is long enough to fold), which GitHub would drop.
        #expect(!(try gfm(document, unsafe: false)).contains("raw HTML omitted"))
        let blocks = html.components(separatedBy: "<pre lang=\"mermaid\"><code>").dropFirst().map {
            Self.unescape(String($0.prefix { $0 != "<" }))
        }
        let object = try JSONSerialization.jsonObject(
            with: Data(session.expect("review", "--all", "--json").stdout.utf8))
        let flows = try #require((object as? [String: Any])?["flows"] as? [[String: Any]])
        #expect(blocks.count == 3 && flows.count == 3)
        for (block, flow) in zip(blocks, flows) {
            let picture = try #require(flow["picture"] as? [String: String])
            #expect(block == picture["mermaid"])
            #expect(try Self.mermaidEdges(block) == (try graphvizEdges(picture["dot"]!)), "\(flow["id"]!)")
        }
    }

    @Test func longSectionsFoldIntoDetailsThatTheHostsKeep() throws {
        try session.expect("open", "support-line")
        for index in 1...11 {
            try session.expect("add-block", "play", "--id", "p\(index)", "--set", "media=\(index).mp3")
        }
        let document = try session.expect("review").stdout
        #expect(document.contains("<details><summary>11 changes</summary>\n\n- block p1: added"))
        let html = try gfm(document)
        // Markdown inside <details> is still Markdown: the list is a list.
        let folded = try #require(html.components(separatedBy: "<details><summary>11 changes</summary>").last)
        #expect(folded.hasPrefix("\n<ul>\n<li>block p1: added (play: media=1.mp3, answer=true)</li>"))
    }

    @Test func badRangesAndScopesAreRefusedAndChangeNothing() throws {
        let before = try session.snapshot()
        for (arguments, message) in [
            (["review", "support-line", "a..b..c"], "'a..b..c' is not a range"),
            (["review", "support-line", "..@"], "is not a range"),
            (["review", "support-line", "@~9..@"], "flow 'support-line' has only 3 saves"),
            (["review", "support-line"], "flow 'support-line' is not open, so it has no unsaved edits"),
            (["review", "--all", "--against", "upstream"], "no remote is called 'upstream'"),
            (["review", "--all", "support-line"], "--all compares every flow with a remote"),
            (["review", "support-line", "@~1", "--against", "origin"], "give a range or --against, not both"),
            (["review", "--format", "pdf"], "pdf"),
        ] {
            let result = try run(Session.binary, arguments, in: session.repo, environment: session.environment)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try session.snapshot() == before)
    }

    @Test func unsavedEditsAndTheUpstreamAreRangesToo() throws {
        try session.git("branch", "-q", "--set-upstream-to=origin/flows/billing", "flows/billing")
        let upstream = try session.expect("review", "billing", "@{u}", "--json").stdout
        #expect(upstream.contains("\"from\" : \"@{u} (\(try session.short("origin/flows/billing")))\""))
        #expect(upstream.contains("\"kind\" : \"renamed\""))
        try session.expect("set", "greet", "media=other.mp3")
        let edits = try session.expect("review").stdout
        #expect(edits.hasPrefix("# Review: billing: the last save to unsaved edits\n"))
        #expect(edits.contains("- block greet: media: billing.mp3 → other.mp3"))
        #expect(
            edits.contains(
                "| every call | play media=billing.mp3, answer=true → voicemail \(vm) | play media=other.mp3, answer=true → voicemail \(vm) |"
            ))
        #expect(!edits.contains("### Saves"))
    }

    /// The document as cmark-gfm renders it (see Tests/Fixtures/gfm.py).
    func gfm(_ markdown: String, unsafe: Bool = true) throws -> String {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gfm.py").path
        let result = try run(
            HTTPBin.python, [script] + (unsafe ? ["--unsafe"] : []), in: session.repo, environment: session.environment,
            input: markdown)
        guard result.status == 0 else {
            throw ScenarioError(description: "gfm.py (run scripts/install-deps --venv): \(result.stderr)")
        }
        return result.stdout
    }

    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A drawn exit: the first label lines of its ends, its label, and whether it is dashed.
    struct Edge: Hashable {
        var from, label, to: String
        var dashed: Bool
    }

    /// The exits of a Mermaid flowchart as FlowPicture writes one (`n1 -->|"1"| n2`).
    static func mermaidEdges(_ text: String) throws -> Set<Edge> {
        var names: [String: String] = [:]
        var edges = Set<Edge>()
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if let match = line.firstMatch(of: /^(n\d+)(?:\{\{|\()"([^"<]*)/) {
                names[String(match.1)] = String(match.2)
            } else if let match = line.firstMatch(of: /^(n\d+) (-->|-\.->)\|"([^"]*)"\| (n\d+)$/) {
                edges.insert(
                    Edge(
                        from: try #require(names[String(match.1)]), label: String(match.3),
                        to: try #require(names[String(match.4)]), dashed: match.2 == "-.->"))
            }
        }
        return edges
    }

    /// The same from Graphviz's own reading of the DOT (`dot -Tjson`).
    func graphvizEdges(_ dot: String) throws -> Set<Edge> {
        let result = try run("/usr/bin/dot", ["-Tjson"], in: session.repo, environment: session.environment, input: dot)
        let graph = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let objects = try #require(graph["objects"] as? [[String: Any]])
        let firstLines = objects.map { (($0["label"] as? String) ?? "").components(separatedBy: "\\n")[0] }
        return Set(
            try (graph["edges"] as? [[String: Any]] ?? []).map { edge in
                Edge(
                    from: firstLines[try #require(edge["tail"] as? Int)], label: edge["label"] as? String ?? "",
                    to: firstLines[try #require(edge["head"] as? Int)], dashed: (edge["style"] as? String) == "dashed")
            })
    }
}
