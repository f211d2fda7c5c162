import Foundation

/// The tree-structured Parzen estimator (Bergstra et al. 2011), with Optuna's `TPESampler`
/// as the reference: multivariate kernels, a constant liar for pending trials.
///
/// The finished trials are ranked by objective; the best ⌈γ·n⌉ (γ = 0.1, at most 25) form
/// ℓ(x), the rest g(x), both Parzen estimators (`ParzenEstimator`). A suggestion draws 24
/// candidates from ℓ and keeps the one with the largest ℓ(x)/g(x) — which maximizes expected
/// improvement under the TPE model. Pending trials (running ones, and the batch's earlier
/// picks) join g as if they had the worst value (the constant liar), so parallel slots are
/// steered away from each other. The first 10 suggestions are random.
///
/// Several objectives (`SuggestionContext.furtherGoals`): Optuna's MOTPE. ℓ is the best tenth
/// (uncapped) by non-domination rank, the last front that does not fit entered by hypervolume
/// contribution (`TPESplit+MultiObjective.swift`); the rest is as with one objective.
///
/// Each step costs O(n·d) for n finished trials in d parameters, so TPE stays fast for runs
/// of many thousands of trials, where a Gaussian process costs too much. Stateless like every
/// strategy: suggestion i depends only on (seed, i, finished trials, pending trials).
public struct TPEStrategy: Strategy {
    /// The knobs of TPE, with Optuna's defaults.
    public struct Options: Sendable, Hashable {
        /// Random suggestions before the model is used (counting finished trials with a value,
        /// pruned ones included).
        public var startupTrials = 10
        /// Candidates drawn from ℓ per suggestion.
        public var candidates = 24
        /// The fraction of ranked trials that forms ℓ.
        public var gamma = 0.1
        /// The most trials ℓ holds.
        public var maximumBelow = 25
        /// The prior kernel's weight against one observation's.
        public var priorWeight = 1.0
        /// Pending trials join g with the worst value; false ignores them (then parallel slots
        /// may get near-identical suggestions).
        public var constantLiar = true

        /// Optuna's defaults.
        public init() {}
    }

    /// The options in use.
    public var options: Options

    public var name: String { "tpe" }

    /// Creates the strategy; its randomness comes from the context's seed.
    public init(options: Options = Options()) {
        self.options = options
    }

    public func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        let context = context.foldingPriors()  // other runs' trials (`--warm-start`) count as finished ones
        let space = context.space
        let cardinality = space.cardinality
        let layout = ParzenEstimator.Layout(space)
        var seen: Set<Configuration> = cardinality == nil ? context.seen : context.seen.filter { space.contains($0) }
        var split = TPESplit(context: context, layout: layout, options: options)
        var out: [Configuration] = []
        for k in 0..<max(count, 0) {
            if let c = cardinality, seen.count >= c { break }
            let index = context.suggestionIndex + k
            let configuration: Configuration
            if split.ranked < options.startupTrials || layout.dimension == 0 {
                var rng = SplitMix64(seed: context.seed, index: index, salt: 1)
                configuration = RandomStrategy.draw(space, avoiding: seen, cardinality: cardinality, using: &rng)
            } else {
                configuration = best(in: space, layout: layout, split: split, seen: seen, cardinality: cardinality,
                                     seed: context.seed, index: index)
            }
            seen.insert(configuration)
            out.append(configuration)
            if options.constantLiar { split.addPending(layout.point(configuration, in: space)) }
        }
        return out
    }

    /// The candidate drawn from ℓ with the largest log ℓ(x) − log g(x) that was not tried yet;
    /// a random untried point when every candidate was (a nearly exhausted discrete space).
    func best(in space: SearchSpace, layout: ParzenEstimator.Layout, split: TPESplit, seen: Set<Configuration>,
              cardinality: Int?, seed: UInt64, index: Int) -> Configuration {
        let (below, above) = split.estimators(priorWeight: options.priorWeight)
        var rng = SplitMix64(seed: seed, index: index, salt: 5)
        var scored: [(score: Double, configuration: Configuration)] = []
        for _ in 0..<max(options.candidates, 1) {
            let point = below.sample(using: &rng)
            let configuration = space.decode(layout.encoded(point))
            // Score the point the configuration stands for: integers and ordinals are rounded.
            let decoded = layout.point(configuration, in: space)
            let score = below.logDensity(decoded) - above.logDensity(decoded)
            scored.append((score.isNaN ? -.infinity : score, configuration))
        }
        // Stable order: ties keep the order of drawing.
        for candidate in scored.enumerated().sorted(by: { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) })
        where !seen.contains(candidate.element.configuration) {
            return candidate.element.configuration
        }
        return RandomStrategy.draw(space, avoiding: seen, cardinality: cardinality, using: &rng)
    }
}
