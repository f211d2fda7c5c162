import Foundation
import GRDB

extension RunStore {
    /// The trials (all, or those in `states`), by number. Filtered by SQLite: only the rows
    /// asked for are decoded (the dashboard asks for the running ones of 10,000 trials on
    /// every refresh).
    public func trials(in states: Set<TrialState>? = nil) throws(RunStoreError) -> [TrialRecord] {
        try read { db in
            guard let states else {
                return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM trial ORDER BY number")).map { try trialRecord($0) }
            }
            let names = states.map(\.rawValue).sorted()
            let marks = names.map { _ in "?" }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT * FROM trial WHERE state IN (\(marks)) ORDER BY number",
                                    arguments: StatementArguments(names)).map { try trialRecord($0) }
        }
    }

    /// One trial, or nil when there is none with this number.
    public func trial(_ number: Int) throws(RunStoreError) -> TrialRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM trial WHERE number = ?"), arguments: [number])
                .map { try trialRecord($0) }
        }
    }

    /// The largest trial number, or nil while there is no trial.
    public func maximumTrialNumber() throws(RunStoreError) -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT max(number) FROM trial") }
    }

    /// Every stored transition of a trial, oldest first.
    public func transitions(trial: Int) throws(RunStoreError) -> [TrialTransition] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM transition WHERE trial = ? ORDER BY id", arguments: [trial]).map { row in
                let from: String? = row["from_state"]
                let toText: String = row["to_state"]
                guard let to = TrialState(rawValue: toText), from.map({ TrialState(rawValue: $0) != nil }) ?? true else {
                    throw RunStoreError.badValue(path: path, detail: "transition of trial \(trial) to '\(toText)'")
                }
                return TrialTransition(trial: row["trial"], attempt: row["attempt"], from: from.flatMap(TrialState.init),
                                       to: to, at: Date(timeIntervalSince1970: row["at"]), note: row["note"])
            }
        }
    }

    /// How many trials are in each state (states with none are absent).
    public func countsByState() throws(RunStoreError) -> [TrialState: Int] {
        try read { db in try RunStore.counts(db, path: path) }
    }

    /// The best `succeeded` feasible trial (`constraints`) under `goal` (the run's goal by
    /// default); ties go to the lower trial number.
    public func bestTrial(goal: Goal? = nil) throws(RunStoreError) -> TrialRecord? {
        try read { db in try bestTrial(db, goal: goal ?? self.goal) }
    }

    /// The run, its counts and its best trial, read in one snapshot.
    public func summary() throws(RunStoreError) -> RunSummary {
        try read { db in
            let run = try RunStore.fetchRun(db, path: path)
            return RunSummary(run: run, counts: try RunStore.counts(db, path: path), best: try bestTrial(db, goal: run.goal))
        }
    }

    static func counts(_ db: Database, path: String) throws -> [TrialState: Int] {
        var counts: [TrialState: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM trial GROUP BY state") {
            let text: String = row[0]
            guard let state = TrialState(rawValue: text) else {
                throw RunStoreError.badValue(path: path, detail: "trial state '\(text)'")
            }
            counts[state] = row[1]
        }
        return counts
    }

    func bestTrial(_ db: Database, goal: Goal) throws -> TrialRecord? {
        let order = goal == .minimize ? "ASC" : "DESC"
        let (feasible, arguments) = feasibilityFilter()
        return try Row.fetchOne(db, sql: """
            SELECT * FROM trial WHERE state = 'succeeded' AND objective IS NOT NULL\(feasible)
            ORDER BY objective \(order), number LIMIT 1
            """, arguments: arguments).map { try trialRecord($0) }
    }

    func trialRecord(_ row: Row) throws -> TrialRecord {
        let number: Int = row["number"]
        let stateText: String = row["state"]
        guard let state = TrialState(rawValue: stateText) else {
            throw RunStoreError.badValue(path: path, detail: "trial \(number) state '\(stateText)'")
        }
        let parametersText: String = row["parameters"]
        guard let (configuration, _) = ParameterJSON.decode(parametersText) else {
            throw RunStoreError.badValue(path: path, detail: "trial \(number) parameters \(parametersText)")
        }
        let slotsText: String? = row["slots"]
        let slots = (slotsText ?? "").split(separator: ",").compactMap { Int($0) }
        var process: ProcessRecord?
        if let pid: Int32 = row["pid"] {
            let start: Int64 = row["process_start"] ?? 0
            process = ProcessRecord(pid: pid, processGroup: row["pgid"] ?? pid, startTime: UInt64(bitPattern: start))
        }
        let startedAt: Double? = row["started_at"]
        let finishedAt: Double? = row["finished_at"]
        return TrialRecord(number: number, configuration: configuration, state: state, attempt: row["attempt"],
                           slots: slots, process: process, createdAt: Date(timeIntervalSince1970: row["created_at"]),
                           startedAt: startedAt.map(Date.init(timeIntervalSince1970:)),
                           finishedAt: finishedAt.map(Date.init(timeIntervalSince1970:)),
                           exitCode: row["exit_code"], signal: row["exit_signal"], objective: row["objective"],
                           steps: row["steps"], explanation: row["explanation"], job: row["job_id"],
                           metricsOffset: row["metrics_offset"])
    }
}

