import Execution

/// One metric of one trial against step, small: the trial page draws one per metric. A
/// metric reported once (a final accuracy) is a dot, not an empty chart.
public enum MetricCurveChart {
    /// The chart of `points` (one metric, in stored order; NaN and infinities left out) as an
    /// inline `<svg>` named `metric-curve`.
    public static func svg(name: String, points: [MetricPoint]) -> String {
        let frame = ChartFrame(width: 360, height: 180, left: 56, right: 10, top: 10, bottom: 34)
        var svg = SVG(name: "metric-curve", width: frame.width, height: frame.height)
        let finite = points.filter { $0.value.isFinite }
        let values = finite.map(\.value)
        let log = LearningCurvesChart.wantsLog(values)
        let x = Scale(covering: finite.map { Double($0.step) }, from: frame.x0, to: frame.x1)
        let y = Scale(covering: values, from: frame.y0, to: frame.y1, log: log)
        frame.axes(&svg, x: x, y: y, xLabel: "step", yLabel: name + (log ? " (log)" : ""))
        let path = finite.map { (x(Double($0.step)), y($0.value)) }
        svg.polyline(path, stroke: "#3b6fb6", width: 1.5, title: name)
        // Few points read better as dots too; one point can only be a dot.
        if path.count <= 20 { svg.dots(path, color: "#3b6fb6", diameter: 5, title: name) }
        return svg.text
    }
}
