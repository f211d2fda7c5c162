import Execution

/// Optimization history: each trial's objective against its number (pruned trials at their
/// last reported value), and the best so far as a step line. Past `Density.threshold` trials,
/// a density of them with the best `Density.highlighted` drawn as dots.
enum HistoryChart {
    static func svg(_ report: RunReport) -> String {
        let frame = ChartFrame(width: 720, height: 300)
        var svg = SVG(name: "history", width: frame.width, height: frame.height)
        let points: [(TrialRecord, Double)] = report.snapshot.trials.compactMap { trial in
            if trial.state == .succeeded, let y = trial.objective, y.isFinite { return (trial, y) }
            if trial.state == .pruned, let last = report.curves[trial.number]?.last?.value, last.isFinite { return (trial, last) }
            return nil
        }
        let values = points.map(\.1)
        let positive = values.allSatisfy { $0 > 0 }
        let log = positive && (values.max() ?? 1) / max(values.min() ?? 1, 1e-300) > 100
        let x = Scale(covering: report.snapshot.trials.map { Double($0.number) }, from: frame.x0, to: frame.x1)
        let y = Scale(covering: values, from: frame.y0, to: frame.y1, log: log)
        frame.axes(&svg, x: x, y: y, xLabel: "trial", yLabel: report.run.metric + (log ? " (log)" : ""))
        var best: Double?
        var steps: [(Double, Double)] = []
        var last: Int?
        for (trial, value) in points.sorted(by: { $0.0.number < $1.0.number }) where trial.state == .succeeded {
            let improved = best.map { report.minimizes ? value < $0 : value > $0 } ?? true
            if improved {
                if let best { steps.append((x(Double(trial.number)), y(best))) }
                best = value
                steps.append((x(Double(trial.number)), y(value)))
            }
            last = trial.number
        }
        // Only the corners: a run of 10,000 trials that improved 15 times is a line of 31 points.
        if let best, let last, steps.last?.0 != x(Double(last)) { steps.append((x(Double(last)), y(best))) }
        svg.polyline(steps, stroke: "#4aa564", width: 2, title: "best so far")
        // Past the threshold: where the trials lie (a density), then the best ones as dots.
        var shown = points
        if points.count > Density.threshold {
            Density(points.map { (x(Double($0.0.number)), y($0.1)) })
                .draw(&svg, color: "#3b6fb6", title: "\(points.count) trials, shaded by how many fall in each square")
            shown = report.bestScored(Density.highlighted).map { ($0, $0.objective!) }
        }
        for (trial, value) in shown {
            svg.circle(x(Double(trial.number)), y(value), radius: 3.5, fill: ChartFrame.color(trial.state),
                       title: "trial \(trial.number) \(trial.state.rawValue): \(Scale.label(value))")
        }
        return svg.text
    }
}
