/// What a sweep will run, before anything runs: the budget and the first trials.
extension SweepSpec {
    /// How many trials the run asks for: `trials` when given (capped by the grid's size for
    /// grid search), else the whole grid.
    /// - Throws: `SweepPlanError.needsTrials` for random or Bayesian search without a budget;
    ///   `StrategyError` when grid search meets a continuous parameter without `grid_points`.
    public func budget() throws -> Int {
        switch strategy {
        case .grid:
            let size = try GridStrategy.size(of: space)
            return min(trials ?? size, size)
        case .random, .bayes, .tpe:
            guard let trials else { throw SweepPlanError.needsTrials(strategy) }
            return trials
        }
    }

    /// The trials `strategy` proposes before any result is known — what a dry run shows and
    /// what a real run starts with: each configuration and the argv it runs.
    /// - Throws: `SweepPlanError.noCommand` without a command, the errors of `budget()`, and
    ///   the strategy's own.
    public func plannedTrials(using strategy: any Strategy) throws -> [(configuration: Configuration, argv: [String])] {
        guard !command.isEmpty else { throw SweepPlanError.noCommand }
        // The context of the run's first question, rungs included (a strategy may plan its
        // first trials by them); a bad rule is the real run's error to report.
        let context = SuggestionContext(space: space, goal: metric.goal, seed: seed,
                                        resources: (try? earlyStopping?.makeRule())?.resources)
        let configurations = try strategy.suggest(count: try budget(), context: context)
        return try configurations.map { c in (c, try command.render(c, in: space)) }
    }
}
