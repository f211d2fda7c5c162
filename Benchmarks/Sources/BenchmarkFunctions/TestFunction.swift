import Foundation
import Search

/// A standard test function for minimization over a box, with its known minimum: the
/// quality benchmark's problems (definitions as in Surjanovic & Bingham's Virtual Library
/// of Simulation Experiments, sfu.ca/~ssurjano).
public struct TestFunction: Sendable {
    /// Its name in tables and on the command line (`branin`, `hartmann6`, …).
    public let name: String
    /// The box: one closed range per coordinate.
    public let bounds: [ClosedRange<Double>]
    /// The global minimum's value.
    public let minimum: Double
    /// A point where the minimum is reached (for the tests).
    public let minimizer: [Double]
    /// f(x).
    public let evaluate: @Sendable ([Double]) -> Double

    /// The number of coordinates.
    public var dimension: Int { bounds.count }

    /// The evaluation budget of the suite: 50 for d ≤ 3, 200 for d > 10, else 100.
    public var budget: Int { dimension <= 3 ? 50 : dimension > 10 ? 200 : 100 }

    /// The search space `x1 … xd`, each uniform on its range.
    public var space: SearchSpace {
        try! SearchSpace(bounds.enumerated().map { i, range in
            Parameter("x\(i + 1)", .real(low: range.lowerBound, high: range.upperBound, log: false))
        })
    }

    /// f at a configuration of `space`.
    public func evaluate(_ configuration: Configuration) -> Double {
        evaluate((1...dimension).map { configuration["x\($0)"]!.numericValue! })
    }

    /// The suite's seven problems, in the order of the tables.
    public static let all: [TestFunction] = [
        .branin, .hartmann6, .ackley(5), .rosenbrock(4), .levy(6), .styblinskiTang(8), .griewank(10),
    ]

    /// The high-dimensional problems (200 evaluations each): run by name, or as `highdim`.
    public static let highDimensional: [TestFunction] = [.ackley(20), .rosenbrock(20), .hartmann6Embedded(30)]

    /// The problem called `name`, in either list.
    public static func named(_ name: String) -> TestFunction? { (all + highDimensional).first { $0.name == name } }
}
