import Testing
@testable import Search

/// Learning curves: points kept in step order, one per step.
@Suite struct EarlyStoppingCurveTests {
    @Test func pointsAreSortedByStepAndARepeatedStepKeepsTheLastReport() {
        let curve = LearningCurve(trial: 4, [(3, 0.3), (1, 0.1), (2, 0.2), (3, 0.25)])
        #expect(curve.points.map(\.step) == [1, 2, 3])
        #expect(curve.points.map(\.value) == [0.1, 0.2, 0.25])
    }

    @Test func appendingAReportedStepAgainReplacesIt() {
        // A retried attempt re-reports steps 2 and 3 from its checkpoint.
        var curve = LearningCurve(trial: 4, [(1, 1.0), (2, 0.9), (3, 0.8)])
        curve.append(step: 2, value: 0.7)
        curve.append(step: 3, value: 0.6)
        curve.append(step: 4, value: 0.5)
        #expect(curve.points.map(\.value) == [1.0, 0.7, 0.6, 0.5])
    }

    @Test func aPrefixIsTheCurveAsItStoodEarlier() {
        let curve = LearningCurve(trial: 4, [(1, 1.0), (2, 0.9), (3, 0.8)])
        #expect(curve.prefix(2).latest?.step == 2)
        #expect(curve.prefix(2).trial == 4)
        #expect(curve.prefix(0).latest == nil)
    }

    @Test(arguments: [(Double.nan, "NaN"), (.infinity, "inf"), (-.infinity, "-inf"), (0.83, "0.83"),
                      (1.0 / 3.0, "0.333333"), (12345678, "1.23457e+07")])
    func messagesShowSixSignificantDigits(value: Double, text: String) {
        #expect(EarlyStoppingDecision.format(value) == text)
    }
}
