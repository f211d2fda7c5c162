import Foundation
import Testing
@testable import Execution

/// Every trial's points of one metric in one query, as the report and the rungs of
/// `hpo status` read them.
@Suite struct StoreCurvesTests {
    @Test func everyTrialsPointsOfTheMetricComeBackInStoredOrderByTrial() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        for n in 0..<3 { try store.createTrial(number: n, configuration: ["lr": .real(0.1)], at: at(0), queued: true) }
        func p(_ step: Int, _ value: Double, _ name: String = "val_loss") -> MetricPoint { MetricPoint(step: step, name: name, value: value) }
        try store.appendMetrics(trial: 1, attempt: 1, points: [p(1, 0.9), p(1, 5, "lr"), p(2, .nan)], at: at(1))
        try store.appendMetrics(trial: 0, attempt: 1, points: [p(1, 0.8)], at: at(2))
        // A second attempt re-reports step 2: both points come back, in the order stored.
        try store.appendMetrics(trial: 1, attempt: 2, points: [p(2, 0.7), p(3, 0.6)], at: at(3))
        let curves = try store.metricPoints(name: "val_loss")
        #expect(curves.keys.sorted() == [0, 1])   // trial 2 reported nothing
        #expect(curves[0] == [p(1, 0.8)])
        let one = try #require(curves[1])
        #expect(one.map(\.step) == [1, 2, 2, 3])
        #expect(one[1].value.isNaN)
        #expect(one.map(\.value).enumerated().filter { $0.offset != 1 }.map(\.element) == [0.9, 0.7, 0.6])
        // The same as the per-trial reads.
        for n in [0, 1] {
            let single = try store.metricPoints(trial: n, name: "val_loss").map(\.point)
            #expect(single.map(\.step) == curves[n]!.map(\.step))
        }
    }
}
