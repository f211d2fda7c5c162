import Foundation
import Testing
@testable import Execution

/// Asking the strategy ahead of freed slots (`ControllerCore+AskingAhead.swift`), driven with
/// made-up times: two slots, trials of 1 s, a strategy that answers in 0.1 s.
@Suite struct ControllerCoreAskingAheadTests {
    /// Trials 0 and 1 ran from `answer` s; trial 0 ended 1 s later and trial 2 took its slot
    /// `answer` s after that (each answer `answer` s after its question). With the default
    /// 0.1 s: trial 1, expected to end at 1.1 s, is overdue when trial 2 starts at 1.2 s.
    func twoSlotsAfterOneTrial(asksAhead: Bool = true, answer: Double = 0.1) throws -> CoreLoop {
        var loop = try CoreLoop(values: Array(0..<20), parallel: 2, asksAhead: asksAhead)
        loop.advance(to: 0)
        loop.advance(to: answer)
        loop.answer([0, 1])
        loop.advance(to: answer + 1)
        loop.finish(0)
        loop.advance(to: 2 * answer + 1)
        loop.answer([2])
        return loop
    }

    @Test func whileEverySlotIsBusyTheTrialsEndingWithinAnAnswersTimeAreAskedFor() throws {
        let loop = try twoSlotsAfterOneTrial()
        // Both slots are busy; trial 1 is due, trial 2 (expected at 2.2 s) is not.
        #expect(loop.starts.map(\.number) == [0, 1, 2])
        #expect(loop.questions.map(\.count) == [1])
        #expect(loop.questions.first?.context.pending.map { $0["x"] } == [.int(1), .int(2)])
    }

    @Test func aSlotThatFreesTakesTheAnswerAskedAheadAtOnce() throws {
        var loop = try twoSlotsAfterOneTrial()
        loop.advance(to: 1.25)
        loop.answer([3])
        #expect(loop.starts.count == 3, "an answer asked ahead waits for a free slot")
        loop.advance(to: 1.3)
        loop.finish(1)
        #expect(loop.starts.last?.number == 3)
        #expect(loop.starts.last?.configuration == ["x": .int(3)])
        #expect(loop.questions.isEmpty, "the freed slot did not wait for a question")
    }

    @Test func theLoopWakesWhenTheNextTrialComesWithinTheLeadOfItsExpectedEnd() throws {
        var loop = try twoSlotsAfterOneTrial()
        loop.advance(to: 1.25)
        loop.answer([3])
        loop.advance(to: 1.3)
        loop.finish(1)
        // The mean duration is now 1.1 s (trials 0 and 1: 1.0 and 1.2 s), so trial 2 is expected
        // at 1.2 + 1.1 = 2.3 s; the answers took 0.1, 0.1 and 0.05 s: a lead of 1.5 × 0.1 + 0.02 s.
        let deadline = try #require(loop.core.nextAskAhead())
        #expect(loop.core.nextDeadline().map { $0 <= deadline } == true)
        let expected = loop.origin + .milliseconds(2300 - 170)
        #expect(abs(ControllerCore.seconds(deadline - expected)) < 0.002)
        loop.advance(to: 2.1)
        #expect(loop.questions.isEmpty)
        loop.advance(to: 2.21)
        #expect(loop.questions.map(\.count) == [1])
    }

    @Test func aStrategySlowerThanATrialIsNotAskedAhead() throws {
        var loop = try twoSlotsAfterOneTrial(answer: 1.5)
        // Answering took 1.5 s, a trial 1 s: every slot frees while it thinks anyway.
        #expect(loop.questions.isEmpty)
        loop.advance(to: 4.4)
        #expect(loop.questions.isEmpty)
    }

    @Test func withoutAskingAheadNothingIsAskedWhileEverySlotIsBusy() throws {
        var loop = try twoSlotsAfterOneTrial(asksAhead: false)
        loop.advance(to: 2.15)
        #expect(loop.questions.isEmpty)
        #expect(loop.core.nextDeadline().map { $0 >= loop.now } == true)
    }

    @Test func anAnswerAskedAheadIsNeverLaunchedOnceTheRunStops() throws {
        var loop = try twoSlotsAfterOneTrial()
        loop.advance(to: 1.22)
        loop.feed(.signal(SIGINT, at: loop.now))
        loop.answer([3])
        loop.advance(to: 1.3)
        loop.finish(1)
        #expect(loop.starts.map(\.number) == [0, 1, 2])
    }
}

private extension CoreLoop {
    /// Trial `trial` reports its objective and exits, and the loop turns (as the controller's
    /// turn refills slots after the exits it read).
    mutating func finish(_ trial: Int) {
        report(trial, step: 1, Double(trial))
        exit(trial)
        advance(to: seconds)
    }
}

