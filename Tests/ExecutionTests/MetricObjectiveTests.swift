import Testing
@testable import Execution

@Suite("Objective selection")
struct MetricObjectiveTests {
    let values: [Double] = [0.9, 0.4, .nan, 0.6, .infinity, 0.5]

    @Test("last, min, max and goal-aware best skip non-finite values")
    func reductions() {
        #expect(ObjectiveReduction.last.reduce(values, goal: .minimize) == 0.5)
        #expect(ObjectiveReduction.min.reduce(values, goal: .maximize) == 0.4)
        #expect(ObjectiveReduction.max.reduce(values, goal: .minimize) == 0.9)
        #expect(ObjectiveReduction.best.reduce(values, goal: .minimize) == 0.4)
        #expect(ObjectiveReduction.best.reduce(values, goal: .maximize) == 0.9)
    }

    @Test("no finite value: no objective")
    func none() {
        for r in ObjectiveReduction.allCases {
            #expect(r.reduce([Double.nan, -.infinity], goal: .minimize) == nil)
            #expect(r.reduce([Double](), goal: .minimize) == nil)
        }
    }

    @Test("the tracker follows only the objective metric and counts non-finite reports as reported")
    func tracker() {
        var t = ObjectiveTracker(metric: "val_loss", reduction: .best, goal: .minimize)
        #expect(!t.hasReported)
        t.observe([MetricPoint(step: 0, name: "acc", value: 0.1)])
        #expect(!t.hasReported)
        t.observe([MetricPoint(step: 0, name: "val_loss", value: .nan)])
        #expect(t.hasReported && t.value == nil && t.reportCount == 1)
        t.observe(values.enumerated().map { MetricPoint(step: $0.offset + 1, name: "val_loss", value: $0.element) })
        #expect(t.value == 0.4)
        #expect(t.reportCount == 7)
        #expect(t.lastStep == 6)
        #expect(t.lastReported == 0.5)
    }

    @Test("tracker and reduce agree for every reduction and goal")
    func trackerMatchesReduce() {
        for r in ObjectiveReduction.allCases {
            for goal in Goal.allCases {
                var t = ObjectiveTracker(metric: "m", reduction: r, goal: goal)
                t.observe(values.map { MetricPoint(step: 0, name: "m", value: $0) })
                #expect(t.value == r.reduce(values, goal: goal))
            }
        }
    }
}
