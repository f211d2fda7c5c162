import Foundation
import Testing
@testable import Search

/// The batch methods: local penalization's penalty against scipy, its selection against
/// brute force; Thompson sampling's draws against the posterior they sample.
@Suite struct AcquisitionBatchTests {
    /// A model of five observations in the unit square (nearly noise-free, fixed hyperparameters).
    static func model() throws -> GaussianProcess {
        let theta = GaussianProcess.Hyperparameters(signalVariance: 1.2, lengthScales: [0.3, 0.5], noiseVariance: 1e-6)
        let points = PointMatrix([[0.1, 0.2], [0.8, 0.3], [0.5, 0.9], [0.3, 0.6], [0.9, 0.8]], dimension: 2)
        return try GaussianProcess(points: points, standardizedTargets: [0.4, -1.1, 0.9, -0.2, 1.3],
                                   standardization: GaussianProcess.Standardization(mean: 0, scale: 1),
                                   hyperparameters: theta)
    }


    /// log EI (incumbent −1.1) of `model` at points, exactly.
    static func exactLogEI(_ model: GaussianProcess) -> ([[Double]]) -> [Double] {
        { points in
            let (mean, variance) = model.standardizedPosterior(PointMatrix(points, dimension: 2))
            return zip(mean, variance).map { LogExpectedImprovement.value(mean: $0, variance: $1, best: -1.1) }
        }
    }

