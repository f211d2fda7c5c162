import Foundation
import Synchronization
import Testing
import Search

/// `metric <= bound` / `metric >= bound`: reading, errors at their column, feasibility.
@Suite struct OutcomeConstraintTests {
    @Test func readsAnUpperAndALowerBound() throws {
        #expect(try OutcomeConstraint(parsing: "peak_memory_gb <= 16")
            == OutcomeConstraint(metric: "peak_memory_gb", bound: 16, isUpperBound: true))
        #expect(try OutcomeConstraint(parsing: "accuracy>=0.9")
            == OutcomeConstraint(metric: "accuracy", bound: 0.9, isUpperBound: false))
        #expect(try OutcomeConstraint(parsing: "  val/latency_ms <= -1.5e-3 ")
            == OutcomeConstraint(metric: "val/latency_ms", bound: -1.5e-3, isUpperBound: true))
    }

    @Test func writesBackTextThatReadsToAnEqualConstraint() throws {
        for text in ["peak_memory_gb <= 16", "accuracy >= 0.9", "x <= -0.125", "y >= 1e-08"] {
            let c = try OutcomeConstraint(parsing: text)
            #expect(try OutcomeConstraint(parsing: c.description) == c)
        }
        #expect(OutcomeConstraint(metric: "m", bound: 16, isUpperBound: true).description == "m <= 16")
    }

    @Test func anUnknownOperatorIsRefusedAtItsColumn() {
        let strict = #expect(throws: OutcomeConstraintError.self) { try OutcomeConstraint(parsing: "mem < 16") }
        #expect(strict?.column == 5)
        #expect(strict?.reason.contains("write <=") == true)
        let equal = #expect(throws: OutcomeConstraintError.self) { try OutcomeConstraint(parsing: "mem == 16") }
        #expect(equal?.column == 5)
        #expect(equal?.reason.contains("'=='") == true)
    }

    @Test func aMissingNameOrBoundIsRefusedAtItsColumn() {
        let noName = #expect(throws: OutcomeConstraintError.self) { try OutcomeConstraint(parsing: "<= 16") }
        #expect(noName?.column == 1)
        let noBound = #expect(throws: OutcomeConstraintError.self) { try OutcomeConstraint(parsing: "mem <= ") }
        #expect(noBound?.column == 8)
        let word = #expect(throws: OutcomeConstraintError.self) { try OutcomeConstraint(parsing: "mem <= lots") }
        #expect(word?.column == 8)
        #expect(word?.description == "constraint \"mem <= lots\", column 8: the bound must be a finite number, got 'lots'")
        let infinite = #expect(throws: OutcomeConstraintError.self) { try OutcomeConstraint(parsing: "mem <= inf") }
        #expect(infinite?.column == 8)
    }

    @Test func theBoundIsFeasibleAndNaNNeverIs() {
        let upper = OutcomeConstraint(metric: "m", bound: 16, isUpperBound: true)
        let lower = OutcomeConstraint(metric: "a", bound: 0.9, isUpperBound: false)
        #expect(upper.isSatisfied(by: 16) && !upper.isSatisfied(by: 16.01) && !upper.isSatisfied(by: .nan))
        #expect(lower.isSatisfied(by: 0.9) && !lower.isSatisfied(by: 0.89))
        #expect(OutcomeConstraint.allSatisfied([upper, lower], by: [3, 0.95]))
        #expect(!OutcomeConstraint.allSatisfied([upper, lower], by: [3, nil]))
        #expect(!OutcomeConstraint.allSatisfied([upper, lower], by: [3]))
        #expect(OutcomeConstraint.allSatisfied([], by: []))
    }

    @Test func theViolationSumsTheExcessOverEachBoundAndAMissingValueIsInfinite() {
        let upper = OutcomeConstraint(metric: "m", bound: 16, isUpperBound: true)
        let lower = OutcomeConstraint(metric: "a", bound: 0.9, isUpperBound: false)
        #expect(OutcomeConstraint.violation([upper, lower], by: [16, 0.95]) == 0)
        #expect(abs(OutcomeConstraint.violation([upper, lower], by: [18, 0.5]) - 2.4) < 1e-12)
        #expect(OutcomeConstraint.violation([upper, lower], by: [3, .nan]) == .infinity)
        #expect(OutcomeConstraint.violation([upper, lower], by: [3]) == .infinity)
    }

    @Test func logProbabilityOfFeasibilityIsStableInTheTail() {
        // log Φ(0) = log ½; far in the tail log Φ(z) ≈ −z²/2 − log(−z) − ½ log 2π.
        #expect(abs(LogProbabilityOfFeasibility.logCDF(0) - log(0.5)) < 1e-12)
        let z = -40.0
        let asymptotic = -0.5 * z * z - log(-z) - 0.5 * log(2 * Double.pi)
        #expect(abs(LogProbabilityOfFeasibility.logCDF(z) - asymptotic) < 1e-3)
        #expect(LogProbabilityOfFeasibility.logCDF(-40).isFinite)
        // P(c ≤ 1) for c ~ N(0, 1) equals P(c ≥ −1).
        let up = LogProbabilityOfFeasibility.value(mean: 0, variance: 1, bound: 1, isUpperBound: true)
        let down = LogProbabilityOfFeasibility.value(mean: 0, variance: 1, bound: -1, isUpperBound: false)
        #expect(abs(up - down) < 1e-12 && abs(exp(up) - 0.841344746) < 1e-8)
    }
}

/// A study with constraints: the best trial is the best feasible one.
@Suite struct StudyConstraintTests {
    @Test func anInfeasibleTrialIsNeverTheBest() throws {
        let space = try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])
        let study = try Study(space: space, strategy: .random, seed: 1,
                              constraints: [OutcomeConstraint(metric: "memory", bound: 16, isUpperBound: true)])
        let a = try study.ask(), b = try study.ask(), c = try study.ask()
        try study.tell(a, value: 0.1, metrics: ["memory": 20])
        try study.tell(b, value: 0.5, metrics: ["memory": 16])
        try study.tell(c, value: 0.05)
        #expect(study.bestTrial?.number == b.number)
        #expect(!study.isFeasible(a) && study.isFeasible(b) && !study.isFeasible(c))
    }

    @Test func theStrategyHearsTheConstrainedValues() throws {
        let space = try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])
        let constraint = OutcomeConstraint(metric: "memory", bound: 16, isUpperBound: true)
        let recorder = RecordingStrategy()
        let study = try Study(space: space, strategy: .custom(recorder), constraints: [constraint])
        let a = try study.ask()
        try study.tell(a, value: 0.1, metrics: ["memory": 20])
        _ = try study.ask()
        let context = recorder.last.withLock { $0 }
        #expect(context?.constraints == [constraint])
        #expect(context?.completed.first?.constraintValues == [20])
    }
}

/// Remembers the last context it was asked with.
final class RecordingStrategy: Strategy, @unchecked Sendable {
    let last = Mutex<SuggestionContext?>(nil)
    var name: String { "recording" }
    func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        last.withLock { $0 = context }
        return try RandomStrategy().suggest(count: count, context: context)
    }
}
