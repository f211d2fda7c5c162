import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// The controller's decisions, driven with made-up time: no process, no store, no sleep.
@Suite struct ControllerCoreTests {
    @Test func freeSlotsAreFilledByOneQuestionForAllOfThem() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 2)
        loop.advance(to: 0)
        #expect(loop.questions.map(\.count) == [2])
        loop.answer([0, 1])
        #expect(loop.starts.map(\.number) == [0, 1])
        #expect(loop.starts.map(\.configuration) == [["x": .int(0)], ["x": .int(1)]])
        #expect(loop.questions.isEmpty)
    }

    @Test func theStrategyHearsFinishedTrialsAndIsToldTheRunningOnesArePending() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 2)
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.report(0, step: 1, 0.5)
        loop.advance(to: 3)
        loop.exit(0)
        loop.advance(to: 3)
        let question = try #require(loop.questions.first)
        #expect(question.count == 1)
        #expect(question.context.pending == [["x": .int(1)]])
        #expect(question.context.completed == [Observation(["x": .int(0)], .value(0.5), curve: [.init(step: 1, value: 0.5)])])
    }

    @Test func aSuggestionEqualToARunningConfigurationIsNotLaunched() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 2)
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.report(1, step: 1, 0.5)
        loop.exit(1)
        loop.advance(to: 1)
        // The strategy, asked for the freed slot, proposes the running configuration again.
        loop.answer([0])
        #expect(loop.starts.count == 2)
        loop.advance(to: 2)
        #expect(loop.questions.map(\.count) == [1])
    }

    @Test func aSuggestionArrivingAfterTheRunWasCancelledIsAbandoned() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 2)
        loop.advance(to: 0)
        loop.cancelRequests = [(nil, nil)]
        loop.advance(to: 1)
        loop.answer([0, 1])
        #expect(loop.starts.isEmpty)
        #expect(loop.core.isDone)
        #expect(loop.core.endState == .cancelled)
    }

    @Test func aTrialPastItsTimeLimitGetsSIGTERMThenSIGKILLAfterTheGracePeriod() throws {
        var loop = try CoreLoop(values: [0], parallel: 1) { $0.trialTimeout = .seconds(60) }
        loop.advance(to: 0)
        loop.answer([0])
        #expect(loop.core.nextDeadline() == loop.origin + .milliseconds(200))
        loop.advance(to: 59.9)
        #expect(loop.signals.isEmpty)
        loop.advance(to: 60)
        #expect(loop.stops.map(\.cause) == [.timeout])
        #expect(loop.signals.map(\.signal) == [.terminate])
        loop.advance(to: 69.9)
        #expect(loop.signals.count == 1)
        loop.advance(to: 70)
        #expect(loop.signals.map(\.signal) == [.terminate, .kill])
        loop.exit(0, .signaled(SIGKILL))
        #expect(loop.records.map(\.state) == [.timeout])
        #expect(loop.records.first?.explanation == "ran past the time limit of 60s")
    }

    @Test func aTrialWithoutOutputForTheStallTimeoutIsStoppedAndOutputKeepsOneAlive() throws {
        var loop = try CoreLoop(values: [0, 1], parallel: 2) { $0.stallTimeout = .seconds(5) }
        loop.advance(to: 0)
        loop.answer([0, 1])
        for second in 1...6 {
            loop.outputSizes[1] = Int64(second * 100)  // trial 1 keeps printing
            loop.advance(to: Double(second))
        }
        #expect(loop.stops.map(\.trial) == [0])
        #expect(loop.stops.map(\.cause) == [.stall])
    }

    @Test func ctrlCOnceLetsTrialsFinishTwiceStopsThemThriceKillsThem() throws {
        var loop = try CoreLoop(values: [0, 1, 2], parallel: 2)
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.feed(.signal(SIGINT, at: loop.now))
        #expect(loop.signals.isEmpty)
        #expect(loop.drains.count == 1)
        loop.advance(to: 1)
        #expect(loop.questions.isEmpty)
        loop.feed(.signal(SIGINT, at: loop.now))
        #expect(loop.signals.map(\.signal) == [.terminate, .terminate])
        #expect(loop.stops.map(\.cause) == [.interrupt, .interrupt])
        loop.feed(.signal(SIGINT, at: loop.now))
        #expect(loop.signals.map(\.signal) == [.terminate, .terminate, .kill, .kill])
        loop.exit(0, .signaled(SIGKILL))
        loop.exit(1, .signaled(SIGKILL))
        #expect(loop.requeues.map(\.through) == [.preempted, .preempted])
        #expect(loop.core.isDone)
        #expect(loop.core.endState == .cancelled)
    }

    @Test func aTrialsRecordedEndIsItsObservedExitHoweverLongItsFilesTakeToRead() throws {
        var loop = try CoreLoop(values: [0], parallel: 1)
        loop.advance(to: 0)
        loop.answer([0])
        loop.advance(to: 12)
        loop.exit(0, reading: true)
        // The loop is busy: the file is read to its end over many turns, 30 s in all.
        loop.advance(to: 20)
        loop.report(0, step: 1, 0.25)
        loop.advance(to: 42)
        loop.caughtUp(0)
        let record = try #require(loop.records.first)
        #expect(record.finishedAt == loop.wallOrigin + 12)
        #expect(record.duration == 12)
        // The line read after the exit counts.
        #expect(record.objective == 0.25)
    }

    @Test func aFailedAttemptWithinRetriesRunsAgainBeforeAnyNewTrial() throws {
        var loop = try CoreLoop(values: [0, 1], parallel: 1) { $0.retryPolicy = RetryPolicy(retries: 1) }
        loop.advance(to: 0)
        loop.answer([0])
        loop.exit(0, .exited(1))
        #expect(loop.requeues.map(\.through) == [.retrying])
        loop.advance(to: 1)
        #expect(loop.starts.map(\.number) == [0, 0])
        #expect(loop.starts.map(\.attempt) == [1, 2])
        #expect(loop.questions.isEmpty)
    }

    @Test func theFailureBudgetStopsLaunching() throws {
        var loop = try CoreLoop(values: Array(0..<10), parallel: 1) { $0.maximumFailures = 2 }
        loop.advance(to: 0)
        loop.answer([0])
        loop.exit(0, .exited(1))
        loop.advance(to: 1)
        loop.answer([1])
        loop.exit(1, .exited(1))
        loop.advance(to: 2)
        #expect(loop.questions.isEmpty)
        #expect(loop.core.isDone)
        #expect(loop.core.endState == .failed)
        #expect(loop.drains.first?.hasPrefix("stopping the sweep: 2 trials failed (--max-failures 2)") == true)
    }

    @Test func aFailedCommitStopsLaunchingAndTheRunningTrials() throws {
        var loop = try CoreLoop(values: [0, 1, 2], parallel: 2)
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.feed(.commitFailed(RunStoreError.busy(path: "run.db"), while: "storing the metrics of trial 0", at: loop.now))
        #expect(loop.stops.map(\.cause) == [.interrupt, .interrupt])
        #expect(loop.core.fatal?.action == "storing the metrics of trial 0")
        #expect(loop.core.endState == .failed)
    }

    @Test func aCommandThatCannotStartFailsItsTrialAndTheRestOfTheAnswerStillStarts() throws {
        var loop = try CoreLoop(values: [0, 1], parallel: 2)
        loop.advance(to: 0)
        let question = loop.questions[0]
        // The loop answers the first start with a missing command.
        var actions = loop.core.handle(.suggestions(count: question.count, .success([["x": .int(0)], ["x": .int(1)]]),
                                                    at: loop.now))
        guard case .start(let first)? = actions.first else { Issue.record("no start: \(actions)"); return }
        actions = loop.core.handle(.startFailed(trial: first.number, .trialFailed(.failed, explanation: "command not found: train"),
                                                at: loop.now))
        guard case .recordUnlaunched(0, .failed, _)? = actions.first else { Issue.record("not recorded: \(actions)"); return }
        let record = TrialRecord(number: 0, configuration: first.configuration, state: .failed, createdAt: loop.wallNow)
        actions = loop.core.handle(.finishRecorded(record, missing: nil, objectiveSeen: nil, at: loop.now))
        #expect(actions.contains { if case .start(let order) = $0 { order.number == 1 } else { false } })
    }

    @Test func aTrialThatExitsWithoutTheMetricBeforeAnyTrialReportedItStopsLaunching() throws {
        var loop = try CoreLoop(values: [0, 1, 2], parallel: 1)
        loop.advance(to: 0)
        loop.answer([0])
        loop.exit(0)
        #expect(loop.records.map(\.state) == [.noMetric])
        loop.advance(to: 1)
        #expect(loop.questions.isEmpty)
        #expect(loop.core.endState == .failed)
    }

    @Test func theEarlyStoppingRuleStopsATrialOnThePointThatCrossesItsBound() throws {
        var loop = try CoreLoop(values: [0], parallel: 1) { $0.earlyStopping = try! ThresholdStopping(bound: 5) }
        loop.advance(to: 0)
        loop.answer([0])
        for step in 1...5 { loop.report(0, step: step, Double(step)) }
        #expect(loop.stops.isEmpty)
        loop.report(0, step: 6, 6)
        #expect(loop.stops.map(\.cause) == [.prune])
        #expect(loop.signals.map(\.signal) == [.terminate])
    }

    @Test func cancellingOneTrialStopsOnlyThatOne() throws {
        var loop = try CoreLoop(values: [0, 1, 2], parallel: 2)
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.cancelRequests = [(1, "cancelled by alice")]
        loop.advance(to: 1)
        #expect(loop.stops.map(\.trial) == [1])
        #expect(loop.stops.map(\.cause) == [.cancel])
        #expect(loop.drains.isEmpty)
    }
}
