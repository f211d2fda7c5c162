import Dispatch
import Foundation
import Testing
@testable import Search

/// Anchored hyperparameter fits: from scratch at anchor sizes, warm-started in between, with
/// the anchors' fits kept in a `HyperparameterCache` that changes speed, never suggestions.
@Suite struct BayesFitCacheTests {
    static let plane = BayesStrategyTests.plane

    /// Warm-started fits; `screen` > 0 lets the warm start join the screened usual starts.
    static func options(screen: Int = 0) -> BayesStrategy.Options {
        var options = BayesStrategyTests.strategy.options
        options.fit.warmStart = true
        options.fit.screenIterations = screen
        return options
    }

    /// `count` finished trials of the bowl at seeded random points.
    static func observations(_ count: Int, seed: UInt64 = 5) -> [Observation] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let c = Configuration(["x": .real(rng.nextUnit()), "y": .real(4 * rng.nextUnit() - 2)])
            return Observation(c, .value(BayesStrategyTests.bowl(c)))
        }
    }

    /// Equal up to the rounding OpenBLAS's kernels vary with alignment (see
    /// GaussianProcessFitTests), carried through the acquisition search.
    static func close(_ a: [Configuration], _ b: [Configuration]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            ["x", "y"].allSatisfy { abs(x[$0]!.numericValue! - y[$0]!.numericValue!) <= 1e-6 }
        }
    }

    @Test func anchorsComeEveryEighthOfThePowerOfTwoBelow() {
        #expect(BayesStrategy.anchorCount(15) == nil)
        #expect([16, 17, 18, 19].map(BayesStrategy.anchorCount) == [16, 16, 18, 18])
        #expect([32, 35, 36, 63].map(BayesStrategy.anchorCount) == [32, 32, 36, 60])
        #expect([100, 1000, 1023, 1024].map(BayesStrategy.anchorCount) == [96, 960, 960, 1024])
    }

    @Test(arguments: [0, 5]) func aResumedRunSuggestsWhatAnUninterruptedOneDoes(screen: Int) throws {
        // The uninterrupted run fills its cache as it goes; each resumed call starts empty and
        // recomputes the anchor from the finished trials.
        let cache = HyperparameterCache()
        let running = BayesStrategy(options: Self.options(screen: screen), fitCache: cache)
        let completed = try BayesStrategyTests.run(running, space: Self.plane, count: 27, BayesStrategyTests.bowl)
        for n in [19, 22, 25] {
            let context = SuggestionContext(space: Self.plane, seed: 1, completed: Array(completed.prefix(n)))
            let before = cache.statistics.hits
            let uninterrupted = try running.suggest(count: 2, context: context)
            #expect(cache.statistics.hits > before, "n = \(n): the running study finds its anchor")
            let fresh = HyperparameterCache()
            let resumed = try BayesStrategy(options: Self.options(screen: screen), fitCache: fresh)
                .suggest(count: 2, context: context)
            #expect(fresh.statistics == (hits: 0, misses: 1), "n = \(n)")
            #expect(Self.close(uninterrupted, resumed), "n = \(n): \(uninterrupted) vs \(resumed)")
            #expect(Self.close([uninterrupted[0]], [completed[n].configuration]), "n = \(n): what the run suggested then")
        }
    }

    @Test func betweenAnchorsTheFitStartsFromTheAnchorAndOtherwiseFromScratch() throws {
        // 23 trials: the anchor is 22, so the fit starts from the anchor's.
        let completed = Self.observations(23)
        let context = SuggestionContext(space: Self.plane, seed: 1, completed: completed)
        let strategy = BayesStrategy(options: Self.options(), fitCache: HyperparameterCache())
        let layout = CubeLayout(Self.plane)
        let data = strategy.trainingData(context, count: 23)
        let warm = BayesStrategy.Surrogate(data, context: context, dimension: layout.dimension, strategy: strategy)
        var cold = Self.options()
        cold.fit.warmStart = false
        let scratch = BayesStrategy(options: cold, fitCache: HyperparameterCache())
        let full = BayesStrategy.Surrogate(data, context: context, dimension: layout.dimension, strategy: scratch)
        // Both reach the posterior's optimum on this smooth bowl; they are different searches.
        let points = warm.points, y = warm.targets
        func logPosterior(_ s: BayesStrategy.Surrogate) -> Double {
            GaussianProcess.logPosterior(points: points, targets: y, logVector: s.model!.hyperparameters.logVector,
                                         prior: cold.fit.prior)!.value
        }
        #expect(logPosterior(warm) > logPosterior(full) - 0.5, "warm \(logPosterior(warm)), cold \(logPosterior(full))")
        #expect(warm.model!.hyperparameters != full.model!.hyperparameters)
        #expect(strategy.fitCache.statistics.misses == 1 && scratch.fitCache.statistics.misses == 1)
    }

    @Test func concurrentSuggestionsShareOneCacheAndAgreeWithSerialOnes() throws {
        // Study's workers suggest at the same time through the shared cache; a capacity of 2
        // makes them evict each other's entries while they run.
        let completed = Self.observations(30)
        let sizes = Array(18...29)
        let serial = try sizes.map { n in
            try BayesStrategy(options: Self.options(), fitCache: HyperparameterCache())
                .suggest(count: 1, context: SuggestionContext(space: Self.plane, seed: 3, completed: Array(completed.prefix(n))))
        }
        let shared = HyperparameterCache(capacity: 2)
        let strategy = BayesStrategy(options: Self.options(), fitCache: shared)
        let results = Results(count: sizes.count)
        DispatchQueue.concurrentPerform(iterations: 2 * sizes.count) { i in
            let n = sizes[i % sizes.count]
            let context = SuggestionContext(space: Self.plane, seed: 3, completed: Array(completed.prefix(n)))
            results.set(i, (try? strategy.suggest(count: 1, context: context)) ?? [])
        }
        for i in 0..<(2 * sizes.count) {
            #expect(Self.close(results.get(i), serial[i % sizes.count]), "n = \(sizes[i % sizes.count])")
        }
        #expect(shared.count <= 2)
        let (hits, misses) = shared.statistics
        #expect(hits + misses == 2 * sizes.count)
    }

    @Test func theOldestEntryGoesFirstPastTheCapacity() {
        let cache = HyperparameterCache(capacity: 2)
        let theta = GaussianProcess.defaultHyperparameters(dimension: 1)
        func key(_ i: Int) -> HyperparameterCache.Key {
            .init(seed: 0, index: i, points: [0.5], dimension: 1, targets: [0], options: .init())
        }
        var fits = 0
        for i in [0, 1, 2, 1, 0] { _ = cache.value(for: key(i)) { fits += 1; return theta } }
        // 0, 1, 2 fit; 1 is still held; 0 was evicted by 2 and fits again.
        #expect(fits == 4)
        #expect(cache.count == 2)
        #expect(cache.statistics == (hits: 1, misses: 4))
        cache.removeAll()
        #expect(cache.count == 0)
    }

    /// Answers written by concurrent workers.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [[Configuration]]
        init(count: Int) { values = Array(repeating: [], count: 2 * count) }
        func set(_ i: Int, _ v: [Configuration]) { lock.withLock { values[i] = v } }
        func get(_ i: Int) -> [Configuration] { lock.withLock { values[i] } }
    }
}
