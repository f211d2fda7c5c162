import Foundation
import GRDB

/// What the controller has seen of the request table.
struct RequestCursor {
    /// `PRAGMA data_version` of the writer connection at the last look: it changes only
    /// when another connection (another process) commits.
    var dataVersion: Int?
    /// Unhandled requests remained at the last look.
    var pending = true
}

extension RunStore {
    /// Asks the run's controller to cancel `trial`, or the whole run when nil. Called by
    /// `hpo cancel` from another process; returns the request's id.
    @discardableResult
    public func requestCancel(trial: Int?, at: Date, note: String? = nil) throws(RunStoreError) -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO request (kind, trial, at, note) VALUES (?, ?, ?, ?)",
                           arguments: [ControlRequest.Kind.cancel.rawValue, trial, at.timeIntervalSince1970, note])
            return db.lastInsertedRowID
        }
    }

    /// The requests not yet handled, oldest first. Cheap when nothing changed: while no
    /// other process has committed since the last call (`PRAGMA data_version`) and nothing
    /// was pending then, it returns at once without a query. For the controller's loop.
    public func pendingRequests() throws(RunStoreError) -> [ControlRequest] {
        try RunStoreError.wrapping(path: path) {
            try withWriter { db in
                let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
                let unchanged = requestCursor.withLock { cursor in
                    defer { cursor.dataVersion = version }
                    return cursor.dataVersion == version && !cursor.pending
                }
                if unchanged { return [] }
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT id, kind, trial, at, note FROM request WHERE handled_at IS NULL ORDER BY id
                    """))
                let requests = rows.compactMap { row -> ControlRequest? in
                    guard let kind = ControlRequest.Kind(rawValue: row[1]) else { return nil }
                    return ControlRequest(id: row[0], kind: kind, trial: row[2], at: Date(timeIntervalSince1970: row[3]),
                                          note: row[4])
                }
                requestCursor.withLock { $0.pending = !requests.isEmpty }
                return requests
            }
        }
    }

    /// Marks a request as handled, so that `pendingRequests` no longer returns it.
    public func markHandled(request id: Int64, at: Date) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE request SET handled_at = ? WHERE id = ?", arguments: [at.timeIntervalSince1970, id])
        }
        requestCursor.withLock { $0.pending = true }
    }
}
