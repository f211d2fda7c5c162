/// Telling results and reporting learning curves.
extension Study {
    /// Finishes a trial with its objective value.
    ///
    /// A NaN value (a diverged loss) marks the trial failed, as Optuna does: it has no value
    /// and is never best. The strategy still hears `.value(.nan)`, so a model may learn that
    /// the region diverges. Infinite values complete the trial but are never best.
    /// - Throws: `StudyError.alreadyFinished`, `StudyError.unknownTrial`.
    public func tell(_ trial: Trial, value: Double) throws {
        try tell(trial, .value(value))
    }

    /// Finishes a trial with its objective value and other metrics it measured, such as the
    /// constrained ones (`constraints`): `tell(trial, value: 0.12, metrics: ["peak_memory_gb": 14])`.
    /// - Throws: `StudyError.alreadyFinished`, `StudyError.unknownTrial`.
    public func tell(_ trial: Trial, value: Double, metrics: [String: Double]) throws {
        try finish(trial, .value(value), explanation: nil, metrics: metrics)
    }

    /// Finishes a trial: `.value(v)`, `.failed`, or `.pruned(value:)`. A pruned trial told no
    /// value takes the last value it reported, if any.
    /// - Throws: `StudyError.alreadyFinished`, `StudyError.unknownTrial`.
    public func tell(_ trial: Trial, _ outcome: Outcome) throws {
        try finish(trial, outcome, explanation: nil)
    }

    /// `tell(_:_:)` with why the trial ended, for the storage (an error's message), and the
    /// metrics told with the value, if any.
    func finish(_ trial: Trial, _ outcome: Outcome, explanation: String?, metrics: [String: Double]? = nil) throws {
        try locked {
            let n = try runningIndex(of: trial, finished: StudyError.alreadyFinished)
            var finished = records[n]
            if let metrics { finished.metrics = metrics }
            switch outcome {
            case .value(let v):
                finished.state = v.isNaN ? .failed : .completed
                finished.outcome = outcome
            case .failed:
                finished.state = .failed
                finished.outcome = .failed
            case .pruned(let v):
                finished.state = .pruned
                finished.outcome = .pruned(value: v ?? finished.curve.last?.value)
            }
            // Stored first: a result the storage refused is not taken in memory either.
            try storage?.trialFinished(StoredTrial(number: n, finished, explanation: explanation))
            records[n] = finished
        }
    }

    /// Appends a point to a running trial's learning curve. Called through
    /// `trial.report(step:value:)`.
    func report(_ trial: Trial, step: Int, value: Double) throws {
        try locked {
            let n = try runningIndex(of: trial, finished: StudyError.reportAfterFinish)
            if let previous = records[n].curve.last?.step, step <= previous {
                throw StudyError.stepNotIncreasing(trial: n, step: step, previous: previous)
            }
            try storage?.pointReported(trial: n, step: step, value: value)
            records[n].curve.append(CurvePoint(step: step, value: value))
            if earlyStopping != nil { stoppingHistory.append(trial: n, step: step, value: value) }
        }
    }

    /// The index of a trial of this study that is still running.
    /// - Precondition: the caller holds `lock`.
    private func runningIndex(of trial: Trial, finished: (Int, Trial.State) -> StudyError) throws -> Int {
        guard trial.study === self else { throw StudyError.unknownTrial(trial.number) }
        let state = records[trial.number].state
        guard state == .running else { throw finished(trial.number, state) }
        return trial.number
    }
}
