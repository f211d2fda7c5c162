/// Which strategy a `Study` asks: `.grid`, `.random`, or any `Strategy` through `.custom`.
///
/// A small value wrapping the strategy so that call sites read
/// `Study(space: space, strategy: .random, goal: .minimize, seed: 7)`.
public struct StrategyChoice: Sendable {
    /// The strategy itself.
    public let strategy: any Strategy

    /// Wraps a strategy.
    public init(_ strategy: any Strategy) {
        self.strategy = strategy
    }

    /// Grid search: every combination, first parameter fastest (see `GridStrategy`).
    public static var grid: StrategyChoice { StrategyChoice(GridStrategy()) }

    /// Random search: independent draws fixed by the study's seed (see `RandomStrategy`).
    public static var random: StrategyChoice { StrategyChoice(RandomStrategy()) }

    /// Bayesian optimization: a Gaussian process and log expected improvement.
    public static func bayes(_ options: BayesStrategy.Options = .init()) -> StrategyChoice {
        StrategyChoice(BayesStrategy(options: options))
    }

    /// The tree-structured Parzen estimator: fast at any number of trials (see `TPEStrategy`).
    public static func tpe(_ options: TPEStrategy.Options = .init()) -> StrategyChoice {
        StrategyChoice(TPEStrategy(options: options))
    }

    /// Any other strategy, for example one written for a particular problem.
    public static func custom(_ strategy: any Strategy) -> StrategyChoice {
        StrategyChoice(strategy)
    }
}
