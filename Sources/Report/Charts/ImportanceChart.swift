import Execution

/// Parameter importance as horizontal bars, most important first.
enum ImportanceChart {
    static func svg(_ importance: [(String, Double)]) -> String {
        let sorted = importance.sorted { $0.1 > $1.1 }
        let frame = ChartFrame(width: 720, height: Double(max(1, sorted.count)) * 26 + 30, left: 140, right: 60, top: 10,
                               bottom: 20)
        var svg = SVG(name: "importance", width: frame.width, height: frame.height)
        for (i, (name, share)) in sorted.enumerated() {
            let top = frame.y1 + Double(i) * 26
            svg.text(frame.x0 - 8, top + 15, name, anchor: "end", size: 12)
            svg.rect(frame.x0, top + 4, share * (frame.x1 - frame.x0), 16, fill: "#3b6fb6",
                     title: "\(name): \(Scale.label(share))")
            svg.text(frame.x0 + share * (frame.x1 - frame.x0) + 6, top + 16, Scale.label((share * 1000).rounded() / 1000),
                     size: 11)
        }
        return svg.text
    }
}
