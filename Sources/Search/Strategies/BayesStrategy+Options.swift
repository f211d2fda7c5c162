import Foundation

extension BayesStrategy {
    /// The knobs of Bayesian optimization; the defaults suit budgets of tens to hundreds of trials.
    public struct Options: Hashable, Sendable {
        /// Trials drawn from the space-filling design before the model takes over; nil means
        /// `max(5, 2·d)` with d the number of searched (non-constant) parameters.
        public var initialDesignSize: Int?
        /// Quasi-random candidates scored per suggestion.
        public var candidateCount: Int
        /// Perturbations of the best observations scored per suggestion.
        public var localCandidateCount: Int
        /// How many of the best candidates are refined by gradient ascent.
        public var refineStarts: Int
        /// The most L-BFGS iterations per refinement. 60 rather than 30 took the suite's
        /// Hartmann6 median regret from 1.2e-4 to 5.6e-5 and Ackley's from 3.2 to 2.7 (10 seeds)
        /// for 0.70 → 0.80 s a suggestion at n = 1000.
        public var refineIterations: Int
        /// The value pending trials stand in with while they run. The default, kriging
        /// believer, kept 4-slot regret within 1.5× of sequential in the benchmark suite where
        /// the mean constant liar lost up to 16× (Rosenbrock: its huge mean loss, put at the
        /// pending points beside the incumbent, made the best region look bad).
        public var liar: Liar
        /// How a pick accounts for the pending trials (running ones and the batch's earlier
        /// picks): fantasies at `liar` values, local penalization, or Thompson sampling.
        public var batch: BatchMethod = .fantasies
        /// What failed trials (and NaN or infinite values) tell the model.
        public var failures: FailurePolicy
        /// How the Gaussian process hyperparameters are fitted.
        public var fit: GaussianProcess.FitOptions
        /// How losses are warped before the model sees them. The default, `log(y − min y + δ)`
        /// with δ three times the spread from the best to the median loss, improved 6 of the 7
        /// suite functions over no warp at 10 seeds (Rosenbrock 22 → 2.7, Levy 1.2 → 0.32,
        /// Branin 1.9e-4 → 2.6e-5; Ackley 2.8 → 3.4 the one loss); see the README's Benchmarks.
        public var warp: OutputWarp = .logarithmic(fraction: 3)
        /// With more trials than this, the model is conditioned on this many: the best half
        /// and a seeded uniform sample of the rest (`TrainingData.subset`). Its factorization
        /// costs n³ and every candidate n², so without a cap a suggestion at n = 5,000 took
        /// minutes; see the README's speed table.
        public var maxModelPoints: Int = 2000
        /// How the model learns from learning curves when the context carries rungs
        /// (`SuggestionContext.resources`: a successive-halving rule); see `MultiFidelity`.
        /// The default, shifted rungs, had the lowest median regret of hpo's methods and the
        /// peers' on the multi-fidelity benchmark's synthetic tasks at 10R and 30R (Branin
        /// 3.7e-5 at 30R against 1.4e-3 with final values only and 1.79 with the highest rung;
        /// README, "Multi-fidelity"). Shifts learned per configuration (`learnedShifts`) did
        /// better on the synthetic tasks and the digits MLP but lost on gradient boosting, where
        /// the model kept proposing late bloomers that ASHA stopped at the first rung.
        public var multiFidelity: MultiFidelity = .shiftedRungs

        /// Creates options.
        public init(initialDesignSize: Int? = nil, candidateCount: Int = 2000, localCandidateCount: Int = 500,
                    refineStarts: Int = 5, refineIterations: Int = 60, liar: Liar = .krigingBeliever,
                    failures: FailurePolicy = .imputeWorst, fit: GaussianProcess.FitOptions = .init(),
                    batch: BatchMethod = .fantasies) {
            self.initialDesignSize = initialDesignSize.map { max(1, $0) }
            self.candidateCount = max(1, candidateCount)
            self.localCandidateCount = max(0, localCandidateCount)
            self.refineStarts = max(0, refineStarts)
            self.refineIterations = max(1, refineIterations)
            self.liar = liar
            self.failures = failures
            self.fit = fit
            self.batch = batch
        }

        /// The initial design size for `space`.
        public func initialDesignSize(for space: SearchSpace) -> Int {
            if let initialDesignSize { return initialDesignSize }
            let searched = space.parameters.filter { if case .constant = $0.domain { false } else { true } }.count
            return max(5, 2 * searched)
        }
    }

