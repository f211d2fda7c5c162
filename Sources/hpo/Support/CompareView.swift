import Execution
import Foundation
import Report

/// Several runs side by side, as `hpo compare` shows them:
///
///                       brisk-heron-1   calm-otter-2
///     strategy          grid            random
///     objective         minimize loss   minimize loss
///     …
///     best configuration
///       lr              0.01            0.0031
///
///     best: calm-otter-2, trial 7, loss 0.1234 (minimize)
///
/// Runs with different objectives are shown side by side all the same, but their bests are
/// not compared: the last line says so.
struct CompareView {
    let comparison: RunComparison
    /// Each run's directory (absolute), for the JSON, in the order of the runs.
    let directories: [String]
    let now: Date
    /// Whether the controller of each run stored `running` lives (nil for the others), in the order of the runs.
    var liveness: [RunLiveness?] = []

    /// The table, a blank line, the verdict.
    func lines(width: Int) -> [String] {
        var columns: [TextTable.Column] = [.init(header: "")]
        for report in comparison.reports {
            columns.append(.init(header: DisplayFormat.cell(report.run.name), shrinkable: true, minimumWidth: 10, cut: .middle))
        }
        var table = TextTable(columns: columns)
        for row in comparison.rows(number: DisplayFormat.number, duration: DisplayFormat.duration) {
            table.rows.append([row.label] + row.cells.map(DisplayFormat.cell))
        }
        return table.render(width: width).lines + [""]
            + DisplayFormat.wrap(comparison.verdict(number: DisplayFormat.number), width: width)
    }

    /// `{"runs": [{"run": RUN, "slot_time_s"}…], "same_objective", "best": {"run", "trial",
    /// "objective"} or null}`; `best` is null when the objectives differ or no run has a best.
    var json: JSONOutput {
        let runs: [JSONOutput] = comparison.reports.enumerated().map { i, report in
            .object([
                ("run", RunJSON.run(report.snapshot.summary, directory: directories[i], now: now, liveness: liveness.indices.contains(i) ? liveness[i] : nil, tags: report.tags)),
                ("slot_time_s", .real(RunComparison.slotSeconds(report))),
            ])
        }
        var best = JSONOutput.null
        if let i = comparison.bestRun, let trial = comparison.reports[i].snapshot.summary.best {
            best = .object([("run", .string(comparison.reports[i].run.name)), ("trial", .int(trial.number)),
                            ("objective", .real(trial.objective))])
        }
        return .object([("runs", .array(runs)), ("same_objective", .bool(comparison.sameObjective)), ("best", best)])
    }
}
