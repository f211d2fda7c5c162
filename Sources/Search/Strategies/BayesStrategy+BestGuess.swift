extension BayesStrategy {
    /// What the model believes best so far, for `hpo status` and the report.
    public struct BestGuess: Hashable, Sendable {
        /// The configuration of lowest predicted loss among those the model was fitted on.
        public var configuration: Configuration
        /// The rung step the model was fitted at (`MultiFidelity.highestRung`); nil when it
        /// was fitted on final values or on every rung's values shifted to the top.
        public var level: Int?
    }

    /// The model's current best guess: of the trials it learns from (with a multi-fidelity
    /// model, at their rung values), the one whose posterior mean is lowest. The mean
    /// smooths a lucky value that its neighbours contradict, so under a successive-halving
    /// rule this is the configuration the model would bet on at the full length, which
    /// need not be the best value recorded so far. Nil before any trial reported a finite
    /// value; the best observed value while the model cannot be built (under two values).
    /// Nil with several objectives: there the best is a front, not one configuration.
    public func bestGuess(context: SuggestionContext) -> BestGuess? {
        guard !context.isMultiObjective else { return nil }
        let space = context.space
        let view = multiFidelityView(context)
        let data = view?.data ?? trainingData(context, count: context.completed.count)
        guard data.finiteCount > 0 else { return nil }
        var best = data.bestIndices(1)[0]
        if data.finiteCount >= 2 {
            let surrogate = Surrogate(data, context: context, dimension: CubeLayout(space).dimension, strategy: self,
                                      warmStart: view == nil)
            if let model = surrogate.model {
                let mean = model.standardizedPosterior(surrogate.points).mean
                best = mean.indices.min { (mean[$0], $0) < (mean[$1], $1) } ?? best
            }
        }
        return BestGuess(configuration: space.decode(data.points[best]), level: view?.level)
    }
}