    /// What the model learns from learning curves under a successive-halving rule.
    public enum MultiFidelity: String, Hashable, Sendable, CaseIterable {
        /// Final values only: a pruned trial counts with its last value, never better than
        /// the median completed trial (`TrainingData`). The behaviour before curves were passed.
        case off
        /// The model is fitted on the values recorded at one rung: the highest rung reached by
        /// enough trials (BOHB, Falkner et al. 2018), see `BayesStrategy+Fidelity.swift`. On
        /// the benchmark it stalled where the low rungs' best region is not the full
        /// length's (multi-fidelity Branin: 1.79 at 10R and at 30R).
        case highestRung
        /// One model over every trial at the highest level it reached, its value shifted onto
        /// the top level's scale by the median gain between levels, see
        /// `BayesStrategy.shiftedRungView`.
        case shiftedRungs
        /// As `shiftedRungs`, with the shift from one level to the next learned per
        /// configuration: a Gaussian process over the configuration fitted to the gains of
        /// the trials that went on (`RungGains`), so that curves that cross (a high learning
        /// rate that leads early and flattens later) are not all shifted alike.
        case learnedShifts
        /// As `learnedShifts`, each learned shift at most the median one: a trial may be
        /// shifted less than most (an early leader whose neighbours flattened), never more.
        /// Under ASHA a configuration that starts badly is stopped at the first rung whatever
        /// it would gain later, so a model that expects late gains keeps proposing trials the
        /// rule stops (on the benchmark, two of five digits-MLP runs spent 30R on 560–680
        /// trials, four of which finished).
        case cappedShifts
    }

    /// How a pending trial (suggested, not finished) is fed to the model while the next
    /// suggestion of a batch is chosen. The pending point joins the data with a made-up
    /// value and the hyperparameters stay those fitted on real results; its posterior
    /// variance collapses, so the next pick goes elsewhere.
    public enum Liar: Hashable, Sendable {
        /// Constant liar (Ginsbourger et al. 2010): every pending trial gets the same value.
        case constant(LiarValue)
        /// Kriging believer: each pending trial gets the model's mean there (model fitted on
        /// finished trials only).
        case krigingBeliever
    }

    /// How a suggestion keeps away from the trials still pending, so that parallel slots do
    /// not all evaluate the same promising point.
    public enum BatchMethod: String, Hashable, Sendable, CaseIterable {
        /// The pending trials join the model at `Options.liar` values (kriging believer by
        /// default): their variance collapses, and log EI is maximized on that model.
        case fantasies
        /// log EI of the model on finished trials only, minus a local penalty around each
        /// pending trial (`LocalPenalization`).
        case localPenalization
        /// A draw from the joint posterior (the fantasy model) over a candidate set; its
        /// minimizer is the pick (`ThompsonSampling`).
        case thompsonSampling
    }

    /// The value a constant liar uses, from the finished trials' (standardized) losses.
    public enum LiarValue: String, Hashable, Sendable, CaseIterable {
        /// The best loss: optimistic, keeps the batch near the incumbent.
        case best
        /// The mean loss: the usual compromise.
        case mean
        /// The worst loss: pessimistic, spreads the batch widest.
        case worst
    }

    /// A monotone map of the losses before they are standardized: the order of trials, so
    /// the incumbent, is unchanged, but the model's resolution moves to where it matters.
    public enum OutputWarp: Hashable, Sendable {
        /// Losses as they are.
        case none
        /// `log(y − min y + δ)` with δ = `fraction` × (median y − min y): heavy upper tails
        /// (a diverged trial, Rosenbrock's 10⁵ walls) no longer flatten the region of the
        /// good trials, whose differences the GP's noise floor would otherwise swallow.
        case logarithmic(fraction: Double)

        /// `losses` warped.
        func apply(_ losses: [Double]) -> [Double] {
            guard case .logarithmic(let fraction) = self, let low = losses.min() else { return losses }
            let spread = (BayesStrategy.median(losses) ?? low) - low
            guard spread > 0 else { return losses }
            let delta = fraction * spread
            return losses.map { Foundation.log($0 - low + delta) }
        }
    }

    /// What the model learns from a trial that produced no usable value: a failure, a
    /// timeout, an infeasible configuration, a NaN or an infinite objective.
    public enum FailurePolicy: String, Hashable, Sendable, CaseIterable {
        /// The trial counts as the worst loss observed so far (among finite values): the model
        /// learns to avoid the region (divergence at high learning rates, out-of-memory at large
        /// batches) without one absurd value wrecking the standardization.
        case imputeWorst
        /// The trial is left out of the model (for failures unrelated to the configuration);
        /// it still counts as tried, so a discrete space never repeats it.
        case exclude
    }
}
