/// A table of aligned columns for the terminal, fitted to a width: columns are two spaces
/// apart, and while the table is too wide the shrinkable columns of the first tier narrow
/// (the widest first, down to their minimum), then those of the next tier; a cell cut
/// short shows `…` where text was left out. Trailing spaces are trimmed. Widths count
/// characters (grapheme clusters).
struct TextTable {
    /// How a column's cells sit in their width.
    enum Alignment {
        case left, right
    }

    /// Where a cut cell loses its text.
    enum Cut {
        /// Keep the start: `pruned by the m…` (prose).
        case end
        /// Keep both ends: `/datas…f-01024` (paths and names, which often differ only at the end).
        case middle
    }

    /// One column.
    struct Column {
        /// The header (cut like any cell when the column is narrower).
        var header: String
        /// Numbers to the right, text to the left.
        var alignment: Alignment = .left
        /// Whether the column may be narrowed to fit the width.
        var shrinkable = false
        /// The narrowest a shrinkable column becomes.
        var minimumWidth = 8
        /// Shrinkable columns of tier 0 narrow first, then those of tier 1, and so on.
        var tier = 0
        /// Where a cell too long for the column loses its text.
        var cut = Cut.end
    }

    /// What `render` gives back.
    struct Rendered {
        /// The header line, then a line per row.
        var lines: [String]
        /// The cells that were cut short, as (row, column) indices into `rows`.
        var truncated: Set<Cell>
    }

    /// A cell's position.
    struct Cell: Hashable {
        var row: Int
        var column: Int
    }

    /// The columns.
    var columns: [Column]
    /// The rows: one string per column each.
    var rows: [[String]] = []

    /// The table in at most `width` characters a line, when its shrinkable columns allow.
    func render(width: Int) -> Rendered {
        var widths = columns.indices.map { i in
            rows.reduce(columns[i].header.count) { max($0, $1[i].count) }
        }
        let gaps = 2 * max(0, columns.count - 1)
        var excess = widths.reduce(gaps, +) - width
        for tier in Set(columns.map(\.tier)).sorted() where excess > 0 {
            while excess > 0 {
                // The widest candidate gives up characters until it is as narrow as the next
                // widest (or the excess is gone), so the longest cells are cut first.
                let candidates = columns.indices.filter {
                    columns[$0].tier == tier && columns[$0].shrinkable && widths[$0] > columns[$0].minimumWidth
                }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                let others = candidates.filter { $0 != widest }.map { widths[$0] }.max() ?? 0
                let floor = max(columns[widest].minimumWidth, others)
                let cut = max(1, min(excess, widths[widest] - floor))
                widths[widest] -= cut
                excess -= cut
            }
        }
        var truncated = Set<Cell>()
        func line(_ cells: [String], row: Int?) -> String {
            var out = ""
            for (i, text) in cells.enumerated() {
                var cell = text
                if cell.count > widths[i] {
                    cell = TextTable.shorten(cell, to: widths[i], cut: columns[i].cut)
                    if let row { truncated.insert(Cell(row: row, column: i)) }
                }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { out += "  " }
                out += columns[i].alignment == .right ? pad + cell : cell + pad
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        var lines = [line(columns.map(\.header), row: nil)]
        for (r, row) in rows.enumerated() { lines.append(line(row, row: r)) }
        return Rendered(lines: lines, truncated: truncated)
    }

    /// `text` in `width` characters, `…` standing for what was left out.
    static func shorten(_ text: String, to width: Int, cut: Cut) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(repeating: "…", count: width) }
        switch cut {
        case .end:
            return text.prefix(width - 1) + "…"
        case .middle:
            let head = (width - 1) / 2
            return text.prefix(head) + "…" + text.suffix(width - 1 - head)
        }
    }
}
