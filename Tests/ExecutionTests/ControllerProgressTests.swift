import Testing
@testable import Execution

/// The ETA of the live view, from the mean duration of finished trials and how long the
/// running ones have run.
@Suite struct ControllerProgressTests {
    static func progress(running: Int, remaining: Int, capacity: Int, elapsed: [Double]) -> ControllerProgress {
        ControllerProgress(finished: 4, running: running, remaining: remaining, best: nil, bestTrial: nil,
                           meanDuration: 10, capacity: capacity, elapsed: elapsed)
    }

    @Test func theLastTrialsCountDown() {
        #expect(Self.progress(running: 2, remaining: 0, capacity: 2, elapsed: [4, 7]).estimatedSecondsLeft == 6)
        #expect(Self.progress(running: 2, remaining: 0, capacity: 2, elapsed: [8, 7]).estimatedSecondsLeft == 3)
    }

    @Test func trialsToStartTakeTheSlotsAsTheyFreeUp() {
        // Slots free at 6 s and 3 s; the next two trials end at 13 s and 16 s.
        #expect(Self.progress(running: 2, remaining: 2, capacity: 2, elapsed: [4, 7]).estimatedSecondsLeft == 16)
    }

    @Test func trialsPastTheMeanLeaveNoFigureRatherThanAStaleOne() {
        #expect(Self.progress(running: 1, remaining: 0, capacity: 2, elapsed: [12]).estimatedSecondsLeft == nil)
    }

    @Test func nothingLeftHasNoETA() {
        #expect(Self.progress(running: 0, remaining: 0, capacity: 2, elapsed: []).estimatedSecondsLeft == nil)
    }

    @Test func convergedTrialsCountAsStoppedEarlyNotAsRunsToTheEnd() {
        var time = SlotTime()
        time.record(state: .succeeded, seconds: 10, slots: 1)
        time.record(state: .succeeded, seconds: 4, slots: 1, converged: true)
        time.record(state: .pruned, seconds: 2, slots: 1)
        #expect(time.completeRuns == [10])
        #expect(time.pruned == 1 && time.converged == 1)
        #expect(time.estimatedSaved == 14.0)  // (10 − 4) + (10 − 2)
    }
}
