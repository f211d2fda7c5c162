import Foundation
import Testing
@testable import Execution

/// What a store gained since a view read it (`RunStore.changes(since:)`): only the points past
/// the ids read and the trials they or new transitions touch.
@Suite struct StoreChangesTests {
    func p(_ step: Int, _ value: Double, _ name: String = "val_loss") -> MetricPoint { MetricPoint(step: step, name: name, value: value) }

    @Test func fromNothingItIsTheWholeRun() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        for n in 0..<3 { try store.createTrial(number: n, configuration: ["lr": .real(0.1)], at: at(0), queued: true) }
        try store.appendMetrics(trial: 1, attempt: 1, points: [p(1, 0.9), p(1, 5, "lr")], at: at(1))
        let all = try store.changes()
        #expect(all.trials.map(\.number) == [0, 1, 2])
        #expect(all.points.map(\.trial) == [1, 1])
        #expect(all.points.map(\.point) == [p(1, 0.9), p(1, 5, "lr")])
        #expect(all.mark.metricRows == 2 && all.mark.transitionRows == 6)
        #expect(all.transitionsSince == 6)
    }

    @Test func sinceAMarkOnlyTheNewPointsAndTheTrialsTheyOrTransitionsTouch() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        for n in 0..<4 { try store.createTrial(number: n, configuration: ["lr": .real(0.1)], at: at(0), queued: n < 3) }
        try store.appendMetrics(trial: 1, attempt: 1, points: [p(1, 0.9)], at: at(1))
        let mark = try store.changes().mark
        try store.appendMetrics(trial: 2, attempt: 1, points: [p(1, 0.8), p(2, 0.7)], at: at(2))
        try finish(store, 3, objective: 0.5)
        let since = try store.changes(since: mark)
        #expect(since.trials.map(\.number) == [2, 3])
        #expect(since.trials.last?.state == .succeeded)
        #expect(since.points.map(\.point) == [p(1, 0.8), p(2, 0.7)])
        #expect(since.mark.metrics > mark.metrics && since.mark.transitions > mark.transitions)
        #expect(since.mark.metricRows == mark.metricRows + 2)
        #expect(since.mark.transitionRows == mark.transitionRows + since.transitionsSince)
        #expect(since.summary.best?.number == 3)
        // Nothing since the newest mark.
        let none = try store.changes(since: since.mark)
        #expect(none.trials.isEmpty && none.points.isEmpty && none.transitionsSince == 0)
    }
}
