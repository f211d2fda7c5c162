import Foundation
import Testing
import Search

/// On a made-up conditional problem, the model-based strategies must find the best branch's
/// optimum better than random search at equal budget: bayes (inactive coordinates at a fixed
/// place, so they do not distort the kernel) with a median regret at most half of random's,
/// TPE (each parameter modelled from the trials where it was active) too.
@Suite struct ConditionalQualityTests {
    /// optimizer ∈ {sgd, adam, rmsprop}; momentum only under sgd, beta only under adam and
    /// rmsprop, lr always. sgd's bowl reaches 0 at lr = 1e-2, momentum = 0.9; adam's and
    /// rmsprop's bottoms sit at 0.2 and 0.5.
    static let problem = BayesQualityTests.Problem(
        space: try! SearchSpace([
            Parameter("optimizer", .categorical([.string("adam"), .string("sgd"), .string("rmsprop")])),
            Parameter("momentum", .real(low: 0, high: 0.99, log: false), when: .equals("optimizer", .string("sgd"))),
            Parameter("beta", .real(low: 1e-4, high: 1e-1, log: true),
                      when: Condition("optimizer", in: [.string("adam"), .string("rmsprop")])),
            Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
        ]),
        minimum: 0,
        evaluate: { c in
            let t = log10(c["lr"]!.numericValue!)
            switch c["optimizer"]! {
            case .string("sgd"):
                let m = c["momentum"]!.numericValue!
                return (t + 2) * (t + 2) / 4 + 4 * (m - 0.9) * (m - 0.9)
            case let o:
                let b = log10(c["beta"]!.numericValue!)
                return (o == .string("adam") ? 0.2 : 0.5) + (t + 3) * (t + 3) / 4 + (b + 2) * (b + 2) / 4
            }
        })

    init() {
        LinearAlgebra.setThreadCount(1)
    }

    func regrets(_ make: () -> some Strategy, budget: Int) throws -> [Double] {
        try BayesQualityTests.seeds.map { try BayesQualityTests.regret(make(), Self.problem, budget: budget, seed: $0) }
    }

    @Test func bayesFindsTheBestBranchsOptimumBetterThanRandom() throws {
        let bayes = try regrets({ BayesStrategy(options: BayesQualityTests.testOptions) }, budget: 40)
        let random = try regrets({ RandomStrategy() }, budget: 40)
        let (mb, mr) = (BayesQualityTests.median(bayes), BayesQualityTests.median(random))
        print("conditional: bayes regrets \(bayes) median \(mb); random regrets \(random) median \(mr)")
        #expect(mb <= 0.5 * mr, "bayes median regret \(mb) vs random \(mr)")
    }

    @Test func tpeFindsTheBestBranchsOptimumBetterThanRandom() throws {
        let tpe = try regrets({ TPEStrategy() }, budget: 60)
        let random = try regrets({ RandomStrategy() }, budget: 60)
        let (mt, mr) = (BayesQualityTests.median(tpe), BayesQualityTests.median(random))
        print("conditional: tpe regrets \(tpe) median \(mt); random regrets \(random) median \(mr)")
        #expect(mt <= 0.5 * mr, "tpe median regret \(mt) vs random \(mr)")
    }
}
