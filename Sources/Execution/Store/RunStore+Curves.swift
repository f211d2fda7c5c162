import Foundation
import GRDB

extension RunStore {
    /// Every trial's stored points of metric `name` (all attempts), in the order they were
    /// stored, by trial; trials without a point are absent. One query over the run, for views
    /// that show every curve (`hpo report`, the rungs of `hpo status`): a query per trial cost
    /// ~0.5 ms each, 0.76 s for 1,500 trials.
    public func metricPoints(name: String) throws(RunStoreError) -> [Int: [MetricPoint]] {
        try read { db in
            var curves: [Int: [MetricPoint]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT trial, step, value FROM metric WHERE name = ? ORDER BY id",
                                           arguments: [name])
            while let row = try rows.next() {
                let value: Double? = row[2]
                curves[row[0], default: []].append(MetricPoint(step: row[1], name: name, value: value ?? .nan))
            }
            return curves
        }
    }
}

extension RunStore {
    /// Every metric any trial reported, in the order of its first report, and the last stored
    /// value of each metric of each trial (its latest attempt's last report; NaN where that
    /// was NaN), by metric name, then trial: what the views offer to pick from and chart for
    /// a metric that is not the objective. One scan of the points in stored order, with no
    /// sort: a `GROUP BY trial, name` took 0.9 s over 600,000 points (10,000 trials).
    public func lastMetricValues() throws(RunStoreError) -> (names: [String], values: [String: [Int: Double]]) {
        try read { db in
            var names: [String] = []
            var values: [String: [Int: Double]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT trial, name, value FROM metric ORDER BY id")
            while let row = try rows.next() {
                let name: String = row[1]
                let value: Double? = row[2]
                if values[name] == nil { names.append(name) }
                values[name, default: [:]][row[0]] = value ?? .nan
            }
            return (names, values)
        }
    }
}
