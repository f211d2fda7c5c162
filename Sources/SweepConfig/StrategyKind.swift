/// The search strategies a sweep can name.
public enum StrategyKind: String, Hashable, Sendable, CaseIterable {
    /// Every combination, in Grid.ai's order.
    case grid
    /// Independent draws (Grid.ai's `random_search` over lists).
    case random
    /// Bayesian optimization with a Gaussian process.
    case bayes
    /// The tree-structured Parzen estimator: model-based like bayes, fast at any number of trials.
    case tpe

    /// Grid.ai's names for the same strategies (`grid run --strategy random_search`),
    /// understood so that a Grid.ai command line works as it is.
    public static let gridAINames: [String: StrategyKind] = ["grid_search": .grid, "random_search": .random]

    /// The strategy `name` stands for: hpo's own names, or Grid.ai's.
    public init?(name: String) {
        guard let kind = StrategyKind(rawValue: name) ?? StrategyKind.gridAINames[name] else { return nil }
        self = kind
    }

    /// The strategy itself, with its default options: the one place a name becomes a strategy,
    /// for `hpo run`, `hpo search`, `hpo resume` and `Sweep.prepare` alike.
    public func makeStrategy() -> any Strategy {
        switch self {
        case .grid: GridStrategy()
        case .random: RandomStrategy()
        case .bayes: BayesStrategy()
        case .tpe: TPEStrategy()
        }
    }
}
