import GRDB

/// A run and all its trials as they were at one instant: what `hpo status RUN` shows.
public struct RunSnapshot: Hashable, Sendable {
    /// The run, its counts and its best trial.
    public var summary: RunSummary
    /// Every trial, by number.
    public var trials: [TrialRecord]
    /// The succeeded trials that violate an outcome constraint (`RunStore.infeasibleTrials`).
    public var infeasible: Set<Int> = []
    /// The run's outcome constraints (empty when it has none).
    public var constraints: [OutcomeConstraint] = []
    /// The run's objectives (one unless the run has several).
    public var objectives: [Objective] = []
    /// Of a run with several objectives: the succeeded trials' objective vectors, aligned
    /// with `objectives` (NaN for one a trial never reported); empty otherwise.
    public var objectiveValues: [Int: [Double]] = [:]
    /// Of a run with several objectives: the Pareto front's trial numbers, sorted by the
    /// first objective (`RunStore.paretoFront`); empty otherwise.
    public var front: [Int] = []
    /// Each trial's last value of every metric it reported (`RunStore.lastMetricValues`);
    /// not read by `snapshot()` (views that show them fill it).
    public var metricValues: [Int: [String: Double]] = [:]

    /// Whether trial `trial` respects the run's outcome constraints: nil unless the run has
    /// constraints and the trial succeeded (feasibility is judged of succeeded trials only).
    public func isFeasible(_ trial: TrialRecord) -> Bool? {
        guard !constraints.isEmpty, trial.state == .succeeded else { return nil }
        return !infeasible.contains(trial.number)
    }

    /// A snapshot as given (views are tested on snapshots built by hand).
    public init(summary: RunSummary, trials: [TrialRecord]) {
        self.summary = summary
        self.trials = trials
    }
}

extension RunStore {
    /// The run, its counts, its best trial and every trial, read in one transaction, so
    /// that the counts agree with the trials even while a controller writes the run
    /// (reading them in separate calls could count a trial that the list then lacks).
    public func snapshot() throws(RunStoreError) -> RunSnapshot {
        try read { db in
            let run = try RunStore.fetchRun(db, path: path)
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM trial ORDER BY number"))
            let trials = try rows.map { try trialRecord($0) }
            let summary = RunSummary(run: run, counts: try RunStore.counts(db, path: path),
                                     best: try bestTrial(db, goal: run.goal))
            var snapshot = RunSnapshot(summary: summary, trials: trials)
            snapshot.constraints = constraints
            let succeeded = trials.filter { $0.state == .succeeded }.map(\.number)
            let values = try constraintValues(db, trials: succeeded)
            snapshot.infeasible = Set(succeeded.filter { !OutcomeConstraint.allSatisfied(constraints, by: values[$0] ?? []) })
            snapshot.objectives = objectives
            if isMultiObjective {
                let succeededTrials = trials.filter { $0.state == .succeeded }
                snapshot.objectiveValues = try objectiveVectors(db, trials: succeededTrials)
                snapshot.front = try paretoFront(db, succeeded: succeededTrials).map(\.number)
            }
            return snapshot
        }
    }
}
