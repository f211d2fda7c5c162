import Execution

/// Learning curves: the objective metric of every trial against its step; pruned trials in
/// orange with a cross where they were stopped, the best trial drawn last and thicker. Past
/// `Density.threshold` points, a density of every point with the curves of the best
/// `Density.highlighted` trials over it.
public enum LearningCurvesChart {
    /// The chart of `report`'s curves, as an inline `<svg>`.
    public static func svg(_ report: RunReport) -> String {
        let frame = ChartFrame(width: 720, height: 300)
        var svg = SVG(name: "curves", width: frame.width, height: frame.height)
        let curves = report.curves.filter { !$0.value.isEmpty }
        let values = curves.values.flatMap { $0.map(\.value) }.filter(\.isFinite)
        let log = wantsLog(values)
        let x = Scale(covering: curves.values.flatMap { $0.map { Double($0.step) } }, from: frame.x0, to: frame.x1)
        let y = Scale(covering: values, from: frame.y0, to: frame.y1, log: log)
        frame.axes(&svg, x: x, y: y, xLabel: "step", yLabel: report.run.metric + (log ? " (log)" : ""))
        let states = Dictionary(uniqueKeysWithValues: report.snapshot.trials.map { ($0.number, $0.state) })
        let best = report.snapshot.summary.best?.number
        // Past the threshold: every point as a density, then the best trials' curves alone.
        var drawn = Array(curves.keys)
        let total = curves.values.reduce(0) { $0 + $1.count }
        if total > Density.threshold {
            let all = curves.values.flatMap { $0.filter { $0.value.isFinite }.map { (x(Double($0.step)), y($0.value)) } }
            Density(all).draw(&svg, color: "#3b6fb6",
                              title: "\(total) points of \(curves.count) trials, shaded by how many fall in each square")
            let top = Set(report.bestScored(Density.highlighted).map(\.number) + (best.map { [$0] } ?? []))
            drawn = drawn.filter(top.contains)
        }
        for number in drawn.sorted(by: { a, b in (a == best ? 1 : 0, a) < (b == best ? 1 : 0, b) }) {
            let points = curves[number]!.filter { $0.value.isFinite }
            let state = states[number] ?? .running
            let path = points.map { (x(Double($0.step)), y($0.value)) }
            let isBest = number == best
            svg.polyline(path, stroke: isBest ? "#2e8b57" : ChartFrame.color(state), width: isBest ? 3 : 1.2,
                         opacity: isBest ? 1 : 0.6, title: "trial \(number) (\(state.rawValue))")
            // A curve of one report (a metric logged once) is a dot, not nothing.
            if path.count == 1 {
                svg.dots(path, color: isBest ? "#2e8b57" : ChartFrame.color(state), diameter: isBest ? 7 : 5,
                         title: "trial \(number) (\(state.rawValue))")
            }
            if state == .pruned, let last = path.last {
                svg.line(last.0 - 4, last.1 - 4, last.0 + 4, last.1 + 4, stroke: "#e8913a", width: 2)
                svg.line(last.0 - 4, last.1 + 4, last.0 + 4, last.1 - 4, stroke: "#e8913a", width: 2)
            }
        }
        return svg.text
    }

    /// Whether values are best read on a log axis: all positive, spanning more than 100×.
    static func wantsLog(_ values: [Double]) -> Bool {
        values.allSatisfy { $0 > 0 } && (values.max() ?? 1) / max(values.min() ?? 1, 1e-300) > 100
    }
}
