import Foundation
import GRDB

extension RunStore {
    /// Replaces the run's resolved configuration (a resume that changed the sweep): its YAML,
    /// seed, strategy, goal, metric and parameter names. The store object keeps the names and
    /// goal it was opened with: open the run again to use the new ones.
    public func updateConfiguration(yaml: String, seed: UInt64, strategy: String, goal: Goal, metric: String,
                                    parameterNames: [String], at: Date) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: """
                UPDATE run SET config_yaml = ?, seed = ?, strategy = ?, goal = ?, metric = ?, parameter_names = ?,
                    updated_at = ? WHERE id = 1
                """, arguments: [yaml, Int64(bitPattern: seed), strategy, goal.rawValue, metric,
                                 RunStore.namesJSON(parameterNames), at.timeIntervalSince1970])
        }
    }
}
