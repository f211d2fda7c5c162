import Execution
import Foundation

/// Everything a report of one run shows, read once from its store: the run, its trials,
/// each trial's curve of the objective metric, the search space, the workspace snapshot,
/// the rungs of a successive-halving run.
/// A value: rendering it (`ReportPage`) touches no file and no clock.
public struct RunReport: Sendable {
    /// The run's trials and counts.
    public var snapshot: RunSnapshot
    /// The search space (for axis kinds: log, categorical); nil when the stored
    /// configuration does not load.
    public var space: SearchSpace?
    /// The objective metric's points per trial (all attempts), by step (points at one step in
    /// the order they were stored).
    public var curves: [Int: [MetricPoint]]
    /// The workspace snapshot the trials ran in, if any.
    public var workspace: WorkspaceSnapshot?
    /// Per rung of an `asha` or `hyperband` run, the trials that reached it and the best value
    /// there; nil for runs without rungs.
    public var rungs: RungTally?
    /// When the report was made (shown in its footer).
    public var madeAt: Date
    /// Every metric the trials reported, in the order of their first report.
    public var metricNames: [String] = []
    /// The last value of every metric of every trial, by metric name, then trial.
    public var lastValues: [String: [Int: Double]] = [:]
    /// The run's tags and note.
    public var tags = RunTags()
    /// The runs this one was warm-started from (`--warm-start`), with their counts.
    public var warmStarts: [WarmStartSummary] = []
    /// Their trials as this run's strategy hears them: not this run's trials.
    public var priors: [Observation] = []

    /// A report as given (tests build them directly).
    public init(snapshot: RunSnapshot, space: SearchSpace?, curves: [Int: [MetricPoint]],
                workspace: WorkspaceSnapshot?, madeAt: Date, rungs: RungTally? = nil) {
        self.snapshot = snapshot
        self.rungs = rungs
        self.space = space
        self.curves = curves
        self.workspace = workspace
        self.madeAt = madeAt
    }

    /// How far the report has read its store (`RunChanges.Mark`): where `update(from:)`
    /// goes on from; nil for a report not read from a store.
    public var readThrough: RunChanges.Mark?
    /// Where the data of each kind of chart last changed (`update(from:)` keeps them).
    public internal(set) var changedAt = ChangeMarks()

    /// Reads the report of the run `store` holds. Read-only: safe while the run goes on.
    /// `modelGuess` adds a bayes run's best guess to its rungs (`RungTally.modelGuess`): it
    /// fits the model, so the report asks for it and the dashboard's pages do not.
    /// The trials and every metric point are read in one transaction (`RunStore.changes`),
    /// the same reading `update(from:)` continues.
    public static func load(from store: RunStore, now: Date = Date(), modelGuess: Bool = false) throws -> RunReport {
        let changes = try store.changes()
        var report = RunReport(snapshot: RunSnapshot(summary: changes.summary, trials: []), space: nil, curves: [:],
                               workspace: try store.workspace(), madeAt: now)
        report.snapshot.constraints = store.constraints
        report.snapshot.objectives = store.objectives
        report.apply(changes)
        if modelGuess {
            let guess = RungTally.modelGuess(run: report.run, trials: report.snapshot.trials, curves: report.curves)
            report.rungs?.guess = guess
        }
        report.tags = try store.tags()
        report.warmStarts = try store.warmStarts()
        report.priors = try store.priorObservations()
        return report
    }

    /// Every trial's points of metric `name` among `trials`, by step.
    public static func curves(of name: String, from store: RunStore, trials: Set<Int>) throws -> [Int: [MetricPoint]] {
        var curves: [Int: [MetricPoint]] = [:]
        for (trial, points) in try store.metricPoints(name: name) where trials.contains(trial) {
            // Stable: of points at one step (a retried attempt's), the one stored last stays last.
            curves[trial] = points.enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }
                .map(\.element)
        }
        return curves
    }

    /// What the run's strategy would be asked now (`SuggestionContext(stored:space:curves:)`),
    /// for a model's best guess; nil when the stored configuration does not load.
    public var strategyContext: SuggestionContext? {
        space.map {
            var context = SuggestionContext(stored: snapshot, space: $0, curves: curves)
            context.priors = priors
            return context
        }
    }

    /// The run's facts.
    public var run: RunInfo { snapshot.summary.run }
    /// True when smaller objectives are better.
    public var minimizes: Bool { run.goal == .minimize }

    /// The `k` best of `scored`, best first (ties: the lower trial number first): what a chart
    /// past `Density.threshold` still draws one by one.
    public func bestScored(_ k: Int) -> [TrialRecord] {
        // Sorts (objective, number, index) triples, not the records: sorting 10,000 records
        // copied each one many times (a third of a changed run page's time, `perf`).
        let trials = snapshot.trials
        var keys: [(objective: Double, number: Int, index: Int)] = []
        for index in trials.indices where trials[index].state == .succeeded {
            if let objective = trials[index].objective, objective.isFinite { keys.append((objective, trials[index].number, index)) }
        }
        let minimizes = self.minimizes
        keys.sort { a, b in
            a.objective != b.objective ? (minimizes ? a.objective < b.objective : a.objective > b.objective) : a.number < b.number
        }
        return keys.prefix(k).map { trials[$0.index] }
    }

    /// Succeeded trials with an objective, by trial number.
    public var scored: [TrialRecord] {
        snapshot.trials.filter { $0.state == .succeeded && $0.objective?.isFinite == true }
    }
}
