import Execution

/// One metric's last value per trial against the trial's number, coloured by the trial's
/// state: the compact chart of a metric that is not the objective (a single `<path>` of dots
/// per state, so a metric costs about 12 bytes a trial). Past `Density.threshold` trials, a
/// density of them (a metric other than the objective has no best to highlight).
enum MetricHistoryChart {
    /// The chart of metric `name`, whose last value per trial is `values`, as an inline `<svg>`
    /// named `metric`; `height` smaller for the dashboard's panes.
    static func svg(_ report: RunReport, name: String, values: [Int: Double], height: Double = 220) -> String {
        let frame = ChartFrame(width: 720, height: height)
        var svg = SVG(name: "metric", width: frame.width, height: frame.height)
        let finite = values.filter { $0.value.isFinite }
        let log = LearningCurvesChart.wantsLog(Array(finite.values))
        let x = Scale(covering: report.snapshot.trials.map { Double($0.number) }, from: frame.x0, to: frame.x1)
        let y = Scale(covering: Array(finite.values), from: frame.y0, to: frame.y1, log: log)
        frame.axes(&svg, x: x, y: y, xLabel: "trial", yLabel: "last " + name + (log ? " (log)" : ""))
        if finite.count > Density.threshold {
            let points = report.snapshot.trials.compactMap { t in finite[t.number].map { (x(Double(t.number)), y($0)) } }
            Density(points).draw(&svg, color: "#3b6fb6", title: "\(points.count) trials, shaded by how many fall in each square")
            return svg.text
        }
        var byColor: [String: [(Double, Double)]] = [:]
        for trial in report.snapshot.trials {
            guard let value = finite[trial.number] else { continue }
            byColor[ChartFrame.color(trial.state), default: []].append((x(Double(trial.number)), y(value)))
        }
        for color in byColor.keys.sorted() { svg.dots(byColor[color]!, color: color) }
        return svg.text
    }
}
