/// A way of choosing trials: grid, random, Bayesian optimization.
///
/// A strategy is a function of its context. It receives the finished and the pending trials
/// on every call and keeps no hidden history, so a resumed run, or a run that asks for a
/// batch at a time, gets the suggestions an uninterrupted run would get.
public protocol Strategy: Sendable {
    /// A short name for logs and configs: `grid`, `random`, `bayes`.
    var name: String { get }

    /// Suggests up to `count` new configurations, none equal to each other and, in a
    /// discrete space, none equal to a completed or pending one while unexplored ones remain.
    /// Fewer than `count` (possibly none) means the strategy has nothing more to propose.
    func suggest(count: Int, context: SuggestionContext) throws -> [Configuration]

    /// True when `suggest` costs about as much as a function call whatever the history (a
    /// random draw, the next grid point): a controller may then ask on its own thread instead
    /// of a worker, sparing a thread hand-off and a turn of its loop per trial. False (the
    /// default) for a strategy that fits a model, however small the model is today.
    var answersAtOnce: Bool { get }
}

extension Strategy {
    /// A model-fitting strategy's default: asked off the controller's loop.
    public var answersAtOnce: Bool { false }
}

/// Why a strategy cannot work with a space.
public enum StrategyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Grid search met a continuous parameter without `grid_points`.
    case continuousParameterInGrid(parameter: String)
    /// The grid has more points than can be enumerated.
    case gridTooLarge

    public var description: String {
        switch self {
        case .continuousParameterInGrid(let p):
            return "grid search cannot enumerate the continuous parameter '\(p)': give it a list of values, "
                + "set grid_points to discretize it, or use --strategy random or bayes"
        case .gridTooLarge:
            return "the grid has too many points to enumerate; use --strategy random or bayes"
        }
    }
}
