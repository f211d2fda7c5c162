import Foundation
import Testing
@testable import Search

/// A study's lock is not held while its strategy computes a suggestion.
@Suite("Study lock while suggesting")
struct StudyLockTests {
    /// Blocks inside `suggest` until the test releases it, saying when it got there.
    final class Blocking: Strategy, @unchecked Sendable {
        let name = "blocking"
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let lock = NSLock()
        var blocks = false
        var next = 0

        func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
            lock.lock()
            let wait = blocks
            let first = next
            next += count
            lock.unlock()
            if wait {
                entered.signal()
                release.wait()
            }
            return (first..<first + count).map { ["x": .int($0)] }
        }
    }

    let space = try! SearchSpace([Parameter("x", .integer(low: 0, high: 99, log: false))])

    /// While another worker's ask is inside the strategy, `report`, `shouldStop` and `tell`
    /// of a running trial return at once (here: before the strategy is released).
    @Test func reportsAndTellsDoNotWaitForASuggestion() throws {
        let strategy = Blocking()
        let study = try Study(space: space, strategy: .custom(strategy),
                              earlyStopping: try ThresholdStopping(bound: 10))
        let running = try study.ask()
        strategy.lock.lock(); strategy.blocks = true; strategy.lock.unlock()
        let asked = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var second: Trial?
        Thread.detachNewThread {
            second = try? study.ask()
            asked.signal()
        }
        strategy.entered.wait()
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var stop = false
        Thread.detachNewThread {
            try? running.report(step: 1, value: 50)
            stop = study.shouldStop(running)
            try? study.tell(running, value: 50)
            answered.signal()
        }
        let inTime = answered.wait(timeout: .now() + 60) == .success
        strategy.release.signal()
        asked.wait()
        if !inTime { answered.wait() }
        #expect(inTime, "report, shouldStop and tell waited for the strategy")
        #expect(stop)
        #expect(study.trials[0].state == .completed)
        // The blocked ask saw the first trial as pending and got its own number.
        #expect(second?.number == 1)
        #expect(second?.parameters == ["x": .int(1)])
    }
}
