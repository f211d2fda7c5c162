import Foundation
import GRDB

extension RunStore {
    /// Stores a batch of metric points of one attempt in one transaction. NaN is stored as
    /// NULL (SQLite has no NaN) and read back as NaN; ±infinity are stored as they are.
    public func appendMetrics(trial: Int, attempt: Int, points: [MetricPoint], at: Date) throws(RunStoreError) {
        guard !points.isEmpty else { return }
        let time = at.timeIntervalSince1970
        try write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO metric (trial, attempt, step, name, value, at) VALUES (?, ?, ?, ?, ?, ?)")
            for point in points {
                try insert.execute(arguments: [trial, attempt, point.step, point.name,
                                               point.value.isNaN ? nil : point.value, time])
            }
        }
    }

    /// Forgets the points stored for one attempt of a trial: a controller that reattaches to
    /// a running job reads the attempt's lines again from where they begin.
    public func deleteMetrics(trial: Int, attempt: Int) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM metric WHERE trial = ? AND attempt = ?", arguments: [trial, attempt])
        }
    }

    /// The last stored point of metric `name` of each of `trials` that has one: what a live
    /// view shows beside a running trial. One query, whatever the curves' lengths.
    public func latestPoints(trials: [Int], name: String) throws(RunStoreError) -> [Int: MetricPoint] {
        guard !trials.isEmpty else { return [:] }
        return try read { db in
            let list = trials.map(String.init).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT trial, step, value FROM metric WHERE id IN
                    (SELECT max(id) FROM metric WHERE name = ? AND trial IN (\(list)) GROUP BY trial)
                """, arguments: [name])
            var points: [Int: MetricPoint] = [:]
            for row in rows {
                let value: Double? = row[2]
                points[row[0]] = MetricPoint(step: row[1], name: name, value: value ?? .nan)
            }
            return points
        }
    }

    /// The stored points of a trial, in the order they were stored; optionally of one
    /// attempt and one metric.
    public func metricPoints(trial: Int, attempt: Int? = nil, name: String? = nil) throws(RunStoreError) -> [StoredMetricPoint] {
        try read { db in
            var sql = "SELECT attempt, step, name, value, at FROM metric WHERE trial = ?"
            var arguments: StatementArguments = [trial]
            if let attempt { sql += " AND attempt = ?"; arguments += [attempt] }
            if let name { sql += " AND name = ?"; arguments += [name] }
            sql += " ORDER BY id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let value: Double? = row[3]
                return StoredMetricPoint(attempt: row[0], point: MetricPoint(step: row[1], name: row[2], value: value ?? .nan),
                                         at: Date(timeIntervalSince1970: row[4]))
            }
        }
    }

    /// The names of the metrics a trial reported (every attempt), in the order of their first
    /// report: what a trial that missed the objective did report.
    public func metricNames(trial: Int) throws(RunStoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM metric WHERE trial = ? GROUP BY name ORDER BY min(id)",
                                arguments: [trial])
        }
    }

    /// True when any trial of the run reported the metric `name` at least once.
    public func hasMetric(named name: String) throws(RunStoreError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM metric WHERE name = ?)", arguments: [name]) ?? false
        }
    }
}
