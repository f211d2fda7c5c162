import Foundation

/// The optimization loop, run by the study: ask, run the objective, tell, with a budget and
/// parallel workers, as Optuna's `study.optimize`.
extension Study {
    /// Runs `objective` on trials until the study holds `trials` trials, all finished, with
    /// `workers` of them running at once on threads of their own (the calling thread is one).
    ///
    ///     try study.optimize(trials: 40, workers: 4) { trial in
    ///         let lr = try trial.real("lr")
    ///         …
    ///         return validationLoss
    ///     }
    ///
    /// - The budget counts every trial of the study, those of earlier runs of the driver
    ///   included: a driver restarted after a crash with the same `trials` runs only what is
    ///   left (trials it left running first, as their next attempt).
    /// - The objective returns the trial's value; throws `TrialPruned()` to stop it early (it
    ///   is told `.pruned(value: nil)`); throws anything else to fail it (the error's message
    ///   is stored with it) — the loop goes on with the next trial. Report learning curves
    ///   with `trial.report(step:value:)` and ask `trial.shouldStop`; do not tell the trial.
    /// - A NaN value fails the trial, as with `tell`.
    /// - It ends early when the strategy has nothing left (a grid walked to its end).
    ///
    /// - Parameter maxFailures: stop once this many trials of this call failed; nil: stop
    ///   once at least 5 failed and failures are more than half of those finished, as `hpo`
    ///   does, so a broken objective does not burn the budget.
    /// - Throws: `StudyError.tooManyFailures` (after the running trials finished), what the
    ///   storage throws, `StudyError.invalidOptimize` for `trials < 0` or `workers < 1`.
    public func optimize(trials budget: Int, workers: Int = 1, maxFailures: Int? = nil,
                         _ objective: @escaping @Sendable (Trial) throws -> Double) throws {
        try checkOptimize(trials: budget, workers: workers)
        let progress = OptimizeProgress(maximumFailures: maxFailures)
        let work: @Sendable () -> Void = {
            while !progress.isStopped, let trial = self.nextTrial(within: budget, progress: progress) {
                let value = Result { try objective(trial) }
                self.conclude(trial, with: value, progress: progress)
            }
        }
        let done = DispatchGroup()
        for _ in 1..<workers {
            done.enter()
            let thread = Thread { work(); done.leave() }
            thread.name = "hpo.optimize"
            thread.start()
        }
        work()
        done.wait()
        try finishOptimize(within: budget, progress: progress)
    }

    /// Checks `optimize`'s arguments.
    func checkOptimize(trials budget: Int, workers: Int) throws {
        guard budget >= 0 else { throw StudyError.invalidOptimize("trials must be at least 0, got \(budget)") }
        guard workers >= 1 else { throw StudyError.invalidOptimize("workers must be at least 1, got \(workers)") }
    }

    /// The next trial to run within a budget of `budget` trials: a queued one, or a new one
    /// while the study holds fewer; nil when the budget is spent, the strategy has nothing
    /// left, or the call stops (the error is kept in `progress`). Blocks while another
    /// worker asks, and while the strategy computes.
    func nextTrial(within budget: Int, progress: OptimizeProgress) -> Trial? {
        askLock.lock()
        defer { askLock.unlock() }
        guard !progress.isStopped, locked({ !queue.retries.isEmpty || records.count < budget }) else { return nil }
        do {
            return try askHoldingAskLock(count: 1).first
        } catch StudyError.exhausted {
            progress.exhausted = true
            return nil
        } catch {
            progress.stop(error)
            return nil
        }
    }

    /// Tells `trial` what its objective gave; an error of the study's own stops the call.
    func conclude(_ trial: Trial, with result: Result<Double, any Error>, progress: OptimizeProgress) {
        do {
            // An objective that told its trial itself has nothing left to tell.
            guard record(trial.number).state == .running else { return progress.record(failure: nil) }
            switch result {
            case .success(let value):
                try tell(trial, .value(value))
                progress.record(failure: value.isNaN ? "the objective returned NaN" : nil)
            case .failure(let error) where error is TrialPruned:
                let decision = stoppingDecision(for: trial).flatMap { $0.shouldStop ? $0.description : nil }
                try finish(trial, .pruned(value: nil), explanation: decision)
                progress.record(failure: nil)
            case .failure(let error):
                try finish(trial, .failed, explanation: "\(error)")
                progress.record(failure: "\(error)")
            }
        } catch {
            progress.stop(error)
        }
    }

    /// Ends an `optimize` call: rethrows what stopped it, or, when every trial of the budget
    /// (or of the strategy, when it ran out first) has its result, tells the storage the study
    /// is complete.
    func finishOptimize(within budget: Int, progress: OptimizeProgress) throws {
        if let error = progress.error { throw error }
        let complete = locked {
            (records.count >= budget || progress.exhausted) && queue.retries.isEmpty && records.allSatisfy { $0.state.isFinished }
        }
        if complete { try locked { try storage?.studyCompleted() } }
    }
}
