import Foundation

/// Keeps a `Study` as an hpo run — `<root>/<run>/run.db`, `sweep.yaml`, `results.csv` —
/// written as the CLI's controller writes its runs, so that `hpo status`, `hpo best`,
/// `hpo report` and `hpo ui` show a Swift driver's study as any run, and a restarted driver
/// resumes it (`Study(…, storage:)`, or `Study.open(run:root:…)`).
///
/// What is written: a trial asked is created straight into `running` (`created → queued →
/// starting → running`); each `report(step:value:)` is a point of the objective metric
/// (`metric`); a tell is the trial's final state — `succeeded` with the value told, `failed`,
/// or `pruned` with its last value — with the other metrics told as points at its last step,
/// and its results.csv row. Each trial gets its directory, `trials/<n>/` with `artifacts/` and
/// `checkpoints/`, for the driver's files. The run's sweep.yaml holds the space, goal, seed, strategy and
/// constraints, and no command (the driver is the command). While a study has the run open it
/// holds the run's lock, as a controller does: `hpo status` shows it running, and shows it
/// `interrupted` once the driver is gone. `optimize` marks the run completed when its budget
/// is spent.
///
/// Trials the stopped driver left running are stored `preempted` when the run is opened, and
/// run again as their next attempt (`preempted → queued → starting → running`) when the study
/// asks them again; the stopped attempt's points stay stored under its attempt number.
public final class RunStudyStorage: StudyStorage, @unchecked Sendable {
    /// Where the run lives.
    public let layout: RunLayout
    /// The name of the objective metric the curves are stored under (`objective` unless given).
    public let metric: String
    let now: @Sendable () -> Date
    private let open = LockedValue<OpenRun?>(nil)

    /// What an open run holds.
    private struct OpenRun {
        let store: RunStore
        let results: ResultsFile
        let lock: RunLock
        /// The attempt each trial runs (or ran last).
        var attempts: [Int: Int]
        var closed = false
    }

    /// A storage for run `name` under `root`; nothing is touched until a study opens it.
    /// - Parameter now: the clock of the stored times (tests drive it).
    /// - Throws: `RunNameError` for a name that is not one path component.
    public init(run name: String, root: String = "runs", metric: String = "objective",
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        layout = try RunLayout(root: root, name: name)
        self.metric = metric
        self.now = now
    }

    deinit { open.withLock { $0?.lock.release() } }

    /// The run's store, once a study opened it.
    public var store: RunStore? { open.withLock { $0?.store } }

    /// Lets go of the run: releases its lock, so another process may open it. Later writes
    /// throw `StudyRunError.closed`.
    public func close() {
        open.withLock { run in
            run?.lock.release()
            run?.closed = true
        }
    }

    // MARK: StudyStorage

    public func open(for study: Study) throws -> [StoredTrial] {
        let spec = RunStudyStorage.spec(of: study, name: layout.name, metric: metric)
        let (store, lock, trials) = FileManager.default.fileExists(atPath: layout.database)
            ? try reopen(spec, strategy: study.strategy.name) : try create(spec, strategy: study.strategy.name)
        do {
            let results = try ResultsFile(path: layout.resultsFile, table: ResultsTable(for: store), store: store)
            let attempts = Dictionary(uniqueKeysWithValues: try store.trials().map { ($0.number, $0.attempt) })
            open.withLock { $0 = OpenRun(store: store, results: results, lock: lock, attempts: attempts) }
            return trials
        } catch {
            lock.release()
            throw error
        }
    }

    public func trialAsked(number: Int, parameters: Configuration) throws {
        try write { run in
            let time = now()
            // trials/<n>/ with artifacts/ and checkpoints/, as a controller makes them: where
            // the driver may keep a trial's files (`hpo best` and `hpo artifacts` point there).
            try layout.createTrialDirectories(number)
            try run.store.createStartingTrial(number: number, configuration: parameters, slots: [], at: time)
            try run.store.recordJobStart(trial: number, at: time)
            run.attempts[number] = 1
        }
    }

    public func trialRetried(number: Int) throws {
        try write { run in
            let time = now()
            guard var state = try run.store.trial(number)?.state else { throw RunStoreError.trialNotFound(number) }
            if [.preempted, .retrying, .created].contains(state) {
                run.attempts[number] = try run.store.transition(trial: number, to: .queued, at: time,
                                                                note: "asked again by the study").attempt
                state = .queued
            }
            if state == .queued { try run.store.recordStarting(trial: number, slots: [], at: time) }
            run.attempts[number] = try run.store.recordJobStart(trial: number, at: time).attempt
        }
    }

    public func pointReported(trial: Int, step: Int, value: Double) throws {
        try write { run in
            try run.store.appendMetrics(trial: trial, attempt: run.attempts[trial] ?? 1,
                                        points: [MetricPoint(step: step, name: metric, value: value)], at: now())
        }
    }

    public func trialFinished(_ trial: StoredTrial) throws {
        try write { run in
            let time = now()
            let step = trial.curve.last?.step ?? 0
            let told = trial.metrics.filter { $0.key != metric }.sorted { $0.key < $1.key }
                .map { MetricPoint(step: step, name: $0.key, value: $0.value) }
            try run.store.appendMetrics(trial: trial.number, attempt: run.attempts[trial.number] ?? 1, points: told, at: time)
            let (state, objective, explanation) = RunStudyStorage.finalState(of: trial)
            let record = try run.store.recordFinish(trial: trial.number, state: state, objective: objective,
                                                    steps: trial.curve.count, explanation: explanation, at: time)
            try run.results.append(record)
        }
    }

    public func studyCompleted() throws {
        try write { run in try run.store.setRunState(.completed, at: now()) }
    }

    /// Runs `body` on the open run.
    private func write(_ body: (inout OpenRun) throws -> Void) throws {
        try open.withLock { run in
            guard var current = run, !current.closed else { throw StudyRunError.closed(run: layout.name) }
            defer { run = current }
            try body(&current)
        }
    }
}
