import Foundation

/// The last value each trial reported of each of the run's constrained metrics, as the core
/// reads its points: what `Observation.isFeasible(under:)` judges, so that the live "best"
/// of a constrained run is never an infeasible trial. The same values the store derives
/// (`RunStore.constraintValues`): the last point of each metric over all of a trial's
/// attempts, in the order read; NaN where the trial reported none (or reported NaN).
struct ConstraintReadings {
    /// The run's outcome constraints; empty when it has none (then nothing is kept).
    let constraints: [OutcomeConstraint]
    /// Each trial's values, aligned with `constraints`.
    private(set) var values: [Int: [Double]] = [:]

    init(constraints: [OutcomeConstraint]) {
        self.constraints = constraints
    }

    /// Takes in points trial `number` reported.
    mutating func observe(_ points: [MetricPoint], of number: Int) {
        guard !constraints.isEmpty else { return }
        var trialValues = values(of: number)
        for point in points {
            for (k, c) in constraints.enumerated() where c.metric == point.name { trialValues[k] = point.value }
        }
        values[number] = trialValues
    }

    /// Replaces trial `number`'s values (as stored, after `hpo resume`); ignored without constraints.
    mutating func set(_ trialValues: [Double], of number: Int) {
        guard !constraints.isEmpty else { return }
        values[number] = trialValues
    }

    /// Trial `number`'s values, aligned with `constraints` (empty without constraints).
    func values(of number: Int) -> [Double] {
        constraints.isEmpty ? [] : values[number] ?? missing
    }

    private var missing: [Double] { [Double](repeating: .nan, count: constraints.count) }
}
