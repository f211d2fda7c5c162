import Testing
@testable import Execution

@Suite("Teardown: TERM, grace period, KILL, driven by the caller's clock")
struct ProcessTeardownTests {
    let t0 = ContinuousClock.now

    @Test("begin sends SIGTERM and sets the deadline one grace period later")
    func begin() {
        var teardown = Teardown(grace: .seconds(10))
        #expect(teardown.phase == .idle)
        #expect(teardown.deadline == nil)
        #expect(teardown.begin(now: t0) == [.terminate])
        #expect(teardown.deadline == t0 + .seconds(10))
        #expect(teardown.begin(now: t0 + .seconds(1)) == [], "a second cancel changes nothing")
    }

    @Test("SIGKILL comes exactly at the deadline, once")
    func killAtDeadline() {
        var teardown = Teardown(grace: .seconds(10))
        _ = teardown.begin(now: t0)
        #expect(teardown.advance(now: t0 + .seconds(9)) == [])
        #expect(teardown.advance(now: t0 + .milliseconds(9_999)) == [])
        #expect(teardown.advance(now: t0 + .seconds(10)) == [.kill])
        #expect(teardown.phase == .killed)
        #expect(teardown.deadline == nil)
        #expect(teardown.advance(now: t0 + .seconds(11)) == [])
    }

    @Test("the leader's exit ends the teardown: no SIGKILL at the deadline")
    func leaderExitsDuringGrace() {
        var teardown = Teardown(grace: .seconds(10))
        _ = teardown.begin(now: t0)
        teardown.leaderExited()
        #expect(teardown.phase == .finished)
        #expect(teardown.advance(now: t0 + .seconds(20)) == [])
        #expect(teardown.escalate() == [])
    }

    @Test("escalating skips the rest of the grace period")
    func escalate() {
        var teardown = Teardown(grace: .seconds(10))
        _ = teardown.begin(now: t0)
        #expect(teardown.escalate() == [.kill])
        #expect(teardown.escalate() == [])
        #expect(teardown.advance(now: t0 + .seconds(10)) == [])
    }

    @Test("a zero (or negative) grace period kills at once")
    func zeroGrace() {
        var zero = Teardown(grace: .zero)
        #expect(zero.begin(now: t0) == [.kill])
        var negative = Teardown(grace: .seconds(-3))
        #expect(negative.grace == .zero)
        #expect(negative.begin(now: t0) == [.kill])
    }

    @Test("the default grace period is 10 s")
    func defaultGrace() {
        #expect(Teardown().grace == .seconds(10))
        #expect(TrialSignal.terminate.number == 15 && TrialSignal.kill.number == 9)
    }
}
