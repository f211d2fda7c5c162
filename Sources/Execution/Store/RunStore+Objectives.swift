import Foundation
import GRDB
import SweepConfig

/// The objectives of a run with several (`--metric a:min --metric b:max`) and its Pareto
/// front, derived from the stored metric points like feasibility: the first objective's
/// value is the trial's `objective` (reduced as `--objective` says); a later objective's
/// value is the last point the trial stored of that metric (over all its attempts), NaN
/// when it stored none. The front holds the succeeded (and, with constraints, feasible)
/// trials whose vector no other such trial dominates; a trial missing a later objective is
/// on no front.
extension RunStore {
    /// The objectives of a stored sweep: the run's metric and goal, then the sweep's further
    /// objectives (none for a run stored by an hpo without them, or with one objective).
    static func objectives(ofSweep yaml: String, metric: String, goal: Goal) -> [Objective] {
        let first = Objective(metric: metric, goal: goal)
        guard yaml.contains("metrics:") else { return [first] }
        let further = (try? SweepSpec(yaml: yaml, path: "run.db"))?.furtherMetrics ?? []
        return [first] + further.map(\.objective)
    }

    /// True when the run has more than one objective.
    public var isMultiObjective: Bool { objectives.count > 1 }

    /// The last stored value of each of `metrics` of each of `trials`, aligned with
    /// `metrics` (NaN where a trial stored none). Empty without metrics or trials.
    func lastValues(_ db: Database, metrics: [String], trials: [Int]) throws -> [Int: [Double]] {
        guard !metrics.isEmpty, !trials.isEmpty else { return [:] }
        let list = trials.map(String.init).joined(separator: ",")
        var out: [Int: [Double]] = [:]
        for t in trials { out[t] = [Double](repeating: .nan, count: metrics.count) }
        for (k, name) in metrics.enumerated() {
            let rows = try Row.fetchAll(db, sql: """
                SELECT trial, value FROM metric WHERE id IN
                    (SELECT max(id) FROM metric WHERE name = ? AND trial IN (\(list)) GROUP BY trial)
                """, arguments: [name])
            for row in rows {
                let value: Double? = row[1]
                out[row[0], default: []][k] = value ?? .nan
            }
        }
        return out
    }

    /// The last stored value of the second and later objectives of each of `trials`,
    /// aligned with `objectives.dropFirst()` (`Observation.furtherValues`); empty with one objective.
    public func furtherObjectiveValues(trials: [Int]) throws(RunStoreError) -> [Int: [Double]] {
        try read { db in try lastValues(db, metrics: objectives.dropFirst().map(\.metric), trials: trials) }
    }

    /// The trials on the Pareto front, sorted by the first objective (best first; ties by
    /// number). With one objective: the best trial alone (none without one).
    public func paretoFront() throws(RunStoreError) -> [TrialRecord] {
        try read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM trial WHERE state = 'succeeded' ORDER BY number"))
            return try paretoFront(db, succeeded: try rows.map { try trialRecord($0) })
        }
    }

    /// True when trial `number` succeeded (feasible, under constraints) with every objective
    /// and no such trial of the run dominates it: O(trials), for results.csv's appended row.
    public func isOnParetoFront(_ number: Int) throws(RunStoreError) -> Bool {
        try read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM trial WHERE state = 'succeeded' ORDER BY number"))
            let (candidates, vectors) = try frontCandidates(db, succeeded: try rows.map { try trialRecord($0) })
            guard let i = candidates.firstIndex(where: { $0.number == number }), vectors[i].allSatisfy(\.isFinite) else {
                return false
            }
            let goals = objectives.map(\.goal)
            // A vector missing an objective (NaN) compares as better nowhere: it is on no front and beats none.
            return !vectors.contains { $0.allSatisfy(\.isFinite) && ParetoFront.dominates($0, vectors[i], goals: goals) }
        }
    }

    /// The succeeded trials with a first objective (feasible ones only, under constraints)
    /// and their objective vectors.
    func frontCandidates(_ db: Database, succeeded: [TrialRecord]) throws -> ([TrialRecord], [[Double]]) {
        let constraintValues = try self.constraintValues(db, trials: succeeded.map(\.number))
        let candidates = succeeded.filter { t in
            t.objective != nil && OutcomeConstraint.allSatisfied(constraints, by: constraintValues[t.number] ?? [])
        }
        let further = try lastValues(db, metrics: objectives.dropFirst().map(\.metric), trials: candidates.map(\.number))
        return (candidates, candidates.map { [$0.objective!] + (further[$0.number] ?? []) })
    }

    /// The front among `succeeded` (feasible ones only, under constraints), sorted by the first objective.
    func paretoFront(_ db: Database, succeeded: [TrialRecord]) throws -> [TrialRecord] {
        let (candidates, vectors) = try frontCandidates(db, succeeded: succeeded)
        let front = ParetoFront.nonDominated(vectors, goals: objectives.map(\.goal)).map { candidates[$0] }
        let goal = objectives[0].goal
        return front.sorted { a, b in
            a.objective! == b.objective! ? a.number < b.number : goal.isBetter(a.objective!, than: b.objective!)
        }
    }

    /// Every objective's value of each of `trials` (the first is the stored objective, NaN
    /// when none), aligned with `objectives`.
    func objectiveVectors(_ db: Database, trials: [TrialRecord]) throws -> [Int: [Double]] {
        let further = try lastValues(db, metrics: objectives.dropFirst().map(\.metric), trials: trials.map(\.number))
        var out: [Int: [Double]] = [:]
        for t in trials { out[t.number] = [t.objective ?? .nan] + (further[t.number] ?? []) }
        return out
    }
}
