/// The search strategies a sweep can name.
public enum StrategyKind: String, Hashable, Sendable, CaseIterable {
    /// Every combination, in Grid.ai's order.
    case grid
    /// Independent draws (Grid.ai's `random_search` over lists).
    case random
    /// Bayesian optimization with a Gaussian process.
    case bayes
}
