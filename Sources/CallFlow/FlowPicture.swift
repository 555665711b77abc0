/// A flow as a graph to draw: the main block and every action block a node, every exit a
/// labelled edge. Written as Graphviz DOT or Mermaid text; `comparing` marks a change (added
/// green, removed red, changed orange), for reviews where a picture says more than a list.
public struct FlowPicture {
    public enum Mark: String, Sendable { case same, added, removed, changed }

    public struct Node {
        public var id: String
        public var lines: [String]
        public var mark: Mark
    }

    public struct Edge {
        public var from: String
        public var to: String
        public var label: String
        public var mark: Mark
    }

    public var title: String
    public var nodes: [Node] = []
    public var edges: [Edge] = []

    /// The node standing for the main block; block ids are slugs, so none can be this.
    public static let mainNode = "main block"

    public init(_ flow: Flow, catalog: Catalog = .standard) {
        self.init(comparing: flow, with: flow, catalog: catalog)
    }

    /// One picture of the change from `old` to `new`.
    public init(comparing old: Flow, with new: Flow, catalog: Catalog = .standard) {
        title = new.main.name
        // A renamed block is the same block: drawn once, changed, with the arrows that lead to
        // it unchanged (as diff shows a rename as one).
        let sameIDs = old.blocks.count == new.blocks.count && old.blocks.keys.allSatisfy { new.blocks[$0] != nil }
        let renames = sameIDs ? [:] : FlowDiff.renamedBlocks(from: old, to: new)
        let old = renames.isEmpty ? old : Self.renaming(old, renames)
        let mainChanged = old.main != new.main
        nodes.append(Node(id: Self.mainNode, lines: Self.mainLines(new.main), mark: mainChanged ? .changed : .same))
        let ids = Set(old.blocks.keys).union(new.blocks.keys)
        let order = new.blocksInCallOrder.map(\.id) + old.blocksInCallOrder.map(\.id).filter { new.blocks[$0] == nil }
        for id in order where ids.contains(id) {
            let block = new.blocks[id] ?? old.blocks[id]!
            let mark: Mark =
                switch (old.blocks[id], new.blocks[id]) {
                case (nil, _): .added
                case (_, nil): .removed
                case (let before?, let after?): before == after ? .same : .changed
                }
            var lines = Self.blockLines(block, catalog: catalog)
            if let from = renames[id] { lines.append("renamed from \(from)") }
            nodes.append(Node(id: id, lines: lines, mark: renames[id] != nil ? .changed : mark))
        }
        let (before, after) = (Self.arrows(of: old), Self.arrows(of: new))
        for arrow in before.union(after).sorted(by: { Self.edgeOrder($0.sortKey, $1.sortKey) }) {
            let mark: Mark = !before.contains(arrow) ? .added : !after.contains(arrow) ? .removed : .same
            edges.append(Edge(from: arrow.from, to: arrow.to, label: arrow.label, mark: mark))
        }
    }

