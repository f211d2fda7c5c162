import Foundation

/// The last value each trial reported of each of a list of metrics, as the core reads its
/// points: the run's constrained metrics (what `Observation.isFeasible(under:)` judges, so
/// that the live "best" of a constrained run is never an infeasible trial), or its second
/// and later objectives (`Observation.furtherValues`). The same values the store derives
/// (`RunStore.constraintValues`, `RunStore.furtherObjectiveValues`): the last point of each
/// metric over all of a trial's attempts, in the order read; NaN where the trial reported
/// none (or reported NaN).
struct ConstraintReadings {
    /// The run's outcome constraints; empty when it has none (or for objectives' readings).
    let constraints: [OutcomeConstraint]
    /// The metrics read, aligned with the values; empty: nothing is kept.
    let metrics: [String]
    /// Each trial's values, aligned with `metrics`.
    private(set) var values: [Int: [Double]] = [:]

    /// Readings of the constrained metrics.
    init(constraints: [OutcomeConstraint]) {
        self.constraints = constraints
        self.metrics = constraints.map(\.metric)
    }

    /// Readings of `metrics` (the further objectives).
    init(metrics: [String]) {
        self.constraints = []
        self.metrics = metrics
    }

    /// Takes in points trial `number` reported.
    mutating func observe(_ points: [MetricPoint], of number: Int) {
        guard !metrics.isEmpty else { return }
        var trialValues = values(of: number)
        for point in points {
            for (k, name) in metrics.enumerated() where name == point.name { trialValues[k] = point.value }
        }
        values[number] = trialValues
    }

    /// Replaces trial `number`'s values (as stored, after `hpo resume`); ignored without metrics.
    mutating func set(_ trialValues: [Double], of number: Int) {
        guard !metrics.isEmpty else { return }
        values[number] = trialValues
    }

    /// Trial `number`'s values, aligned with `metrics` (empty without metrics).
    func values(of number: Int) -> [Double] {
        metrics.isEmpty ? [] : values[number] ?? missing
    }

    private var missing: [Double] { [Double](repeating: .nan, count: metrics.count) }
}
