import Foundation
import Testing
@testable import Search

@Suite("Study.optimize on a task group")
struct StudyAsyncOptimizeTests {
    let space = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])

    /// A random strategy whose suggestions after the first block until `gate` opens: a
    /// strategy that takes long, as a Bayesian one over many trials does.
    struct BlockingStrategy: Strategy {
        let gate: DispatchSemaphore
        let timedOut: Flag
        var name: String { "blocking" }
        func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
            if count > 0 && context.completed.count + context.pending.count >= 1 && !timedOut.isSet {
                // A guard against hanging the suite, not a timing: the gate opens at once unless the
                // loop deadlocks.
                if gate.wait(timeout: .now() + 60) == .timedOut { timedOut.set() } else { gate.signal() }
            }
            return try RandomStrategy().suggest(count: count, context: context)
        }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    @Test func workersBeyondThePoolsWidthProgressWhileAnAskBlocks() async throws {
        // More workers than the cooperative pool has threads. Trial 0's objective suspends, then
        // opens the gate every later ask waits behind: were the waiting asks on the pool's
        // threads, it could never resume.
        let gate = DispatchSemaphore(value: 0), timedOut = Flag()
        let study = try Study(space: space, strategy: .custom(BlockingStrategy(gate: gate, timedOut: timedOut)), seed: 2)
        let workers = ProcessInfo.processInfo.activeProcessorCount + 2
        try await study.optimize(trials: 2 * workers, workers: workers) { trial in
            await suspendOnce()
            if trial.number == 0 { gate.signal() }
            return try trial.real("x")
        }
        #expect(!timedOut.isSet)
        #expect(study.trials.count == 2 * workers)
        #expect(study.trials.allSatisfy { $0.state == .completed })
    }

    @Test func theAsyncLoopTellsOutcomesAsTheSynchronousOne() async throws {
        let study = try Study(space: space, strategy: .random, seed: 2)
        try await study.optimize(trials: 3, workers: 2) { trial in
            await suspendOnce()
            try trial.report(step: 1, value: 0.5)
            if trial.number == 0 { throw TrialPruned() }
            return 0.1
        }
        #expect(study.trials.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.completed, .completed, .pruned])
        #expect(study.trials[0].state == .pruned)
    }
}

/// Suspends the calling task once, resumed from another thread: an objective that awaits.
func suspendOnce() async {
    await withCheckedContinuation { (resumed: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().async { resumed.resume() }
    }
}
