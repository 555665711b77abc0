/// Rows of cells lined up in columns, two spaces apart, as `git branch -vv` lines them up; on a
/// terminal, fitted to its width: the columns that matter least give up room first, each down
/// to a few characters (cut with an ellipsis), then, on a very narrow terminal, whole columns
/// go, least kept first, so that what a user reads a row by (a flow's name) is cut last. No line
/// is ever wider than the terminal; on a pipe every value is whole.
struct Table {
    /// A column's room: it may shrink to `minimum`, and columns with a lower `keep` shrink (and
    /// go) first. A column that is not `droppable` always shows; the `cutLast` one shrinks only
    /// when every other column has given all it can.
    struct Column {
        var minimum: Int
        var keep: Int
        var droppable = true
        var cutLast = false
    }

    var columns: [Column]

    func lines(_ rows: [[String]], width: Int?) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        var widths = (0..<count).map { column in
            rows.map { $0.count > column ? Terminal.visibleWidth($0[column]) : 0 }.max() ?? 0
        }
        var shown = Array(repeating: true, count: count)
        if let width { fit(&widths, &shown, to: width) }
        return rows.map { row in
            let cells = row.indices.filter { shown[$0] }
            let line = cells.map { column in
                let fitted = Self.cut(row[column], to: widths[column])
                let padding = String(repeating: " ", count: max(0, widths[column] - Terminal.visibleWidth(fitted)))
                return column == cells.last ? fitted : fitted + padding
            }.joined(separator: "  ")
            let trimmed = String(line.reversed().drop { $0 == " " }.reversed())
            return width.map { Self.cut(trimmed, to: $0) } ?? trimmed
        }
    }

    /// Narrows `widths` until a row fits `width`: the columns shrink to their minimum, least kept
    /// first, then the droppable ones go, then the one cut last shrinks.
    private func fit(_ widths: inout [Int], _ shown: inout [Bool], to width: Int) {
        func excess() -> Int {
            let visible = widths.indices.filter { shown[$0] }
            return visible.map { widths[$0] }.reduce(0, +) + 2 * max(0, visible.count - 1) - width
        }
        let order = widths.indices.sorted { column($0).keep < column($1).keep }
        func shrink(_ index: Int) {
            widths[index] = max(min(widths[index], column(index).minimum), widths[index] - excess())
        }
        for index in order where !column(index).cutLast && excess() > 0 { shrink(index) }
        for index in order where column(index).droppable && excess() > 0 { shown[index] = false }
        for index in order where column(index).cutLast && excess() > 0 { shrink(index) }
    }

    private func column(_ index: Int) -> Column {
        index < columns.count ? columns[index] : Column(minimum: 1, keep: 0)
    }

    /// `text` in at most `width` characters, an ellipsis standing for what was cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard Terminal.visibleWidth(text) > width else { return text }
        // A cut cell loses its colour, so that no colour is left open.
        let plain = Terminal.visibleWidth(text) == text.count ? text : Terminal.plain(text)
        return width <= 0 ? "" : String(plain.prefix(width - 1)) + "\u{2026}"
    }
}
