import Foundation
import Testing
import Search

/// Bayesian optimization must beat random search clearly on standard test functions:
/// the median (over seeds) final simple regret of bayes is at most half of random's.
/// Every run goes through the `Strategy` protocol one suggestion at a time, as a sweep would.
@Suite struct BayesQualityTests {
    /// A test function on a box, with its known minimum.
    struct Problem: Sendable {
        let space: SearchSpace
        let minimum: Double
        let evaluate: @Sendable (Configuration) -> Double
    }

    static let branin = Problem(
        space: try! SearchSpace([Parameter("x1", .real(low: -5, high: 10, log: false)),
                                 Parameter("x2", .real(low: 0, high: 15, log: false))]),
        minimum: 0.397887,
        evaluate: { c in
            let x1 = c["x1"]!.numericValue!, x2 = c["x2"]!.numericValue!
            let b = 5.1 / (4 * Double.pi * Double.pi), cc = 5 / Double.pi, t = 1 / (8 * Double.pi)
            let q = x2 - b * x1 * x1 + cc * x1 - 6
            return q * q + 10 * (1 - t) * cos(x1) + 10
        })

    static let hartmann6 = Problem(
        space: try! SearchSpace((1...6).map { Parameter("x\($0)", .real(low: 0, high: 1, log: false)) }),
        minimum: -3.32237,
        evaluate: { c in
            let x = (1...6).map { c["x\($0)"]!.numericValue! }
            let alpha = [1.0, 1.2, 3.0, 3.2]
            let a: [[Double]] = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
                                 [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
            let p: [[Double]] = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                                 [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
            var sum = 0.0
            for i in 0..<4 {
                var inner = 0.0
                for j in 0..<6 { inner += a[i][j] * (x[j] - p[i][j] * 1e-4) * (x[j] - p[i][j] * 1e-4) }
                sum += alpha[i] * exp(-inner)
            }
            return -sum
        })

    /// The final simple regret (best value found − minimum) of a sequential run.
    static func regret(_ strategy: some Strategy, _ problem: Problem, budget: Int, seed: UInt64) throws -> Double {
        var completed: [Observation] = []
        var best = Double.infinity
        while completed.count < budget {
            let context = SuggestionContext(space: problem.space, goal: .minimize, seed: seed, completed: completed)
            let c = try #require(try strategy.suggest(count: 1, context: context).first)
            let y = problem.evaluate(c)
            best = min(best, y)
            completed.append(Observation(c, .value(y)))
        }
        return best - problem.minimum
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Options for a debug build: fewer candidates and starts than the defaults, so the whole
    /// suite stays within tens of seconds; the search is still the real one.
    static let testOptions = BayesStrategy.Options(candidateCount: 500, localCandidateCount: 200, refineStarts: 2,
                                                   refineIterations: 20,
                                                   fit: .init(randomStarts: 0, maxIterations: 30))

    static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    init() {
        // As the executables do: one BLAS thread is fastest for matrices of this size.
        LinearAlgebra.setThreadCount(1)
    }

    func compare(_ problem: Problem, budget: Int, name: String) throws {
        let bayes = try Self.seeds.map { try Self.regret(BayesStrategy(options: Self.testOptions), problem, budget: budget, seed: $0) }
        let random = try Self.seeds.map { try Self.regret(RandomStrategy(), problem, budget: budget, seed: $0) }
        let (mb, mr) = (Self.median(bayes), Self.median(random))
        print("\(name): bayes regrets \(bayes) median \(mb); random regrets \(random) median \(mr)")
        #expect(mb <= 0.5 * mr, "\(name): bayes median regret \(mb) vs random \(mr)")
    }

    @Test func braninInFiftyEvaluations() throws {
        try compare(Self.branin, budget: 50, name: "Branin")
    }

    @Test func hartmann6InAHundredEvaluations() throws {
        try compare(Self.hartmann6, budget: 100, name: "Hartmann6")
    }
}
