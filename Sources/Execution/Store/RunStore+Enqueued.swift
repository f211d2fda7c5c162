import Foundation
import GRDB

extension RunStore {
    /// Stores `configurations` to run next, in order, and (with `notify`) a request that wakes
    /// a running controller to take them (`ControlRequest.Kind.enqueue`); one transaction.
    /// Returns their ids. The caller checked them against the run's space.
    @discardableResult
    public func enqueue(_ configurations: [(configuration: Search.Configuration, source: String)], at: Date,
                        notify: Bool = true) throws(RunStoreError) -> [Int64] {
        let names = parameterNames
        return try write { db in
            var ids: [Int64] = []
            for (configuration, source) in configurations {
                try db.execute(sql: "INSERT INTO enqueued (parameters, source, at) VALUES (?, ?, ?)",
                               arguments: [ParameterJSON.encode(configuration, order: names), source,
                                           at.timeIntervalSince1970])
                ids.append(db.lastInsertedRowID)
            }
            if notify && !ids.isEmpty {
                try db.execute(sql: "INSERT INTO request (kind, trial, at, note) VALUES (?, NULL, ?, ?)",
                               arguments: [ControlRequest.Kind.enqueue.rawValue, at.timeIntervalSince1970,
                                           "\(ids.count) enqueued"])
            }
            return ids
        }
    }

    /// The enqueued configurations, oldest first: those still waiting (`waitingOnly`), or all.
    public func enqueued(waitingOnly: Bool = true) throws(RunStoreError) -> [EnqueuedConfiguration] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, parameters, source, trial FROM enqueued \(waitingOnly ? "WHERE trial IS NULL" : "") ORDER BY id
                """)
            return try rows.map { row in
                let text: String = row[1]
                guard let decoded = ParameterJSON.decode(text) else {
                    throw RunStoreError.badValue(path: path, detail: "enqueued parameters \(text)")
                }
                return EnqueuedConfiguration(id: row[0], configuration: decoded.configuration, source: row[2],
                                             trial: row[3])
            }
        }
    }

    /// Records that trial `number` runs enqueued configuration `id` (in the trial's commit).
    public func claimEnqueued(_ id: Int64, trial number: Int) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE enqueued SET trial = ? WHERE id = ?", arguments: [number, id])
        }
    }
}
