import Foundation
import GRDB

extension RunStore {
    /// The run as stored now.
    public func run() throws(RunStoreError) -> RunInfo {
        try read { db in try RunStore.fetchRun(db, path: path) }
    }

    /// Records the run's state (`completed`, `cancelled`, …).
    public func setRunState(_ state: RunState, at: Date) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET state = ?, updated_at = ? WHERE id = 1",
                           arguments: [state.rawValue, at.timeIntervalSince1970])
        }
    }

    static func fetchRun(_ db: Database, path: String) throws -> RunInfo {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = 1") else {
            throw RunStoreError.notARun(path: path)
        }
        guard let goal = Goal(rawValue: row["goal"]) else {
            throw RunStoreError.badValue(path: path, detail: "run goal '\(row["goal"] as String)'")
        }
        guard let state = RunState(rawValue: row["state"]) else {
            throw RunStoreError.badValue(path: path, detail: "run state '\(row["state"] as String)'")
        }
        let namesText: String = row["parameter_names"]
        guard case .array(let elements)? = try? JSONParser.parse(namesText) else {
            throw RunStoreError.badValue(path: path, detail: "parameter names \(namesText)")
        }
        let names = elements.compactMap { element -> String? in
            if case .string(let s) = element { return s }
            return nil
        }
        var info = RunInfo(name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                           configurationYAML: row["config_yaml"], seed: UInt64(bitPattern: row["seed"]),
                           strategy: row["strategy"], goal: goal, metric: row["metric"],
                           parameterNames: names, state: state)
        info.updatedAt = Date(timeIntervalSince1970: row["updated_at"])
        return info
    }
}