    /// `flow` with its blocks renamed (`renames`: new id to old id), and every exit to them.
    private static func renaming(_ flow: Flow, _ renames: [String: String]) -> Flow {
        let newID = Dictionary(renames.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var renamed = flow
        renamed.main.start = flow.main.start.map { newID[$0] ?? $0 }
        renamed.blocks = [:]
        for var block in flow.blocks.values {
            block.id = newID[block.id] ?? block.id
            block.exits = block.exits.mapValues { newID[$0] ?? $0 }
            renamed.blocks[block.id] = block
        }
        return renamed
    }

    /// An exit as drawn, without its mark: what two versions of a flow are compared by.
    private struct Arrow: Hashable {
        var from: String
        var label: String
        var to: String

        /// Main block first, then in natural order by source, exit and target.
        var sortKey: String { "\(from)\u{0}\(label)\u{0}\(to)" }
    }

    private static func arrows(of flow: Flow) -> Set<Arrow> {
        var found = Set<Arrow>()
        if let start = flow.main.start { found.insert(Arrow(from: mainNode, label: "start", to: start)) }
        for block in flow.blocks.values {
            for (exit, target) in block.exits { found.insert(Arrow(from: block.id, label: exit, to: target)) }
        }
        return found
    }

    private static func edgeOrder(_ a: String, _ b: String) -> Bool {
        a.hasPrefix(mainNode) != b.hasPrefix(mainNode) ? a.hasPrefix(mainNode) : BlockOrder.natural(a, b)
    }

    private static func mainLines(_ main: MainBlock) -> [String] {
        var lines = [main.name]
        if let ext = main.extension { lines.append("extension \(ext)") }
        if !main.numbers.isEmpty { lines.append(main.numbers.joined(separator: ", ")) }
        if let seat = main.seat { lines.append("seat \(seat)") }
        return lines
    }

    /// The id and type, then the required parameters (the ones that say what the block does).
    private static func blockLines(_ block: Block, catalog: Catalog) -> [String] {
        var lines = ["\(block.id) (\(block.type))"]
        let key = catalog.type(named: block.type)?.parameters.filter(\.required).map(\.name) ?? []
        for name in key + (block.type == "webhook" ? ["method"] : []) {
            guard let value = block.parameters[name] else { continue }
            let text = value.inlineText
            lines.append("\(name): " + (text.count > 40 ? text.prefix(39) + "\u{2026}" : text))
        }
        return lines
    }

    // MARK: DOT

    public var dot: String {
        var out = ["digraph flow {"]
        out.append("  graph [label=\(Self.dotString(title)), labelloc=t, fontname=\"Helvetica\"];")
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];")
        out.append("  edge [fontname=\"Helvetica\"];")
        for node in nodes {
            var attributes = ["label=\(Self.dotString(node.lines.joined(separator: "\n")))"]
            if node.id == Self.mainNode { attributes.append("shape=doubleoctagon") }
            attributes += Self.dotStyle(node.mark, filled: true)
            out.append("  \(Self.dotString(node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for edge in edges {
            let attributes = ["label=\(Self.dotString(edge.label))"] + Self.dotStyle(edge.mark, filled: false)
            out.append(
                "  \(Self.dotString(edge.from)) -> \(Self.dotString(edge.to)) [\(attributes.joined(separator: ", "))];")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    private static func dotStyle(_ mark: Mark, filled: Bool) -> [String] {
        let (color, fill): (String, String)
        switch mark {
        case .same: return []
        case .added: (color, fill) = ("darkgreen", "palegreen")
        case .removed: (color, fill) = ("red3", "mistyrose")
        case .changed: (color, fill) = ("darkorange3", "moccasin")
        }
        var style = ["color=\(color)", "penwidth=2", "class=\(mark.rawValue)"]
        if filled { style.append("fillcolor=\(fill)") } else { style.append("fontcolor=\(color)") }
        if mark == .removed { style.append(filled ? "style=\"rounded,filled,dashed\"" : "style=dashed") }
        return style
    }

    /// A DOT quoted string; newlines become centred line breaks.
    static func dotString(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }

    // MARK: Mermaid

    public var mermaid: String {
        var out = ["---", "title: \(Self.mermaidText(title))", "---", "flowchart TD"]
        var names: [String: String] = [:]
        for (index, node) in nodes.enumerated() { names[node.id] = "n\(index)" }
        for node in nodes {
            let label = "\"" + node.lines.map(Self.mermaidText).joined(separator: "<br/>") + "\""
            let shape = node.id == Self.mainNode ? "{{\(label)}}" : "(\(label))"
            out.append("    \(names[node.id]!)\(shape)")
        }
        for (index, edge) in edges.enumerated() {
            guard let from = names[edge.from], let to = names[edge.to] else { continue }
            let arrow = edge.mark == .removed ? "-.->" : "-->"
            out.append("    \(from) \(arrow)|\"\(Self.mermaidText(edge.label))\"| \(to)")
            if let color = Self.mermaidColor(edge.mark) {
                out.append("    linkStyle \(index) stroke:\(color),stroke-width:2px")
            }
        }
        for mark in [Mark.added, .removed, .changed] {
            let marked = nodes.filter { $0.mark == mark }.compactMap { names[$0.id] }
            guard !marked.isEmpty, let color = Self.mermaidColor(mark) else { continue }
            out.append("    classDef \(mark.rawValue) stroke:\(color),stroke-width:2px")
            out.append("    class \(marked.joined(separator: ",")) \(mark.rawValue)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func mermaidColor(_ mark: Mark) -> String? {
        switch mark {
        case .same: nil
        case .added: "green"
        case .removed: "red"
        case .changed: "orange"
        }
    }

    /// Mermaid labels are quoted: quotes and markup characters become entities.
    private static func mermaidText(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
