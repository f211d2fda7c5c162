/// Everything a strategy may use to make suggestions. Strategies keep no history of their
/// own: a resumed run rebuilds this from its store and gets the same suggestions.
public struct SuggestionContext: Sendable {
    /// The space to search.
    public var space: SearchSpace
    /// Whether smaller or larger objectives are better.
    public var goal: Goal
    /// The run's seed: together with `suggestionIndex` it fixes every random draw.
    public var seed: UInt64
    /// Finished trials in the order they were suggested.
    public var completed: [Observation]
    /// Configurations suggested earlier that have not finished yet (queued or running).
    public var pending: [Configuration]
    /// The learning curves the pending trials reported so far (running trials under an
    /// early-stopping rule), by configuration; a pending trial without an entry reported
    /// nothing yet.
    public var pendingCurves: [Configuration: [LearningCurve.Point]]
    /// The rungs of the run's successive-halving rule (`asha`, `hyperband`); nil without one.
    /// With it, a multi-fidelity strategy reads comparable values from every curve.
    public var resources: ResourceLadder?
    /// The run's outcome constraints; each completed observation's `constraintValues` is
    /// aligned with it. Empty: every completed trial is feasible.
    public var constraints: [OutcomeConstraint] = []
    /// The goals of the run's second and later objectives (`Objective`); each completed
    /// observation's `furtherValues` is aligned with it. Empty: one objective, `goal`.
    public var furtherGoals: [Goal] = []
    /// Finished trials of other runs (`--warm-start`), mapped onto this run's space: a model
    /// strategy (bayes, tpe) learns from them as from `completed`; grid and random ignore
    /// them. They are not this run's trials: `suggestionIndex` does not count them.
    public var priors: [Observation] = []

    /// Creates a context.
    public init(space: SearchSpace, goal: Goal = .minimize, seed: UInt64 = 0,
                completed: [Observation] = [], pending: [Configuration] = [],
                pendingCurves: [Configuration: [LearningCurve.Point]] = [:], resources: ResourceLadder? = nil) {
        self.space = space
        self.goal = goal
        self.seed = seed
        self.completed = completed
        self.pending = pending
        self.pendingCurves = pendingCurves
        self.resources = resources
    }

    /// The index of the next suggestion in the run: how many were made before it.
    public var suggestionIndex: Int { completed.count + pending.count }

    /// Every objective's goal, the first objective's (`goal`) first.
    public var goals: [Goal] { [goal] + furtherGoals }

    /// True when the run has more than one objective.
    public var isMultiObjective: Bool { !furtherGoals.isEmpty }

    /// Every configuration already suggested, finished or not.
    public var seen: Set<Configuration> {
        Set(completed.map(\.configuration)).union(pending)
    }

    /// This context with the priors joined to the finished trials (first, as the older
    /// ones), for a strategy that models every observation alike.
    public func foldingPriors() -> SuggestionContext {
        guard !priors.isEmpty else { return self }
        var out = self
        out.completed = priors + completed
        out.priors = []
        return out
    }
}
