import Foundation
import GRDB

extension RunStore {
    /// Records a new trial in state `created` (and its creation as a transition). With
    /// `queued`, also moves it to `queued` in the same transaction: both transitions are
    /// stored, one commit instead of two.
    @discardableResult
    public func createTrial(number: Int, configuration: Search.Configuration, at: Date,
                            queued: Bool = false) throws(RunStoreError) -> TrialTransition {
        let parameters = ParameterJSON.encode(configuration, order: parameterNames)
        return try write { db in
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM trial WHERE number = ?"), arguments: [number]) != nil {
                throw RunStoreError.trialExists(number)
            }
            let state: TrialState = queued ? .queued : .created
            try db.cachedStatement(sql: "INSERT INTO trial (number, parameters, state, attempt, created_at) VALUES (?, ?, ?, 1, ?)")
                .execute(arguments: [number, parameters, state.rawValue, at.timeIntervalSince1970])
            var transition = TrialTransition(trial: number, attempt: 1, from: nil, to: .created, at: at, note: nil)
            try RunStore.insert(transition, db)
            if queued {
                transition = TrialTransition(trial: number, attempt: 1, from: .created, to: .queued, at: at, note: nil)
                try RunStore.insert(transition, db)
            }
            return transition
        }
    }

    /// Records a new trial straight into `starting` with the slots it holds — `created`,
    /// `queued` and `starting` stored as three transitions in one commit — for a controller
    /// that only creates trials it can start at once. Its process may be spawned after this.
    @discardableResult
    public func createStartingTrial(number: Int, configuration: Search.Configuration, slots: [Int],
                                    at: Date) throws(RunStoreError) -> TrialTransition {
        let parameters = ParameterJSON.encode(configuration, order: parameterNames)
        return try write { db in
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM trial WHERE number = ?"), arguments: [number]) != nil {
                throw RunStoreError.trialExists(number)
            }
            try db.cachedStatement(sql: """
                INSERT INTO trial (number, parameters, state, attempt, slots, created_at) VALUES (?, ?, ?, 1, ?, ?)
                """).execute(arguments: [number, parameters, TrialState.starting.rawValue, RunStore.slotsText(slots),
                                         at.timeIntervalSince1970])
            var last = TrialTransition(trial: number, attempt: 1, from: nil, to: .created, at: at, note: nil)
            try RunStore.insert(last, db)
            for (from, to) in [(TrialState.created, TrialState.queued), (.queued, .starting)] {
                last = TrialTransition(trial: number, attempt: 1, from: from, to: to, at: at, note: nil)
                try RunStore.insert(last, db)
            }
            return last
        }
    }

    /// Moves a trial to `state`, checked against `TrialState`'s rules; the trial row and
    /// the transition row are written in one transaction. `preempted → queued` and
    /// `retrying → queued` start the next attempt. Reaching a final state sets the finish time.
    @discardableResult
    public func transition(trial: Int, to state: TrialState, at: Date, note: String? = nil) throws(RunStoreError) -> TrialTransition {
        try write { db in
            let change = try RunStore.checkedTransition(db, trial: trial, to: state, at: at, note: note)
            try db.cachedStatement(sql: "UPDATE trial SET state = ?, attempt = ?, finished_at = coalesce(?, finished_at) WHERE number = ?")
                .execute(arguments: [state.rawValue, change.attempt, state.isFinal ? at.timeIntervalSince1970 : nil, trial])
            try RunStore.insert(change, db)
            return change
        }
    }

    /// `queued → starting`: records the attempt's slots before the process is spawned, so
    /// that a crash between the spawn and the next write still knows what the trial held.
    @discardableResult
    public func recordStarting(trial: Int, slots: [Int], at: Date, note: String? = nil) throws(RunStoreError) -> TrialTransition {
        try write { db in
            let change = try RunStore.checkedTransition(db, trial: trial, to: .starting, at: at, note: note)
            try db.cachedStatement(sql: """
                UPDATE trial SET state = ?, slots = ?, pid = NULL, pgid = NULL, process_start = NULL, job_id = NULL,
                    metrics_offset = NULL, started_at = NULL, exit_code = NULL, exit_signal = NULL WHERE number = ?
                """).execute(arguments: [TrialState.starting.rawValue, RunStore.slotsText(slots), trial])
            try RunStore.insert(change, db)
            return change
        }
    }

    /// `starting → running`: records the spawned process and the launch time.
    @discardableResult
    public func recordLaunch(trial: Int, process: ProcessRecord, at: Date, note: String? = nil) throws(RunStoreError) -> TrialTransition {
        try write { db in
            let change = try RunStore.checkedTransition(db, trial: trial, to: .running, at: at, note: note)
            try db.cachedStatement(sql: """
                UPDATE trial SET state = ?, pid = ?, pgid = ?, process_start = ?, started_at = ? WHERE number = ?
                """).execute(arguments: [TrialState.running.rawValue, process.pid, process.processGroup,
                                         Int64(bitPattern: process.startTime), at.timeIntervalSince1970, trial])
            try RunStore.insert(change, db)
            return change
        }
    }

    /// A `starting` trial's batch job was submitted: its id, and where its attempt's lines
    /// begin in the metrics file. No transition: the trial is `starting` (queued in the
    /// scheduler) until `recordJobStart`.
    public func recordSubmission(trial: Int, job: String, metricsOffset: Int64, at: Date) throws(RunStoreError) {
        try write { db in
            try db.cachedStatement(sql: "UPDATE trial SET job_id = ?, metrics_offset = ? WHERE number = ?")
                .execute(arguments: [job, metricsOffset, trial])
        }
    }

    /// `starting → running` for a batch job the scheduler started.
    @discardableResult
    public func recordJobStart(trial: Int, at: Date, note: String? = nil) throws(RunStoreError) -> TrialTransition {
        try write { db in
            let change = try RunStore.checkedTransition(db, trial: trial, to: .running, at: at, note: note)
            try db.cachedStatement(sql: "UPDATE trial SET state = ?, started_at = ? WHERE number = ?")
                .execute(arguments: [TrialState.running.rawValue, at.timeIntervalSince1970, trial])
            try RunStore.insert(change, db)
            return change
        }
    }

    /// Moves a trial to its final `state` with how it ended. `explanation` is stored with
    /// the trial and as the transition's note. A non-finite objective is stored as none.
    /// Returns the finished trial, read in the same transaction: what its results.csv row needs.
    @discardableResult
    public func recordFinish(trial: Int, state: TrialState, exitCode: Int32? = nil, signal: Int32? = nil,
                             objective: Double? = nil, steps: Int? = nil, explanation: String? = nil,
                             at: Date) throws(RunStoreError) -> TrialRecord {
        guard state.isFinal else { throw RunStoreError.notFinal(trial: trial, state: state) }
        let finite = objective.flatMap { $0.isFinite ? $0 : nil }
        return try write { db in
            let change = try RunStore.checkedTransition(db, trial: trial, to: state, at: at, note: explanation)
            try db.cachedStatement(sql: """
                UPDATE trial SET state = ?, finished_at = ?, exit_code = ?, exit_signal = ?, objective = ?,
                    steps = ?, explanation = ? WHERE number = ?
                """).execute(arguments: [state.rawValue, at.timeIntervalSince1970, exitCode, signal, finite,
                                         steps, explanation, trial])
            try RunStore.insert(change, db)
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM trial WHERE number = ?"), arguments: [trial])
            return try trialRecord(row!)
        }
    }

    /// Reads the trial's state, checks the move, and returns the transition to write.
    static func checkedTransition(_ db: Database, trial: Int, to state: TrialState, at: Date,
                                  note: String?) throws -> TrialTransition {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT state, attempt FROM trial WHERE number = ?"),
                                         arguments: [trial]) else {
            throw RunStoreError.trialNotFound(trial)
        }
        let text: String = row[0]
        guard let from = TrialState(rawValue: text) else {
            throw RunStoreError.badValue(path: db.description, detail: "trial \(trial) state '\(text)'")
        }
        guard from.canTransition(to: state) else {
            throw RunStoreError.invalidTransition(trial: trial, from: from, to: state)
        }
        let attempt: Int = row[1]
        let next = (from == .preempted || from == .retrying) && state == .queued ? attempt + 1 : attempt
        return TrialTransition(trial: trial, attempt: next, from: from, to: state, at: at, note: note)
    }

    static func insert(_ t: TrialTransition, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO transition (trial, attempt, from_state, to_state, at, note) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [t.trial, t.attempt, t.from?.rawValue, t.to.rawValue, t.at.timeIntervalSince1970, t.note])
    }

    /// Slots as stored: `0,1`.
    static func slotsText(_ slots: [Int]) -> String { slots.map(String.init).joined(separator: ",") }
}
