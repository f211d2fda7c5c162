import Foundation
import Testing
@testable import Search

/// A batch's picks share one candidate pool, and on a large model its screening basis.
@Suite struct BayesCandidatePoolTests {
    @Test func onALargeModelABatchEqualsSequentialCallsThatSeeThePendingPicks() throws {
        // 140 finished trials: past the 128 points where screening (and the shared basis)
        // starts. Pick 2 of the batch reuses pick 1's basis; the single call builds its own.
        let completed = BayesFitCacheTests.observations(140, seed: 8)
        let strategy = BayesStrategy(options: .init(candidateCount: 300, localCandidateCount: 60, refineStarts: 1,
                                                    refineIterations: 10),
                                     fitCache: HyperparameterCache())
        let space = BayesStrategyTests.plane
        let batch = try strategy.suggest(count: 2, context: SuggestionContext(space: space, seed: 2, completed: completed))
        let first = try strategy.suggest(count: 1, context: SuggestionContext(space: space, seed: 2, completed: completed))
        let second = try strategy.suggest(count: 1, context: SuggestionContext(space: space, seed: 2, completed: completed,
                                                                               pending: first))
        #expect(BayesFitCacheTests.close(batch, first + second), "\(batch) vs \(first + second)")
        #expect(batch[0] != batch[1])
    }

    @Test func aPoolKeepsItsBasisFromOnePickToTheNext() throws {
        let (model, _, best) = try GaussianProcessScreeningTests.setup()
        let space = try SearchSpace((1...4).map { Parameter("p\($0)", .real(low: 0, high: 1, log: false)) })
        let layout = CubeLayout(space)
        let optimizer = AcquisitionOptimizer(candidateCount: 200, localCandidateCount: 0, refineStarts: 1, refineIterations: 5)
        var rng = SplitMix64(seed: 1)
        var pool = optimizer.pool(layout: layout, incumbents: [], using: &rng)
        #expect(pool.basis == nil)
        _ = optimizer.rank(model: model, best: best, layout: layout, pool: &pool)
        #expect(pool.basis?.count == model.count)
        // The same ranking whether the basis is reused or made afresh.
        var unscored = AcquisitionOptimizer.Pool(points: pool.points)
        let ranked = optimizer.rank(model: model, best: best, layout: layout, pool: &pool)
        let fresh = optimizer.rank(model: model, best: best, layout: layout, pool: &unscored)
        #expect(ranked.count == fresh.count)
        for (a, b) in zip(ranked, fresh) { #expect(a.point == b.point && isClose(a.value, b.value, relative: 1e-12)) }
    }
}
