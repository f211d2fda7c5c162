import Execution

/// The best so far of several runs of one objective against trial number, a step line per
/// run in its colour, with a legend: which run found good values sooner.
enum BestSoFarChart {
    /// The chart of the runs `objective.runs` of `comparison`, as an inline `<svg>` named `best-so-far`.
    static func svg(_ comparison: RunComparison, _ objective: RunComparison.Objective) -> String {
        let frame = ChartFrame(width: 720, height: 300)
        var svg = SVG(name: "best-so-far", width: frame.width, height: frame.height)
        let lines = objective.runs.map { ($0, RunComparison.bestSoFar(comparison.reports[$0])) }
        let values = lines.flatMap { $0.1.map(\.best) }
        let log = LearningCurvesChart.wantsLog(values)
        let numbers = objective.runs.flatMap { comparison.reports[$0].snapshot.trials.map { Double($0.number) } }
        let x = Scale(covering: numbers, from: frame.x0, to: frame.x1)
        let y = Scale(covering: values, from: frame.y0, to: frame.y1, log: log)
        frame.axes(&svg, x: x, y: y, xLabel: "trial", yLabel: "best " + objective.metric + (log ? " (log)" : ""))
        for (run, line) in lines {
            let name = comparison.reports[run].run.name
            var steps: [(Double, Double)] = []
            for (i, point) in line.enumerated() {
                if i > 0 { steps.append((x(Double(point.trial)), y(line[i - 1].best))) }
                steps.append((x(Double(point.trial)), y(point.best)))
            }
            // The line runs on to the run's last trial, flat: no better value came after.
            if let last = line.last, let end = comparison.reports[run].snapshot.trials.last?.number, end > last.trial {
                steps.append((x(Double(end)), y(last.best)))
            }
            let color = RunComparison.color(run)
            svg.polyline(steps, stroke: color, width: 2, title: "\(name): best so far")
            svg.dots(line.map { (x(Double($0.trial)), y($0.best)) }.suffix(1), color: color, diameter: 7,
                     title: line.last.map { "\(name): best \(Scale.label($0.best)) (trial \($0.trial))" })
        }
        frame.legend(&svg, objective.runs.map { (comparison.reports[$0].run.name, RunComparison.color($0)) })
        return svg.text
    }
}
