import Foundation

extension Study {
    /// `optimize(trials:workers:maxFailures:_:)` for an async objective: `workers` child tasks
    /// of a task group, each asking, awaiting the objective and telling, until the budget is
    /// spent. The same budget, outcomes and errors as the synchronous loop.
    ///
    /// Asks run on threads of their own, not on the cooperative pool: a suggestion may take
    /// a second (a Gaussian process over many trials), and a worker waiting for its turn to
    /// ask must not hold a pool thread the running objectives need. So the workers make
    /// progress whatever the pool's width, without `Task.yield()`. Cancelling the calling task
    /// stops asking; running objectives see the cancellation (`Task.isCancelled`).
    public func optimize(trials budget: Int, workers: Int = 1, maxFailures: Int? = nil,
                         _ objective: @escaping @Sendable (Trial) async throws -> Double) async throws {
        try checkOptimize(trials: budget, workers: workers)
        let progress = OptimizeProgress(maximumFailures: maxFailures)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    while !Task.isCancelled, let trial = await self.nextTrialOffPool(within: budget, progress: progress) {
                        let value: Result<Double, any Error>
                        do { value = .success(try await objective(trial)) } catch { value = .failure(error) }
                        self.conclude(trial, with: value, progress: progress)
                    }
                }
            }
        }
        try finishOptimize(within: budget, progress: progress)
    }

    /// `nextTrial(within:progress:)` on a thread of its own, awaited.
    private func nextTrialOffPool(within budget: Int, progress: OptimizeProgress) async -> Trial? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Trial?, Never>) in
            let thread = Thread { continuation.resume(returning: self.nextTrial(within: budget, progress: progress)) }
            thread.name = "hpo.ask"
            thread.start()
        }
    }
}
