import Testing
@testable import Execution

/// What becomes of a trial when one attempt's process ends: retry, preemption, final state.
@Suite struct TrialAttemptVerdictTests {
    let threeRetries = RetryPolicy(retries: 3, maximumPreemptions: 2)

    func verdict(_ termination: Termination, reported: Bool = false, cause: StopCause = .none,
                 policy: RetryPolicy? = nil, retries: Int = 0, preemptions: Int = 0) -> AttemptVerdict {
        AttemptVerdict.decide(termination: termination, reportedObjective: reported, cause: cause,
                              policy: policy ?? threeRetries, history: AttemptHistory(retries: retries, preemptions: preemptions))
    }

    @Test func aFailedAttemptIsRetriedWhileRetriesAreLeft() {
        #expect(verdict(.exited(1)) == .retry)
        #expect(verdict(.signaled(11)) == .retry)           // SIGSEGV: the trial's own crash
        #expect(verdict(.exited(1), retries: 2) == .retry)
        #expect(verdict(.exited(1), retries: 3) == .final(.failed, reason: nil))
        #expect(verdict(.exited(1), policy: RetryPolicy()) == .final(.failed, reason: nil))
    }

    @Test func successInfeasibilityAndMissingMetricAreNeverRetried() {
        #expect(verdict(.exited(0), reported: true) == .final(.succeeded, reason: nil))
        #expect(verdict(.exited(0)) == .final(.noMetric, reason: nil))
        #expect(verdict(.exited(3)) == .final(.invalid, reason: nil))
    }

    @Test func exit0WithAnObjectiveOnlyNaNOrInfiniteFailsForGoodWithItsReason() {
        let onlyNaN = AttemptVerdict.decide(termination: .exited(0), reportedObjective: true, finiteObjective: false,
                                            cause: .none, policy: threeRetries, history: AttemptHistory())
        #expect(onlyNaN == .final(.failed, reason: AttemptVerdict.nonFiniteReason))
        let stopped = AttemptVerdict.decide(termination: .exited(0), reportedObjective: true, finiteObjective: false,
                                            cause: .prune, policy: threeRetries, history: AttemptHistory())
        #expect(stopped == .final(.pruned, reason: nil), "hpo's stop cause still decides")
    }

    @Test func exit75SigkillAndSigtermFromOutsideArePreemptionsThatSpendNoRetry() {
        for end in [Termination.exited(75), .signaled(9), .signaled(15)] {
            #expect(verdict(end, retries: 3) == .preempt, "\(end)")
        }
        #expect(verdict(.exited(75), policy: RetryPolicy(retries: 0)) == .preempt)
    }

    @Test func preemptionsAreBoundedThenTheTrialFails() {
        #expect(verdict(.signaled(9), preemptions: 1) == .preempt)
        #expect(verdict(.signaled(9), preemptions: 2)
            == .final(.failed, reason: "killed by SIGKILL; preempted 3 times, more than --max-preemptions 2"))
    }

    @Test func hposOwnStopDecidesAndAnInterruptAlwaysRequeues() {
        #expect(verdict(.signaled(15), cause: .timeout) == .final(.timeout, reason: nil))
        #expect(verdict(.exited(0), reported: true, cause: .cancel) == .final(.cancelled, reason: nil))
        #expect(verdict(.exited(1), cause: .prune) == .final(.pruned, reason: nil))
        // Stopped by patience: it has finished, however it took SIGTERM, and is never retried.
        #expect(verdict(.signaled(15), reported: true, cause: .converge) == .final(.succeeded, reason: nil))
        // Saved a checkpoint on SIGTERM and exited 0: it has not finished.
        #expect(verdict(.exited(0), reported: true, cause: .interrupt) == .preempt)
        #expect(verdict(.signaled(9), cause: .interrupt, preemptions: 50) == .preempt)
    }
}