    /// `count` uniform points of the unit square.
    static func uniform(_ count: Int, seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in [rng.nextUnit(), rng.nextUnit()] }
    }

    // MARK: Local penalization

    @Test func logCDFMatchesScipyInBothTails() {
        // scipy.stats.norm.logcdf.
        let reference: [(Double, Double)] = [
            (-40, -804.6084420137539), (-10, -53.23128515051248), (-3, -6.60772622151035),
            (-1, -1.841021645009264), (-0.5, -1.175911761593619), (0, -0.6931471805599453),
            (2, -0.023012909328963486), (8, -6.220960574271743e-16),
        ]
        for (z, want) in reference {
            let got = LocalPenalization.logCDF(z)
            #expect(isClose(got, want, relative: 1e-12), "log Φ(\(z)) = \(got)")
        }
    }

    @Test func thePenaltyIsTheSumOfLogProbabilitiesOfLyingOutsideEachBall() {
        // Σⱼ log Φ((L‖x − cⱼ‖ − gapⱼ)/σⱼ) computed with scipy for these centres, gaps, deviations, L = 4.
        let penalty = LocalPenalization(pending: [[0.2, 0.3], [0.7, 0.6]], posterior: ([0.5, -0.2], [0.09, 0.0025]),
                                        best: 0, lipschitz: 4)
        let reference: [([Double], Double)] = [
            ([0.4, 0.35], -0.1503702245526643), ([0.2, 0.3], -3.040931495152975),
            ([0.69, 0.61], -1.4448215791165743e-07), ([1, 1], -3.4238527893744664e-36),
        ]
        for (x, want) in reference {
            #expect(isClose(penalty.logPenalty(at: x), want, relative: 1e-10), "penalty at \(x)")
        }
    }

    @Test func withoutPendingPointsThereIsNoPenalty() throws {
        let penalty = LocalPenalization(model: try Self.model(), pending: [], best: -1.1, probes: [[0.5, 0.5]])
        #expect(penalty.logPenalty(at: [0.8, 0.3]) == 0)
    }

    @Test func theLipschitzConstantIsTheSteepestMeanGradientAtTheProbes() throws {
        let model = try Self.model()
        let probes = (0..<50).map { [Double($0 % 10) / 9, Double($0 / 10) / 4] }
        let steepest = probes.map { p in
            model.standardizedPosteriorWithGradient(at: p).meanGradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }.max()!
        let penalty = LocalPenalization(model: model, pending: [[0.8, 0.3]], best: -1.1, probes: probes)
        #expect(isClose(penalty.lipschitz, steepest, relative: 1e-12))
    }

    @Test func selectionEqualsScoringEveryCandidateExactly() throws {
        let model = try Self.model()
        let candidates = Self.uniform(500, seed: 11)
        let exact = Self.exactLogEI(model)
        let values = exact(candidates)
        // Ranked by an upper bound (exact + a slack), as screening hands them over.
        let ranked = candidates.indices.map { AcquisitionOptimizer.Scored(point: candidates[$0], value: values[$0] + 0.3) }
            .sorted { $0.value > $1.value }
        let penalty = LocalPenalization(model: model, pending: [[0.78, 0.32], [0.7, 0.25]], best: -1.1,
                                        probes: candidates)
        let brute = candidates.indices.max { values[$0] + penalty.logPenalty(at: candidates[$0])
            < values[$1] + penalty.logPenalty(at: candidates[$1]) }!
        let picked = penalty.select(ranked, exactValue: exact, accept: { _ in true })
        #expect(picked == candidates[brute])
        // Rejected candidates are never picked.
        let other = penalty.select(ranked, exactValue: exact, accept: { $0 != candidates[brute] })
        #expect(other != nil && other != candidates[brute])
    }

    @Test func aPendingPointPushesTheNextPickOutOfItsBall() throws {
        // Without a pending trial the pick is the acquisition's maximizer; with a trial pending
        // there, the penalty sends the next pick away from it.
        let model = try Self.model()
        let candidates = Self.uniform(2000, seed: 5)
        let exact = Self.exactLogEI(model)
        let values = exact(candidates)
        let ranked = candidates.indices.map { AcquisitionOptimizer.Scored(point: candidates[$0], value: values[$0]) }
            .sorted { $0.value > $1.value }
        let first = ranked[0].point
        let penalty = LocalPenalization(model: model, pending: [first], best: -1.1, probes: candidates)
        let second = try #require(penalty.select(ranked, exactValue: exact, accept: { _ in true }))
        let distance = zip(first, second).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        #expect(distance > 0.05, "second pick \(second) is \(distance) from the pending \(first)")
    }

    // MARK: Thompson sampling

    @Test func drawsHaveThePosteriorMeanAndCovariance() throws {
        let model = try Self.model()
        let candidates = [[0.5, 0.5], [0.52, 0.5], [0.05, 0.95], [0.8, 0.31]]
        let (mean, variance) = model.standardizedPosterior(PointMatrix(candidates, dimension: 2))
        var rng = SplitMix64(seed: 3)
        let draws = 20_000
        var sum = [Double](repeating: 0, count: 4), squares = [Double](repeating: 0, count: 4), cross = 0.0
        for _ in 0..<draws {
            let f = try #require(ThompsonSampling.draw(model: model, candidates: candidates, using: &rng))
            for j in 0..<4 {
                sum[j] += f[j]
                squares[j] += f[j] * f[j]
            }
            cross += (f[0] - mean[0]) * (f[1] - mean[1])
        }
        for j in 0..<4 {
            let m = sum[j] / Double(draws)
            let v = squares[j] / Double(draws) - m * m
            // Five standard errors of the sample mean; 6 % on the variance (its standard error is √(2/N) ≈ 1 %).
            #expect(abs(m - mean[j]) < 5 * (variance[j] / Double(draws)).squareRoot() + 1e-9, "mean at \(j): \(m) vs \(mean[j])")
            #expect(abs(v - variance[j]) < 0.06 * variance[j] + 1e-6, "variance at \(j): \(v) vs \(variance[j])")
        }
        // Two candidates 0.02 apart move together: correlation near 1.
        let correlation = cross / Double(draws) / (variance[0] * variance[1]).squareRoot()
        #expect(correlation > 0.95, "correlation \(correlation)")
    }

    @Test func aSeededGeneratorFixesTheDraw() throws {
        let model = try Self.model()
        let candidates = [[0.5, 0.5], [0.2, 0.7], [0.6, 0.1]]
        var a = SplitMix64(seed: 9), b = SplitMix64(seed: 9)
        #expect(ThompsonSampling.draw(model: model, candidates: candidates, using: &a)
            == ThompsonSampling.draw(model: model, candidates: candidates, using: &b))
    }

    // MARK: In the strategy

    @Test(arguments: BayesStrategy.BatchMethod.allCases)
    func aBatchEqualsSingleCallsToldOfTheEarlierPicks(_ method: BayesStrategy.BatchMethod) throws {
        let space = BayesStrategyTests.plane
        let completed = try BayesStrategyTests.run(BayesStrategyTests.strategy, space: space, count: 12,
                                                   BayesStrategyTests.bowl)
        let strategy = BayesStrategy(options: .init(candidateCount: 300, localCandidateCount: 100, refineStarts: 2,
                                                    batch: method))
        let batch = try strategy.suggest(count: 4, context: SuggestionContext(space: space, goal: .minimize, seed: 4,
                                                                              completed: completed))
        var one: [Configuration] = []
        for _ in 0..<4 {
            one += try strategy.suggest(count: 1, context: SuggestionContext(space: space, goal: .minimize, seed: 4,
                                                                             completed: completed, pending: one))
        }
        // Equal up to rounding: OpenBLAS's kernels round by memory alignment, so the same
        // arithmetic in two calls may differ in the last bits of the refinement's end point.
        #expect(batch.count == 4 && one.count == 4)
        for (a, b) in zip(batch, one) {
            for name in ["x", "y"] {
                #expect(abs(a[name]!.numericValue! - b[name]!.numericValue!) < 1e-6, "\(name): \(a) vs \(b)")
            }
        }
        #expect(Set(batch).count == 4)
    }
}
