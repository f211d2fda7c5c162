import Execution

/// The Pareto front of a run with several objectives: with two, a scatter of the succeeded
/// trials (first objective across, second up) with the front's trials in blue joined by a
/// step line and the dominated ones greyed; with three or more, parallel coordinates, one
/// axis per objective, the front's lines in blue over the dominated ones in grey. Trials that
/// did not report every objective are left out (they are on no front).
enum ParetoFrontChart {
    /// The front's color and the greyed dominated trials' color.
    static let frontColor = "#3b6fb6", dominatedColor = "#c4c4c4"

    static func svg(_ report: RunReport) -> String {
        let objectives = report.snapshot.objectives
        let front = Set(report.snapshot.front)
        let plotted = report.scored.compactMap { trial -> (number: Int, values: [Double])? in
            guard let values = report.snapshot.objectiveValues[trial.number], values.count == objectives.count,
                  values.allSatisfy(\.isFinite) else { return nil }
            return (trial.number, values)
        }
        // Dominated first, so the front is drawn on top.
        let ordered = plotted.filter { !front.contains($0.number) } + plotted.filter { front.contains($0.number) }
        return objectives.count == 2 ? scatter(report, ordered, front: front) : parallel(report, ordered, front: front)
    }

    /// Two objectives: a scatter with the front as a step line.
    static func scatter(_ report: RunReport, _ plotted: [(number: Int, values: [Double])], front: Set<Int>) -> String {
        let objectives = report.snapshot.objectives
        let frame = ChartFrame(width: 720, height: 360)
        var svg = SVG(name: "pareto", width: frame.width, height: frame.height)
        let x = Scale(covering: plotted.map { $0.values[0] }, from: frame.x0, to: frame.x1)
        let y = Scale(covering: plotted.map { $0.values[1] }, from: frame.y0, to: frame.y1)
        frame.axes(&svg, x: x, y: y, xLabel: "\(objectives[0].metric) (\(objectives[0].goal.rawValue))",
                   yLabel: "\(objectives[1].metric) (\(objectives[1].goal.rawValue))")
        let members = plotted.filter { front.contains($0.number) }.sorted { $0.values[0] < $1.values[0] }
        var steps: [(Double, Double)] = []
        for (i, m) in members.enumerated() {
            if i > 0 { steps.append((x(m.values[0]), y(members[i - 1].values[1]))) }
            steps.append((x(m.values[0]), y(m.values[1])))
        }
        svg.polyline(steps, stroke: frontColor, width: 1.5, opacity: 0.6, title: "Pareto front")
        for p in plotted {
            let onFront = front.contains(p.number)
            svg.circle(x(p.values[0]), y(p.values[1]), radius: onFront ? 4.5 : 3.5, fill: onFront ? frontColor : dominatedColor,
                       title: title(p, objectives: objectives, onFront: onFront))
        }
        return svg.text
    }

    /// Three or more objectives: parallel coordinates, one axis per objective.
    static func parallel(_ report: RunReport, _ plotted: [(number: Int, values: [Double])], front: Set<Int>) -> String {
        let objectives = report.snapshot.objectives
        let frame = ChartFrame(width: max(720.0, Double(objectives.count) * 140), height: 320,
                               left: 60, right: 60, top: 30, bottom: 30)
        var svg = SVG(name: "pareto", width: frame.width, height: frame.height)
        let xs = objectives.indices.map { frame.x0 + Double($0) * (frame.x1 - frame.x0) / Double(objectives.count - 1) }
        let scales = objectives.indices.map { k in Scale(covering: plotted.map { $0.values[k] }, from: frame.y0, to: frame.y1) }
        for (k, objective) in objectives.enumerated() {
            svg.line(xs[k], frame.y0, xs[k], frame.y1, stroke: "#555")
            svg.text(xs[k], frame.y1 - 12, "\(objective.metric) (\(objective.goal == .minimize ? "min" : "max"))",
                     anchor: "middle", size: 12)
            for tick in scales[k].ticks { svg.text(xs[k] - 5, scales[k](tick) + 3, Scale.label(tick), anchor: "end", size: 9) }
        }
        for p in plotted {
            let onFront = front.contains(p.number)
            svg.polyline(objectives.indices.map { (xs[$0], scales[$0](p.values[$0])) },
                         stroke: onFront ? frontColor : dominatedColor, width: onFront ? 2 : 1.2, opacity: onFront ? 0.9 : 0.7,
                         title: title(p, objectives: objectives, onFront: onFront))
        }
        return svg.text
    }

    /// `trial 4 (Pareto front): val_loss 0.3, latency_ms 12`.
    static func title(_ p: (number: Int, values: [Double]), objectives: [Objective], onFront: Bool) -> String {
        "trial \(p.number)\(onFront ? " (Pareto front)" : " (dominated)"): "
            + zip(objectives, p.values).map { "\($0.metric) \(Scale.label($1))" }.joined(separator: ", ")
    }
}
