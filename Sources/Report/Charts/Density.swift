import Foundation

/// How a chart of many points stays light: past `threshold` points it draws where they lie,
/// not each one. The plotting area is cut into square cells of `cell` pixels; every cell
/// holding points is a square shaded by how many (5 levels on a log scale of the count, one
/// `<path>` per level), so 10,000 points cost a few hundred squares and 5 elements. The
/// charts then draw the best `highlighted` trials on top, as they would draw every trial.
struct Density {
    /// Past this many points (or lines) a chart aggregates.
    static let threshold = 2000
    /// The best trials a chart still draws one by one over its density.
    static let highlighted = 20

    let cell: Double
    /// Points per cell, by (column, row).
    private(set) var counts: [Cell: Int] = [:]

    struct Cell: Hashable, Comparable {
        let column: Int, row: Int
        static func < (a: Cell, b: Cell) -> Bool { (a.row, a.column) < (b.row, b.column) }
    }

    /// The cells of `points` (pixel coordinates).
    init(_ points: [(Double, Double)], cell: Double = 10) {
        self.cell = cell
        for (x, y) in points where x.isFinite && y.isFinite {
            counts[Cell(column: Int((x / cell).rounded(.down)), row: Int((y / cell).rounded(.down))), default: 0] += 1
        }
    }

    /// A count's shade, 1…5: log-scaled against the fullest cell, so a lone point still shows.
    func level(_ count: Int) -> Int {
        let most = counts.values.max() ?? 1
        guard most > 1 else { return 1 }
        return 1 + Int((4 * log(Double(count)) / log(Double(most))).rounded(.down))
    }

    /// The squares, in `color`, from faint (level 1) to dense (level 5); `title` on each level
    /// says what is shaded.
    func draw(_ svg: inout SVG, color: String, title: String) {
        var byLevel: [Int: [Cell]] = [:]
        for (cell, count) in counts { byLevel[level(count), default: []].append(cell) }
        for level in byLevel.keys.sorted() {
            let side = SVG.n(cell)
            let d = byLevel[level]!.sorted().map { "M\(SVG.n(Double($0.column) * cell)) \(SVG.n(Double($0.row) * cell))h\(side)v\(side)h-\(side)z" }
                .joined()
            svg.area(d, fill: color, opacity: 0.1 + 0.15 * Double(level - 1), title: title)
        }
    }
}
