import Foundation

/// Ask/tell optimization for a training driver written in Swift.
///
///     let study = try Study(space: space, strategy: .random, goal: .minimize, seed: 7)
///     for _ in 0..<50 {
///         let trial = try study.ask()
///         try study.tell(trial, value: train(trial.parameters))
///     }
///     print(study.bestTrial!)
///
/// Each `ask` hands the strategy every finished trial and every running one (as pending), so
/// it never proposes a running configuration again, and a batch asked at once gets what one-
/// at-a-time asking would give while nothing finishes in between. The curves trials reported
/// come with them, and with an `asha` or `hyperband` rule its rungs (`context()`). Trials are numbered from 0
/// in the order they are asked: `study.trials[n].number == n`.
///
/// A `Study` is a final class rather than a struct because trials and workers share it: a
/// `Trial` reports its learning curve into the study it came from (`trial.report(step:value:)`),
/// and parallel workers ask and tell the same study. Its state is guarded by one lock, held
/// only to read or change records, never while the strategy computes: a Bayesian suggestion
/// can take seconds with a thousand trials told, and other workers' `report`, `shouldStop`
/// and `tell` must not wait for it. Asks take a second lock, one at a time, so that two
/// concurrent asks can never receive the same configuration (the second sees the first's
/// trials as pending). The class is therefore `Sendable`.
public final class Study: @unchecked Sendable {
    /// The space searched.
    public let space: SearchSpace
    /// Whether smaller or larger values are better.
    public let goal: Goal
    /// Fixes every random choice of the strategy: the same seed and the same results told in
    /// the same order give the same trials.
    public let seed: UInt64
    /// The strategy asked for suggestions.
    public let strategy: any Strategy
    /// The rule `shouldStop` consults, if any.
    public let earlyStopping: (any EarlyStopping)?
    /// The outcome constraints a trial must respect to count (`tell(_:value:metrics:)`
    /// gives the metrics): an infeasible trial is never `bestTrial`, and the strategy hears
    /// the constrained metrics' values (`Observation.constraintValues`).
    public let constraints: [OutcomeConstraint]
    /// The objectives (`Study+Objectives.swift`): one, `value` under `goal`, unless the study
    /// was made with several; set only while it is made.
    public internal(set) var objectives: [Objective]

    /// One trial's state. Guarded by `lock`, as is `records`.
    struct Record: Sendable {
        let parameters: Configuration
        var state: Trial.State = .running
        /// What the strategy hears, once finished.
        var outcome: Outcome?
        var curve: [CurvePoint] = []
        /// The other metrics told with the value (`tell(_:value:metrics:)`).
        var metrics: [String: Double] = [:]

        /// The objective: a completed trial's value, or a pruned trial's last value.
        var value: Double? {
            switch outcome {
            case .value(let v)? where state == .completed: return v
            case .pruned(let v)?: return v
            default: return nil
            }
        }
    }

    let lock = NSLock()
    /// Serializes asks (see the type's comment); taken before `lock`, never after it.
    let askLock = NSLock()
    var records: [Record] = []
    /// Every trial's reported curve, indexed for `earlyStopping`. Guarded by `lock`.
    var stoppingHistory: CurveHistory
    /// Where every ask, report and tell is recorded, if anywhere (`Study+Storage.swift`).
    /// Set once while opening, before any other thread sees the study.
    public internal(set) var storage: (any StudyStorage)?
    /// What the next asks hand out before the strategy's suggestions: trials a stopped
    /// driver left running, then enqueued configurations. Guarded by `lock`.
    var queue = StudyQueue()

    /// Creates a study.
    ///
    /// - Throws: what the strategy throws for a space it cannot search (a grid over a
    ///   continuous parameter without `gridPoints`), at once rather than at the first `ask`.
    ///
    /// - Parameter earlyStopping: the rule `shouldStop(_:)` applies to reported learning
    ///   curves (e.g. `try EarlyStoppingRule.make(name: "asha")`); without one nothing stops.
    /// - Parameter constraints: bounds on metrics told with `tell(_:value:metrics:)`; a trial
    ///   that violates one, or did not tell the metric, is infeasible: never `bestTrial`.
    public init(space: SearchSpace, strategy: StrategyChoice, goal: Goal = .minimize, seed: UInt64 = 0,
                earlyStopping: (any EarlyStopping)? = nil, constraints: [OutcomeConstraint] = []) throws {
        self.space = space
        self.constraints = constraints
        self.earlyStopping = earlyStopping
        self.stoppingHistory = CurveHistory(rule: earlyStopping, goal: goal)
        self.goal = goal
        self.objectives = [Objective(metric: "value", goal: goal)]
        self.seed = seed
        self.strategy = strategy.strategy
        // Asking for nothing lets the strategy check the space without suggesting anything.
        do {
            _ = try self.strategy.suggest(count: 0, context: SuggestionContext(space: space, goal: goal, seed: seed))
        } catch let error as StrategyError {
            throw StudyError.strategyCannotSearch(strategy: self.strategy.name, error)
        }
    }

