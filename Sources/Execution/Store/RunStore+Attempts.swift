import Foundation
import GRDB

extension RunStore {
    /// Ends an attempt that will run again: `running` (or `starting`) → `state` → `queued`,
    /// where `state` is `preempted` or `retrying`; both transitions in one commit, the second
    /// one starting the next attempt (attempt + 1). The ended attempt's exit code or signal
    /// is kept on the trial until its next launch. Returns the `queued` transition.
    @discardableResult
    public func requeue(trial: Int, through state: TrialState, exitCode: Int32? = nil, signal: Int32? = nil,
                        note: String?, at: Date) throws(RunStoreError) -> TrialTransition {
        guard state == .preempted || state == .retrying else {
            throw RunStoreError.invalidTransition(trial: trial, from: .running, to: state)
        }
        return try write { db in
            let ended = try RunStore.checkedTransition(db, trial: trial, to: state, at: at, note: note)
            try RunStore.insert(ended, db)
            try db.cachedStatement(sql: "UPDATE trial SET state = ?, exit_code = ?, exit_signal = ? WHERE number = ?")
                .execute(arguments: [state.rawValue, exitCode, signal, trial])
            let queued = try RunStore.checkedTransition(db, trial: trial, to: .queued, at: at, note: nil)
            try db.cachedStatement(sql: "UPDATE trial SET state = ?, attempt = ? WHERE number = ?")
                .execute(arguments: [TrialState.queued.rawValue, queued.attempt, trial])
            try RunStore.insert(queued, db)
            return queued
        }
    }

    /// For every trial with earlier attempts that did not end it: how many were retried and
    /// how many preempted, counted from the stored transitions (one query).
    public func attemptHistories() throws(RunStoreError) -> [Int: AttemptHistory] {
        try read { db in
            var out: [Int: AttemptHistory] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT trial, to_state, count(*) FROM transition
                WHERE to_state IN ('retrying', 'preempted') GROUP BY trial, to_state
                """)
            for row in rows {
                let trial: Int = row[0]
                let state: String = row[1]
                let count: Int = row[2]
                if state == TrialState.retrying.rawValue {
                    out[trial, default: AttemptHistory()].retries = count
                } else {
                    out[trial, default: AttemptHistory()].preemptions = count
                }
            }
            return out
        }
    }
}
