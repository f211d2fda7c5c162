import Execution

/// The learning curve of each run's best trial (the objective metric against step), in the
/// run's colour, with a legend: how the winners trained.
enum BestCurvesChart {
    /// The chart of the best trials of the runs `objective.runs`, as an inline `<svg>` named `best-curves`.
    static func svg(_ comparison: RunComparison, _ objective: RunComparison.Objective) -> String {
        let frame = ChartFrame(width: 720, height: 300)
        var svg = SVG(name: "best-curves", width: frame.width, height: frame.height)
        let curves: [(Int, Int, [MetricPoint])] = objective.runs.compactMap { run in
            let report = comparison.reports[run]
            guard let best = report.snapshot.summary.best?.number, let curve = report.curves[best] else { return nil }
            return (run, best, curve.filter { $0.value.isFinite })
        }
        let values = curves.flatMap { $0.2.map(\.value) }
        let log = LearningCurvesChart.wantsLog(values)
        let x = Scale(covering: curves.flatMap { $0.2.map { Double($0.step) } }, from: frame.x0, to: frame.x1)
        let y = Scale(covering: values, from: frame.y0, to: frame.y1, log: log)
        frame.axes(&svg, x: x, y: y, xLabel: "step", yLabel: objective.metric + (log ? " (log)" : ""))
        for (run, trial, curve) in curves {
            let path = curve.map { (x(Double($0.step)), y($0.value)) }
            let title = "\(comparison.reports[run].run.name): trial \(trial)"
            svg.polyline(path, stroke: RunComparison.color(run), width: 2, title: title)
            if path.count == 1 { svg.dots(path, color: RunComparison.color(run), diameter: 7, title: title) }
        }
        frame.legend(&svg, curves.map { (comparison.reports[$0.0].run.name + ", trial \($0.1)", RunComparison.color($0.0)) })
        return svg.text
    }
}
