@testable import Search

/// Learning curves written compactly for the early-stopping specifications.
enum StoppingCurves {
    /// A curve whose values are reported at steps `first`, `first + 1`, …
    static func steps(_ trial: Int, _ values: [Double], from first: Int = 1) -> LearningCurve {
        LearningCurve(trial: trial, values.enumerated().map { (step: first + $0.offset, value: $0.element) })
    }

    /// A curve with the given (step, value) points.
    static func points(_ trial: Int, _ pairs: [(step: Int, value: Double)]) -> LearningCurve {
        LearningCurve(trial: trial, pairs)
    }
}
