import Execution
import Foundation

/// Which trial ran on which slot when: one lane per GPU (or, for CPU runs, per concurrent
/// trial, packed first-fit by start time), a bar per trial colored by its state, so idle
/// gaps between bars are visible. Past `Density.threshold` trials, a lane's bars less than a
/// pixel apart merge into one bar per busy stretch.
enum SlotTimelineChart {
    static func svg(_ report: RunReport) -> String {
        // Indices of the trials, not copies of them: sorting and filtering 10,000 records per
        // lane copied each many times (`perf`).
        let trials = report.snapshot.trials
        let runs = trials.indices.compactMap { i -> (Int, Double, Double)? in
            guard let start = trials[i].startedAt else { return nil }
            let end = trials[i].finishedAt ?? report.madeAt
            return (i, start.timeIntervalSince(report.run.createdAt), end.timeIntervalSince(report.run.createdAt))
        }.sorted { $0.1 < $1.1 }
        let lanes = assignLanes(runs.map { (trials[$0.0].slots, $0.1, $0.2) })
        let laneNames = Array(Set(lanes)).sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        let height = Double(max(1, laneNames.count)) * 22 + 60
        let frame = ChartFrame(width: 720, height: height, left: 70)
        var svg = SVG(name: "timeline", width: frame.width, height: frame.height)
        let x = Scale(covering: runs.flatMap { [$0.1, $0.2] } + [0], from: frame.x0, to: frame.x1)
        svg.line(frame.x0, frame.y0, frame.x1, frame.y0, stroke: "#555")
        for t in x.ticks {
            svg.text(x(t), frame.y0 + 16, Scale.label(t), anchor: "middle", size: 10)
        }
        svg.text((frame.x0 + frame.x1) / 2, frame.height - 6, "seconds since the run started", anchor: "middle")
        for (i, lane) in laneNames.enumerated() {
            let top = frame.y1 + Double(i) * 22
            svg.text(frame.x0 - 6, top + 14, lane, anchor: "end", size: 10)
            if runs.count > Density.threshold {
                drawBusy(&svg, zip(runs, lanes).filter { $0.1 == lane }.map { (trials[$0.0.0].number, x($0.0.1), x($0.0.2)) }, top: top)
                continue
            }
            for ((index, start, end), assigned) in zip(runs, lanes) where assigned == lane {
                let trial = trials[index]
                svg.rect(x(start), top + 3, max(1, x(end) - x(start)), 16, fill: ChartFrame.color(trial.state),
                         title: "trial \(trial.number) \(trial.state.rawValue), \(Scale.label(end - start)) s")
            }
        }
        return svg.text
    }

    /// A lane's bars merged where less than a pixel apart (`spans`: trial, left, right in
    /// pixels, by start): a bar per busy stretch, titled with its trials.
    static func drawBusy(_ svg: inout SVG, _ spans: [(trial: Int, left: Double, right: Double)], top: Double) {
        var open: (first: Int, last: Int, count: Int, left: Double, right: Double)?
        func flush() {
            guard let o = open else { return }
            svg.rect(o.left, top + 3, max(1, o.right - o.left), 16, fill: "#3b6fb6",
                     title: o.count == 1 ? "trial \(o.first)" : "\(o.count) trials, \(o.first) to \(o.last)")
        }
        for span in spans {
            if let o = open, span.left - o.right < 1 {
                open = (o.first, span.trial, o.count + 1, o.left, max(o.right, span.right))
            } else {
                flush()
                open = (span.trial, span.trial, 1, span.left, span.right)
            }
        }
        flush()
    }

    /// A lane name per run: `gpu 0,1` when the trial had GPU slots, else `slot k`, the
    /// lowest lane free at its start.
    static func assignLanes(_ runs: [(slots: [Int], start: Double, end: Double)]) -> [String] {
        var freeAt: [Double] = []
        return runs.map { run in
            if !run.slots.isEmpty { return "gpu " + run.slots.map(String.init).joined(separator: ",") }
            if let k = freeAt.firstIndex(where: { $0 <= run.start }) {
                freeAt[k] = run.end
                return "slot \(k)"
            }
            freeAt.append(run.end)
            return "slot \(freeAt.count - 1)"
        }
    }
}
