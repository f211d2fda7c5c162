/// A study kept in a `StudyStorage`: every ask, report and tell is recorded as it happens,
/// and a study opened on a storage that holds trials resumes them.
extension Study {
    /// Creates a study kept in `storage`, resuming the trials it holds.
    ///
    /// Resuming: finished trials keep their numbers, values and curves; the strategy hears
    /// them as it heard them, and the early-stopping rule's history is rebuilt from their
    /// curves. Trials the stopped driver left running are asked again first, under their own
    /// numbers and parameters, as their next attempt with a fresh curve (as `hpo resume` runs
    /// a cut-off trial again). New trials are numbered after the stored ones.
    ///
    /// - Throws: what `init(space:strategy:goal:seed:earlyStopping:constraints:)` throws,
    ///   what the storage throws (a run of another study), and
    ///   `StudyError.storedTrialOutsideSpace` for a stored trial the space does not contain.
    public convenience init(space: SearchSpace, strategy: StrategyChoice, goal: Goal = .minimize, seed: UInt64 = 0,
                            earlyStopping: (any EarlyStopping)? = nil, constraints: [OutcomeConstraint] = [],
                            storage: any StudyStorage) throws {
        try self.init(space: space, strategy: strategy, goal: goal, seed: seed, earlyStopping: earlyStopping,
                      constraints: constraints)
        try resume(from: storage)
    }

    /// Creates a study with several objectives kept in `storage`, resuming the trials it
    /// holds (each trial's later objectives come back from its stored metrics): see
    /// `init(space:strategy:objectives:seed:earlyStopping:constraints:)` and the initializer above.
    public convenience init(space: SearchSpace, strategy: StrategyChoice, objectives: [Objective], seed: UInt64 = 0,
                            earlyStopping: (any EarlyStopping)? = nil, constraints: [OutcomeConstraint] = [],
                            storage: any StudyStorage) throws {
        try self.init(space: space, strategy: strategy, objectives: objectives, seed: seed,
                      earlyStopping: earlyStopping, constraints: constraints)
        try resume(from: storage)
    }

    /// Loads the trials `storage` holds and records everything from now on in it.
    private func resume(from storage: any StudyStorage) throws {
        let stored = try storage.open(for: self)
        try locked {
            for (index, trial) in stored.enumerated() {
                guard trial.number == index else { throw StudyError.storedTrialNumber(expected: index, found: trial.number) }
                guard space.contains(trial.parameters) else {
                    throw StudyError.storedTrialOutsideSpace(trial: index, configuration: text(of: trial.parameters))
                }
                var record = Record(parameters: trial.parameters)
                record.state = trial.state
                record.metrics = trial.metrics
                if trial.state == .running {
                    queue.retries.append(index)
                } else {
                    record.outcome = trial.outcome ?? .failed
                    record.curve = trial.curve
                    if earlyStopping != nil {
                        for point in trial.curve { stoppingHistory.append(trial: index, step: point.step, value: point.value) }
                    }
                }
                records.append(record)
            }
            self.storage = storage
        }
    }

    /// Starts a new trial of `configuration`, recorded in the storage first.
    /// - Precondition: the caller holds `lock`.
    func startTrial(_ configuration: Configuration) throws -> Trial {
        try storage?.trialAsked(number: records.count, parameters: configuration)
        records.append(Record(parameters: configuration))
        return Trial(number: records.count - 1, parameters: configuration, study: self)
    }

    /// Up to `count` queued trials (`StudyQueue`): retries first, then enqueued configurations.
    /// - Precondition: the caller holds `lock` (and `askLock`).
    func takeQueued(count: Int) throws -> [Trial] {
        var trials: [Trial] = []
        while trials.count < count, let number = queue.retries.first {
            try storage?.trialRetried(number: number)
            queue.retries.removeFirst()
            trials.append(Trial(number: number, parameters: records[number].parameters, study: self))
        }
        while trials.count < count, let configuration = queue.configurations.first {
            trials.append(try startTrial(configuration))
            queue.configurations.removeFirst()
        }
        return trials
    }
}
