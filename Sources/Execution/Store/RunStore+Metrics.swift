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
}
