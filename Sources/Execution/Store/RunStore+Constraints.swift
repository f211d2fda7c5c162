import Foundation
import GRDB
import SweepConfig

/// Feasibility under the run's outcome constraints, derived from the stored metric points
/// (nothing else is stored for it): a run resumed, or an old run read by a newer hpo, gets
/// the same answer. A trial's value of a constrained metric is the last point it stored of
/// that metric (over all its attempts, in the order read); a trial that stored none, or
/// whose last is NaN (stored as NULL), is infeasible.
extension RunStore {
    /// The constraints of a stored sweep; none when it has none (or cannot be read: then
    /// nothing else of the run can be either, and the error shows elsewhere).
    static func constraints(ofSweep yaml: String) -> [OutcomeConstraint] {
        guard yaml.contains("constraints:") else { return [] }
        return (try? SweepSpec(yaml: yaml, path: "run.db"))?.constraints ?? []
    }

    /// The last stored value of each constrained metric of each of `trials`, aligned with
    /// `constraints` (NaN where a trial stored none). Empty without constraints.
    public func constraintValues(trials: [Int]) throws(RunStoreError) -> [Int: [Double]] {
        try read { db in try constraintValues(db, trials: trials) }
    }

    func constraintValues(_ db: Database, trials: [Int]) throws -> [Int: [Double]] {
        try lastValues(db, of: constraints.map(\.metric), trials: trials)
    }

    /// The last stored value of each of `metrics` of each of `trials`, aligned with `metrics`
    /// (NaN where a trial stored none). Empty without metrics.
    func lastValues(_ db: Database, of metrics: [String], trials: [Int]) throws -> [Int: [Double]] {
        guard !metrics.isEmpty, !trials.isEmpty else { return [:] }
        let list = trials.map(String.init).joined(separator: ",")
        var out: [Int: [Double]] = [:]
        for t in trials { out[t] = [Double](repeating: .nan, count: metrics.count) }
        for (k, metric) in metrics.enumerated() {
            let rows = try Row.fetchAll(db, sql: """
                SELECT trial, value FROM metric WHERE id IN
                    (SELECT max(id) FROM metric WHERE name = ? AND trial IN (\(list)) GROUP BY trial)
                """, arguments: [metric])
            for row in rows {
                let value: Double? = row[1]
                out[row[0], default: []][k] = value ?? .nan
            }
        }
        return out
    }

    /// The succeeded trials that violate a constraint (or never reported a constrained
    /// metric): marked infeasible in results.csv, `hpo status` and the report, never best.
    public func infeasibleTrials() throws(RunStoreError) -> Set<Int> {
        guard !constraints.isEmpty else { return [] }
        let succeeded = try trials(in: [.succeeded]).map(\.number)
        let values = try constraintValues(trials: succeeded)
        return Set(succeeded.filter { !OutcomeConstraint.allSatisfied(constraints, by: values[$0] ?? []) })
    }

    /// The SQL that keeps only feasible rows of `trial` (to append to a WHERE clause), with
    /// its arguments: each constrained metric's last stored value respects its bound (a NULL,
    /// a metric never reported or NaN, compares as unknown and so excludes the trial).
    func feasibilityFilter() -> (sql: String, arguments: StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        for c in constraints {
            sql += " AND (SELECT value FROM metric WHERE metric.trial = trial.number AND metric.name = ?"
                + " ORDER BY metric.id DESC LIMIT 1) \(c.isUpperBound ? "<=" : ">=") ?"
            arguments += [c.metric, c.bound]
        }
        return (sql, arguments)
    }
}
