import Foundation
import Testing
@testable import Search

@Suite("Study storage: recording and resuming")
struct StudyStorageTests {
    let space = try! SearchSpace([
        Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
        Parameter("batch_size", .ordinal([16, 32, 64])),
    ])

    func study(_ storage: MemoryStudyStorage, earlyStopping: (any EarlyStopping)? = nil) throws -> Study {
        try Study(space: space, strategy: .random, goal: .minimize, seed: 3, earlyStopping: earlyStopping, storage: storage)
    }

    @Test func everyAskReportAndTellIsRecordedInOrder() throws {
        let storage = MemoryStudyStorage()
        let study = try study(storage)
        let a = try study.ask(), b = try study.ask()
        try a.report(step: 1, value: 0.5)
        try study.tell(a, value: 0.4)
        try study.tell(b, .pruned(value: nil))
        #expect(storage.calls == ["asked 0", "asked 1", "point 0 1 0.5", "finished 0 completed", "finished 1 pruned"])
        #expect(storage.trials[0].outcome == .value(0.4))
        #expect(storage.trials[0].curve == [CurvePoint(step: 1, value: 0.5)])
    }

    @Test func aReopenedStudyKeepsNumbersValuesAndCurvesAndGoesOnAsAnUninterruptedOne() throws {
        let storage = MemoryStudyStorage()
        let first = try study(storage)
        for n in 0..<4 {
            let t = try first.ask()
            try t.report(step: 1, value: Double(n))
            try first.tell(t, value: Double(10 - n))
        }
        let reopened = try study(MemoryStudyStorage(storage.trials))
        #expect(reopened.trials.map(\.number) == [0, 1, 2, 3])
        #expect(reopened.trials.map(\.value) == first.trials.map(\.value))
        #expect(reopened.trials.map(\.curve) == first.trials.map(\.curve))
        #expect(reopened.bestTrial?.number == 3)
        // The strategy hears the stored trials: the next suggestion is the uninterrupted study's.
        let next = try reopened.ask()
        #expect(next.number == 4)
        #expect(next.parameters == (try first.ask()).parameters)
    }

    @Test func trialsLeftRunningAreAskedAgainFirstWithAFreshCurve() throws {
        let storage = MemoryStudyStorage()
        let first = try study(storage)
        let done = try first.ask(), cut = try first.ask()
        try first.tell(done, value: 1)
        try cut.report(step: 1, value: 0.7)
        let resumedStorage = MemoryStudyStorage(storage.trials)
        let resumed = try study(resumedStorage)
        #expect(resumed.trials[1].state == .running)
        let again = try resumed.ask()
        #expect(again.number == 1)
        #expect(again.parameters == cut.parameters)
        #expect(again.curve.isEmpty)
        try again.report(step: 1, value: 0.6)  // step 1 again: the new attempt's curve
        #expect(try resumed.ask().number == 2)
        #expect(resumedStorage.calls == ["retried 1", "point 1 1 0.6", "asked 2"])
    }

    @Test func theEarlyStoppingHistoryIsRebuiltFromTheStoredCurves() throws {
        let median = try EarlyStoppingRule.make(name: "median", options: ["min_trials": 3])
        let storage = MemoryStudyStorage()
        let first = try study(storage, earlyStopping: median)
        for value in [1.0, 2.0, 3.0] {
            let t = try first.ask()
            try t.report(step: 1, value: value)
            try first.tell(t, value: value)
        }
        // 5 is worse than the median (2) of the stored curves at step 1: only a history
        // rebuilt from them says so.
        let resumed = try study(MemoryStudyStorage(storage.trials), earlyStopping: median)
        let t = try resumed.ask()
        try t.report(step: 1, value: 5)
        #expect(t.shouldStop)
        let fresh = try Study(space: space, strategy: .random, seed: 3, earlyStopping: median)
        let lone = try fresh.ask()
        try lone.report(step: 1, value: 5)
        #expect(!lone.shouldStop)
    }

    @Test func aWriteTheStorageRefusesChangesNothing() throws {
        let storage = MemoryStudyStorage()
        let study = try study(storage)
        let t = try study.ask()
        storage.refuseWrites()
        #expect(throws: MemoryStudyStorage.Refused.self) { try study.tell(t, value: 1) }
        #expect(throws: MemoryStudyStorage.Refused.self) { try t.report(step: 1, value: 1) }
        #expect(throws: MemoryStudyStorage.Refused.self) { try study.ask() }
        #expect(t.state == .running)
        #expect(t.curve.isEmpty)
        #expect(study.trials.count == 1)
    }

    @Test func storedTrialsOutsideTheSpaceAreRefused() throws {
        let stored = [StoredTrial(number: 0, parameters: ["lr": 0.1, "batch_size": 128], state: .completed,
                                  outcome: .value(1))]
        #expect(throws: StudyError.storedTrialOutsideSpace(trial: 0, configuration: "lr=0.1 batch_size=128")) {
            try study(MemoryStudyStorage(stored))
        }
        let gap = [StoredTrial(number: 1, parameters: ["lr": 0.1, "batch_size": 16], state: .completed, outcome: .value(1))]
        #expect(throws: StudyError.storedTrialNumber(expected: 0, found: 1)) { try study(MemoryStudyStorage(gap)) }
    }
}
