extension ChartFrame {
    /// A legend in the plot's top right corner: a swatch and a label per entry, one a line.
    func legend(_ svg: inout SVG, _ entries: [(label: String, color: String)]) {
        let longest = entries.map(\.label.count).max() ?? 0
        let left = x1 - 24 - Double(min(longest, 40)) * 6.2
        for (i, entry) in entries.enumerated() {
            let y = y1 + 10 + Double(i) * 14
            svg.rect(left, y - 7, 14, 4, fill: entry.color)
            svg.text(left + 18, y - 2, String(entry.label.prefix(40)), size: 11)
        }
    }
}
