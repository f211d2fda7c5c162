import Execution

/// Parallel coordinates: one vertical axis per parameter and one for the compared value
/// (`ComparedTrials`); each compared trial is a line across them, colored from blue (best)
/// to red (worst) by rank.
/// Log parameters get log axes; categorical and ordinal ones space their values evenly.
/// Past `Density.threshold` trials: the best `Density.highlighted` as lines over a faded
/// sample of `sample` lines taken evenly by rank.
enum ParallelCoordinatesChart {
    /// The faded lines drawn under the best ones past the threshold.
    static let sample = 200

    static func svg(_ report: RunReport, _ compared: ComparedTrials) -> String {
        let names = report.run.parameterNames
        let width = max(720.0, Double(names.count + 1) * 110)
        let frame = ChartFrame(width: width, height: 320, left: 50, right: 50, top: 30, bottom: 40)
        var svg = SVG(name: "parallel", width: frame.width, height: frame.height)
        let trials = compared.trials
        let axisCount = names.count + 1
        let xs = (0..<axisCount).map { i in
            axisCount == 1 ? frame.x0 : frame.x0 + Double(i) * (frame.x1 - frame.x0) / Double(axisCount - 1)
        }
        var positions: [[Double]] = Array(repeating: [], count: trials.count)
        for (i, name) in names.enumerated() {
            let axis = Axis(name: name, values: trials.map { $0.configuration[name] }, domain: report.space?[name]?.domain,
                            frame: frame)
            for (t, trial) in trials.enumerated() { positions[t].append(axis.position(trial.configuration[name])) }
            axis.draw(&svg, at: xs[i], frame: frame)
        }
        let objective = compared.values
        let y = Scale(covering: objective, from: frame.y0, to: frame.y1)
        for (t, value) in objective.enumerated() { positions[t].append(y(value)) }
        svg.line(xs[names.count], frame.y0, xs[names.count], frame.y1, stroke: "#555")
        let axisName = report.run.metric + (compared.basis.step.map { " at step \($0)" } ?? "")
        svg.text(xs[names.count], frame.y1 - 12, axisName, anchor: "middle", size: 12)
        for tick in y.ticks { svg.text(xs[names.count] + 5, y(tick) + 3, Scale.label(tick), size: 9) }
        let ranked = objective.enumerated().sorted { report.minimizes ? $0.element > $1.element : $0.element < $1.element }
        // Past the threshold: a faded sample, evenly spaced by rank, under the best lines.
        let aggregated = trials.count > Density.threshold
        let every = max(1, trials.count / Self.sample)
        for (rank, entry) in ranked.enumerated() {  // worst first, so the best lines are on top
            let t = trials.count > 1 ? 1 - Double(rank) / Double(trials.count - 1) : 0
            if aggregated && rank < trials.count - Density.highlighted {
                if rank % every == 0 {
                    svg.polyline(Array(zip(xs, positions[entry.offset])), stroke: ChartFrame.gradient(t), width: 1, opacity: 0.15)
                }
                continue
            }
            svg.polyline(Array(zip(xs, positions[entry.offset])), stroke: ChartFrame.gradient(t), width: 1.4, opacity: 0.8,
                         title: "trial \(trials[entry.offset].number): \(Scale.label(entry.element))")
        }
        return svg.text
    }

    /// One parameter's axis: numeric (linear or log) or evenly spaced values.
    struct Axis {
        let name: String
        let numeric: Scale?
        let categories: [String]
        let frame: ChartFrame

        init(name: String, values: [ParameterValue?], domain: Domain?, frame: ChartFrame) {
            self.name = name
            self.frame = frame
            let numbers = values.compactMap { $0?.numericValue }
            var log = false
            var categorical = numbers.count < values.count
            switch domain {
            case .real(_, _, let l)?, .integer(_, _, let l)?: log = l
            case .categorical?, .ordinal?: categorical = true
            default: break
            }
            if categorical {
                var seen: [String] = []
                if case .categorical(let all)? = domain { seen = all.map(\.commandLineText) }
                if case .ordinal(let all)? = domain { seen = all.map(\.commandLineText) }
                for v in values.compactMap({ $0?.commandLineText }) where !seen.contains(v) { seen.append(v) }
                categories = seen
                numeric = nil
            } else {
                categories = []
                numeric = Scale(covering: numbers, from: frame.y0, to: frame.y1, log: log)
            }
        }

        func position(_ value: ParameterValue?) -> Double {
            guard let value else { return frame.y0 }
            if let numeric, let x = value.numericValue { return numeric(x) }
            let i = categories.firstIndex(of: value.commandLineText) ?? 0
            return categories.count < 2 ? (frame.y0 + frame.y1) / 2
                : frame.y0 + Double(i) / Double(categories.count - 1) * (frame.y1 - frame.y0)
        }

        func draw(_ svg: inout SVG, at x: Double, frame: ChartFrame) {
            svg.line(x, frame.y0, x, frame.y1, stroke: "#555")
            svg.text(x, frame.y1 - 12, name, anchor: "middle", size: 12)
            if let numeric {
                for tick in numeric.ticks { svg.text(x - 5, numeric(tick) + 3, Scale.label(tick), anchor: "end", size: 9) }
            } else {
                for c in categories { svg.text(x - 5, position(.string(c)) + 3, c, anchor: "end", size: 9) }
            }
        }
    }
}
