import Foundation
import GRDB

/// Every metric a run's trials reported, for results.csv's columns and `--json`: each trial's
/// last value of each (over all its attempts, in the order read; NaN stored as NULL reads as
/// NaN), and the best value of each objective (by its goal; NaN points ignored).
extension RunStore {
    /// The names of every metric any trial stored, sorted.
    public func reportedMetricNames() throws(RunStoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM metric ORDER BY name") }
    }

    /// Each of `trials`' last stored value of every metric it reported, by name.
    public func lastMetricValues(trials: [Int]) throws(RunStoreError) -> [Int: [String: Double]] {
        guard !trials.isEmpty else { return [:] }
        let list = trials.map(String.init).joined(separator: ",")
        return try read { db in
            var out: [Int: [String: Double]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT trial, name, value FROM metric WHERE id IN
                    (SELECT max(id) FROM metric WHERE trial IN (\(list)) GROUP BY trial, name)
                """) {
                let value: Double? = row[2]
                out[row[0], default: [:]][row[1]] = value ?? .nan
            }
            return out
        }
    }

    /// Each of `trials`' best stored value of each objective, aligned with `objectives`
    /// (NaN where it stored none).
    public func bestObjectiveValues(trials: [Int]) throws(RunStoreError) -> [Int: [Double]] {
        guard !trials.isEmpty else { return [:] }
        let list = trials.map(String.init).joined(separator: ",")
        return try read { db in
            var out: [Int: [Double]] = [:]
            for t in trials { out[t] = [Double](repeating: .nan, count: objectives.count) }
            for (k, objective) in objectives.enumerated() {
                let best = objective.goal == .minimize ? "min" : "max"
                for row in try Row.fetchAll(db, sql: """
                    SELECT trial, \(best)(value) FROM metric WHERE name = ? AND trial IN (\(list)) GROUP BY trial
                    """, arguments: [objective.metric]) {
                    let value: Double? = row[1]
                    out[row[0], default: []][k] = value ?? .nan
                }
            }
            return out
        }
    }
}