    /// Starts one new trial.
    /// - Throws: `StudyError.exhausted` when the strategy has nothing left to suggest.
    public func ask() throws -> Trial {
        try ask(count: 1)[0]
    }

    /// Starts up to `count` new trials at once, for parallel workers: distinct configurations,
    /// each also distinct from every running trial in a discrete space. Fewer than `count`
    /// come back when the strategy runs out (a grid near its end).
    /// - Throws: `StudyError.exhausted` when the strategy has nothing left to suggest;
    ///   `StudyError.invalidCount` for `count < 1`.
    public func ask(count: Int) throws -> [Trial] {
        guard count >= 1 else { throw StudyError.invalidCount(count) }
        askLock.lock()
        defer { askLock.unlock() }
        return try askHoldingAskLock(count: count)
    }

    /// `ask(count:)` for a caller holding `askLock`: queued trials first (`StudyQueue`), then
    /// the strategy's suggestions.
    func askHoldingAskLock(count: Int) throws -> [Trial] {
        let queued = try locked { try takeQueued(count: count) }
        if queued.count == count { return queued }
        let count = count - queued.count
        // Trials told meanwhile are simply not seen by this suggestion; the pending ones are,
        // since only an ask adds trials and asks take turns.
        let snapshot = locked { context() }
        let suggestions = try strategy.suggest(count: count, context: snapshot)
        return try locked {
            guard !suggestions.isEmpty else {
                if !queued.isEmpty { return queued }
                throw StudyError.exhausted(strategy: strategy.name, trials: records.count)
            }
            if let bad = suggestions.first(where: { !space.contains($0) }) {
                throw StudyError.invalidSuggestion(strategy: strategy.name, configuration: text(of: bad))
            }
            return try queued + suggestions.prefix(count).map { configuration in try startTrial(configuration) }
        }
    }

    /// What the strategy sees: finished trials in trial order with the curves they reported,
    /// the running ones as pending with their curves so far, and the rule's rungs (with
    /// `asha` or `hyperband`), so that a multi-fidelity model learns from every curve. The
    /// curves are the records' arrays, shared, not copied.
    /// - Precondition: the caller holds `lock`.
    func context() -> SuggestionContext {
        var completed: [Observation] = []
        var pending: [Configuration] = []
        var pendingCurves: [Configuration: [CurvePoint]] = [:]
        for r in records {
            if let outcome = r.outcome {
                var observation = Observation(r.parameters, outcome, curve: r.curve)
                observation.constraintValues = constraints.map { r.metrics[$0.metric] ?? .nan }
                observation.furtherValues = objectives.dropFirst().map { r.metrics[$0.metric] ?? .nan }
                completed.append(observation)
            } else {
                pending.append(r.parameters)
                if !r.curve.isEmpty && pendingCurves[r.parameters] == nil { pendingCurves[r.parameters] = r.curve }
            }
        }
        var context = SuggestionContext(space: space, goal: goal, seed: seed, completed: completed, pending: pending,
                                        pendingCurves: pendingCurves, resources: earlyStopping?.resources)
        context.constraints = constraints
        context.furtherGoals = objectives.dropFirst().map(\.goal)
        return context
    }

    /// `configuration` as `name=value` pairs in declared order, for messages.
    func text(of configuration: Configuration) -> String {
        let known = space.names.compactMap { name in configuration[name].map { "\(name)=\($0.commandLineText)" } }
        let unknown = configuration.values.keys.filter { space[$0] == nil }.sorted()
            .map { "\($0)=\(configuration[$0]!.commandLineText)" }
        return (known + unknown).joined(separator: " ")
    }

    /// Runs `body` holding the lock.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