extension RunStore {
    /// What the store holds beyond `since` (`RunChanges`): the trials with a transition or a
    /// metric point since (re-read whole, by number) and the metric points since. Reads only
    /// the rows past the ids of `since` — through the primary keys — plus two counts, so a
    /// view kept in memory costs what changed (the dashboard at 10,000 trials).
    public func changes(since: RunChanges.Mark = RunChanges.Mark()) throws(RunStoreError) -> RunChanges {
        try read { db in
            var mark = RunChanges.Mark()
            mark.transitions = try Int64.fetchOne(db, sql: "SELECT max(id) FROM transition") ?? 0
            mark.metrics = try Int64.fetchOne(db, sql: "SELECT max(id) FROM metric") ?? 0
            mark.transitionRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM transition") ?? 0
            mark.metricRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM metric") ?? 0
            let run = try RunStore.fetchRun(db, path: path)
            let summary = RunSummary(run: run, counts: try RunStore.counts(db, path: path), best: try bestTrial(db, goal: run.goal))
            var points: [(trial: Int, point: MetricPoint)] = []
            var changed = Set<Int>()
            let rows = try Row.fetchCursor(db, sql: "SELECT trial, step, name, value FROM metric WHERE id > ? ORDER BY id",
                                           arguments: [since.metrics])
            while let row = try rows.next() {
                let value: Double? = row[3]
                let trial: Int = row[0]
                points.append((trial, MetricPoint(step: row[1], name: row[2], value: value ?? .nan)))
                changed.insert(trial)
            }
            let transitionsSince = try Int.fetchOne(db, sql: "SELECT count(*) FROM transition WHERE id > ?",
                                                    arguments: [since.transitions]) ?? 0
            var trials: [TrialRecord]
            if since.transitions == 0 {
                trials = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM trial ORDER BY number")).map { try trialRecord($0) }
            } else {
                changed.formUnion(try Int.fetchAll(db, sql: "SELECT DISTINCT trial FROM transition WHERE id > ?",
                                                   arguments: [since.transitions]))
                let list = changed.sorted().map(String.init).joined(separator: ",")
                trials = changed.isEmpty ? [] : try Row.fetchAll(db, sql: "SELECT * FROM trial WHERE number IN (\(list)) ORDER BY number")
                    .map { try trialRecord($0) }
            }
            let succeeded = trials.filter { $0.state == .succeeded }.map(\.number)
            let values = constraints.isEmpty ? [:] : try constraintValues(db, trials: succeeded)
            let infeasible = constraints.isEmpty ? []
                : Set(succeeded.filter { !OutcomeConstraint.allSatisfied(constraints, by: values[$0] ?? []) })
            var objectives: (values: [Int: [Double]], front: [Int])?
            if isMultiObjective, !trials.isEmpty {
                let all = try Row.fetchAll(db, sql: "SELECT * FROM trial WHERE state = 'succeeded' ORDER BY number").map { try trialRecord($0) }
                objectives = (try objectiveVectors(db, trials: all), try paretoFront(db, succeeded: all).map(\.number))
            }
            return RunChanges(mark: mark, summary: summary, trials: trials, transitionsSince: transitionsSince, points: points, infeasible: infeasible,
                              objectives: objectives)
        }
    }
}
