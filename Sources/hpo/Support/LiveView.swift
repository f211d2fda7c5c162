import Execution
import Foundation

/// The live picture of a run, for a terminal: a progress bar with the counts, the best trial
/// so far, and one line per running trial with its slots, its latest value of the metric and
/// how long it has run. `hpo search` redraws it in place while it runs; `hpo status RUN
/// --watch` shows the same from another terminal.
///
///     lr-sweep  [##########----------]  12/24 finished · 2 running · 10 to go
///     best: trial 7, val_loss 0.412  (lr=0.01 layers=3)
///       trial  slots  step  val_loss  running
///          12  0      14    0.48      1m05s
///          13  1      3     0.91      12.0s
struct LiveView {
    /// The run's counts and best trial.
    let summary: RunSummary
    /// The trials running or starting (only these are read: the view is redrawn often).
    let running: [TrialRecord]
    /// The latest point of the metric of each running trial.
    let latest: [Int: MetricPoint]
    /// The run's planned number of trials, when known.
    let budget: Int?
    let now: Date

    /// The view's lines, each at most `width` characters.
    func lines(width: Int) -> [String] {
        let run = summary.run
        let total = max(budget ?? summary.total, summary.total)
        let barWidth = 20
        let filled = total > 0 ? min(barWidth, barWidth * summary.finished / total) : 0
        var head = "\(run.name)  [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: barWidth - filled))]  "
            + "\(summary.finished)/\(total) finished · \(running.count) running"
        let waiting = total - summary.finished - running.count
        if waiting > 0 { head += " · \(waiting) to go" }
        if run.state != .running { head += " · run \(run.state.rawValue)" }
        var lines = [head]
        if let best = summary.best, let objective = best.objective {
            let parameters = run.parameterNames.compactMap { name in
                best.configuration[name].map { "\(name)=\(DisplayFormat.value($0))" }
            }.joined(separator: " ")
            lines.append("best: trial \(best.number), \(run.metric) \(Format.number(objective))  (\(parameters))")
        } else {
            lines.append("best: none yet")
        }
        if !running.isEmpty {
            var table = TextTable(columns: [
                .init(header: "  trial", alignment: .right), .init(header: "slots"), .init(header: "step", alignment: .right),
                .init(header: DisplayFormat.cell(run.metric), alignment: .right), .init(header: "running", alignment: .right),
            ])
            for trial in running {
                let point = latest[trial.number]
                let slots = trial.job.map { "job \($0)" } ?? (trial.slots.isEmpty ? "-" : trial.slots.map(String.init).joined(separator: ","))
                let elapsed = trial.state == .starting ? "queued" : trial.startedAt.map { Format.duration(now.timeIntervalSince($0)) } ?? ""
                table.rows.append(["  \(trial.number)", slots, point.map { String($0.step) } ?? "",
                                   point.map { Format.number($0.value) } ?? "", elapsed])
            }
            lines += table.render(width: width).lines
        }
        return lines.map { $0.count > width ? String($0.prefix(max(1, width - 1))) + "…" : $0 }
    }

    /// The view of the run in `store` now: its summary, its running and starting trials, and
    /// their latest points — three small queries, whatever the number of finished trials.
    static func read(_ store: RunStore, budget: Int?) throws -> LiveView {
        let summary = try store.summary()
        let running = try store.trials(in: [.running, .starting])
        let latest = try store.latestPoints(trials: running.map(\.number), name: summary.run.metric)
        return LiveView(summary: summary, running: running, latest: latest, budget: budget, now: Date())
    }
}
