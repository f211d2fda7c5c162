import Foundation
import Testing
@testable import Report

/// Axis scales and their ticks on ranges a double can barely or not at all resolve: every
/// one gives a few distinct ticks, and no range can make the tick list grow without end.
@Suite struct ScaleTests {
    /// Whatever the range: at most `maximumTicks` ticks, strictly increasing, inside the scale.
    static func checkTicks(_ scale: Scale, _ label: String) {
        let ticks = scale.ticks
        #expect(ticks.count <= Scale.maximumTicks, "\(label): \(ticks.count) ticks")
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 }, "\(label): \(ticks)")
        let lowest = scale.log ? pow(10, scale.low) : scale.low, highest = scale.log ? pow(10, scale.high) : scale.high
        #expect(ticks.allSatisfy { $0 >= lowest * (1 - 1e-12) && $0 <= highest * (1 + 1e-12) || abs($0) < 1e-300 },
                "\(label): \(ticks) outside \(lowest)…\(highest)")
    }

    /// 0.3 and 0.30000000000000004 (one ulp apart): the step of a range that narrow is below
    /// the doubles' spacing at 0.3, so summing steps never moved.
    @Test func valuesOneUlpApartGetAFewTicks() {
        let scale = Scale(covering: [0.3, 0.30000000000000004], from: 300, to: 0)
        Self.checkTicks(scale, "one ulp")
        #expect(scale.ticks.count >= 2)
        #expect(abs(scale(0.3) - 150) < 1, "the values sit in the middle of the axis")
    }

    @Test(arguments: [[0.0, 0.0], [1e300, 1e300], [-7.5, -7.5], [1e15, 1e15 + 0.25], [1, 1 + 1e-12], [.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude]])
    func equalOrNearlyEqualValuesGetAFewTicks(values: [Double]) {
        let scale = Scale(covering: values, from: 0, to: 100)
        Self.checkTicks(scale, "\(values)")
        #expect(!scale.ticks.isEmpty, "\(values)")
    }

    @Test(arguments: [[-1e308, 1e308], [0, .greatestFiniteMagnitude], [-.infinity, .nan, 1]])
    func extremeRangesEndWithFewTicks(values: [Double]) {
        Self.checkTicks(Scale(covering: values, from: 0, to: 100), "\(values)")
    }

    @Test func logScalesThinOutDecadesOnAVeryWideAxis() {
        let scale = Scale(covering: [1e-300, 1e300], from: 0, to: 100, log: true)
        Self.checkTicks(scale, "log")
        #expect(scale.ticks.count >= 5)
    }

    @Test func ordinaryRangesKeepTheirRoundTicks() {
        #expect(Scale(covering: [0, 1], from: 0, to: 100).ticks == [0, 0.5, 1])
        #expect(Scale(covering: [3, 17], from: 0, to: 100).ticks == [5, 10, 15])
    }

    /// A whole report of two trials whose objectives are one ulp apart renders.
    @Test func aReportOfNearlyEqualObjectivesRenders() throws {
        var report = try ReportPageTests.report()
        for i in report.snapshot.trials.indices where report.snapshot.trials[i].state == .succeeded {
            report.snapshot.trials[i].objective = i.isMultiple(of: 2) ? 0.3 : 0.30000000000000004
        }
        for key in report.curves.keys { report.curves[key] = report.curves[key]!.map { var p = $0; p.value = 0.3; return p } }
        let html = ReportPage.html(report)
        #expect(html.contains("data-chart=\"history\"") && html.contains("data-chart=\"curves\""))
    }
}
