import Execution
import Foundation

/// Several runs side by side (`hpo compare`, `hpo report A B`, the dashboard's compare page):
/// their reports, grouped by objective, since bests of different metrics or goals say
/// nothing of each other. A value: rendering it touches no file and no clock.
public struct RunComparison: Sendable {
    /// Runs that optimize one metric towards one goal, by index into `reports`.
    public struct Objective: Hashable, Sendable {
        /// The metric.
        public var metric: String
        /// Its goal.
        public var goal: Goal
        /// The runs, by index into `reports`, in the order given.
        public var runs: [Int]
    }

    /// The runs' reports, in the order given.
    public var reports: [RunReport]
    /// When the comparison was made.
    public var madeAt: Date

    /// The comparison of `reports`, in their order.
    public init(reports: [RunReport], madeAt: Date) {
        self.reports = reports
        self.madeAt = madeAt
    }

    /// Reads each store's report, in the order given. Read-only.
    public static func load(from stores: [RunStore], now: Date = Date()) throws -> RunComparison {
        RunComparison(reports: try stores.map { try RunReport.load(from: $0, now: now) }, madeAt: now)
    }

    /// The objectives of the runs, in the order of their first run.
    public var objectives: [Objective] {
        var groups: [Objective] = []
        for (i, report) in reports.enumerated() {
            if let g = groups.firstIndex(where: { $0.metric == report.run.metric && $0.goal == report.run.goal }) {
                groups[g].runs.append(i)
            } else {
                groups.append(Objective(metric: report.run.metric, goal: report.run.goal, runs: [i]))
            }
        }
        return groups
    }

    /// True when every run optimizes the same metric towards the same goal.
    public var sameObjective: Bool { objectives.count <= 1 }

    /// The run (index into `reports`) with the best best trial, when every run shares one
    /// objective and at least one has a best; nil otherwise.
    public var bestRun: Int? {
        guard sameObjective, let goal = reports.first?.run.goal else { return nil }
        let bests = reports.indices.compactMap { i in reports[i].snapshot.summary.best?.objective.map { (i, $0) } }
            .filter { $0.1.isFinite }
        return (goal == .minimize ? bests.min { $0.1 < $1.1 } : bests.max { $0.1 < $1.1 })?.0
    }

    /// The parameters of every run, each once, in the order of their first run.
    public var parameterNames: [String] {
        var names: [String] = []
        for report in reports { for name in report.run.parameterNames where !names.contains(name) { names.append(name) } }
        return names
    }

    /// Slot-seconds the run's finished trials used: each trial's seconds from launch to finish
    /// times the slots (GPUs) it held, at least one.
    public static func slotSeconds(_ report: RunReport) -> Double {
        report.snapshot.trials.reduce(0) { sum, trial in
            guard let start = trial.startedAt, let end = trial.finishedAt else { return sum }
            return sum + max(0, end.timeIntervalSince(start)) * Double(max(1, trial.slots.count))
        }
    }

    /// A run's best so far after each succeeded, feasible trial, by trial number: the line
    /// of the best-so-far chart.
    public static func bestSoFar(_ report: RunReport) -> [(trial: Int, best: Double)] {
        var line: [(Int, Double)] = []
        var best: Double?
        for trial in report.scored where !report.snapshot.infeasible.contains(trial.number) {
            let value = trial.objective!
            if best.map({ report.minimizes ? value < $0 : value > $0 }) ?? true { best = value }
            line.append((trial.number, best!))
        }
        return line
    }

    /// The colour of the run at `index`: ten that tell apart, then again.
    public static func color(_ index: Int) -> String {
        let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
                       "#17becf"]
        return palette[index % palette.count]
    }
}
