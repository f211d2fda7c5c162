/// Bayesian optimization: a Gaussian process (Matérn-5/2, one length scale per coordinate)
/// models the loss over the space's unit-cube encoding, and each suggestion maximizes the
/// log expected improvement over the best finished trial.
///
/// - The first `initialDesignSize` suggestions (and any made while fewer than two trials
///   reported a value) are points of a scrambled Halton sequence fixed by the seed: a
///   space-filling design, with one design coordinate per parameter so categories are
///   covered evenly too.
/// - Then every call fits the hyperparameters (maximum a posteriori, bounded L-BFGS, several
///   starts, see `GaussianProcess.FitOptions`; kept in `fitCache`; with `warmStart`, only at
///   anchor sizes, `anchorCount`, and warm-started in between) to the finished trials, and picks each
///   suggestion of the batch with `AcquisitionOptimizer`. Pending trials, and the batch's
///   earlier picks, join the data with a stand-in value (`Liar`), so a batch spreads out
///   instead of repeating its best guess; `Options.batch` offers local penalization and
///   Thompson sampling instead (measured worse on the benchmark suite, see the README).
/// - Failed trials, NaN and infinite values follow `FailurePolicy`; pruned trials count with
///   their last value, never better than the median completed trial (see `TrainingData`).
/// - Under a successive-halving rule (`SuggestionContext.resources`), the model learns from
///   every trial's learning curve at the rungs, not only from final values
///   (`Options.multiFidelity`, `BayesStrategy+Fidelity.swift`).
/// - Maximization goes through `Goal.loss`: the model always sees a loss to minimize.
/// - With several objectives, one model per objective and log expected hypervolume
///   improvement (`BayesStrategy+MultiObjective.swift`).
///
/// Suggestion i of a run depends only on the seed, the finished trials, and the pending
/// ones: the hyperparameter fit is seeded by the number of finished trials (an anchor's by
/// its own), the candidate pool by the number of finished trials, the rest of pick i by i.
/// So a batch of k equals k single calls each told about the previous picks,
/// and a resumed run gets the suggestions of an uninterrupted one. In a discrete space a
/// configuration already tried or pending is never suggested while others remain: the best
/// unexplored candidate is taken, or a random unexplored configuration as a last resort.
public struct BayesStrategy: Strategy {
    /// `bayes`.
    public var name: String { "bayes" }

    /// The knobs.
    public var options: Options

    /// Where the from-scratch hyperparameter fits are kept for later suggestions to start from.
    public var fitCache: HyperparameterCache

    /// Creates the strategy; its randomness comes from the context's seed.
    public init(options: Options = Options(), fitCache: HyperparameterCache = .shared) {
        self.options = options
        self.fitCache = fitCache
    }

    /// Up to `count` configurations: design points first, then maximizers of log EI, each pick
    /// seeing the pending trials and the earlier picks of the batch. Fewer than `count` only
    /// when a discrete space runs out of unexplored configurations. Never throws: where the
    /// model cannot be built (a covariance that no jitter repairs) a random unexplored
    /// configuration stands in.
    public func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        let context = context.foldingPriors()  // other runs' trials (`--warm-start`) count as finished ones
        if context.isMultiObjective { return multiObjectiveSuggest(count: count, context: context) }
        if !context.constraints.isEmpty { return constrainedSuggest(count: count, context: context) }
        let space = context.space
        let layout = CubeLayout(space)
        let cardinality = space.cardinality
        let designSize = options.initialDesignSize(for: space)
        let design = ScrambledHalton(dimension: layout.blocks.count, seed: context.seed ^ 0x6A09_E667_F3BC_C908)
        let rungs = multiFidelityView(context)
        let data = rungs?.data ?? trainingData(context, count: context.completed.count)
        var seen = context.seen
        var pending = rungs?.pending ?? context.pending
        var surrogate: Surrogate?
        var fantasy: Surrogate.Fantasy?
        var out: [Configuration] = []
        for j in 0..<max(count, 0) {
            if let cardinality, seen.count >= cardinality { break }
            let index = context.suggestionIndex + j
            var rng = SplitMix64(seed: context.seed, index: index, salt: 3)
            let configuration: Configuration
            if index < designSize || data.finiteCount < 2 {
                configuration = designPoint(index, design: design, layout: layout, space: space, avoiding: seen,
                                            using: &rng)
            } else {
                if surrogate == nil {
                    surrogate = Surrogate(data, context: context, dimension: layout.dimension, strategy: self,
                                          warmStart: rungs == nil)
                }
                configuration = modelPick(surrogate!, data: data, pending: pending, layout: layout, space: space,
                                          avoiding: seen, fantasy: &fantasy,
                                          poolRng: SplitMix64(seed: context.seed, index: context.completed.count, salt: 3),
                                          using: &rng)
            }
            seen.insert(configuration)
            pending.append(configuration)
            out.append(configuration)
        }
        return out
    }

    /// The trials at one rung (`Options.multiFidelity`), when the context carries a
    /// successive-halving rule's rungs and some level holds two finite values; nil otherwise.
    func multiFidelityView(_ context: SuggestionContext) -> FidelityView? {
        guard let ladder = context.resources else { return nil }
        let searched = context.space.parameters.filter { if case .constant = $0.domain { false } else { true } }.count
        let found: FidelityView?
        switch options.multiFidelity {
        case .off: return nil
        case .highestRung: found = rungView(context, ladder: ladder, minimumPoints: searched + 2)
        case .shiftedRungs: found = shiftedRungView(context, ladder: ladder)
        case .learnedShifts:
            found = shiftedRungView(context, ladder: ladder, estimate: .gaussianProcess(minimumPoints: 4))
        case .cappedShifts:
            found = shiftedRungView(context, ladder: ladder, estimate: .gaussianProcess(minimumPoints: 4, capped: true))
        }
        guard var view = found else { return nil }
        if view.data.count > options.maxModelPoints {
            var subsetRng = SplitMix64(seed: context.seed, index: context.completed.count, salt: 7)
            view.data = view.data.subset(options.maxModelPoints, using: &subsetRng)
        }
        return view
    }

    /// Design point `index`; on a repeat (only possible in a discrete space) later points of
    /// the sequence, then a random unexplored configuration.
    func designPoint(_ index: Int, design: ScrambledHalton, layout: CubeLayout, space: SearchSpace,
                     avoiding seen: Set<Configuration>, using rng: inout SplitMix64) -> Configuration {
        for attempt in 0..<16 {
            let c = space.decode(layout.point(design: design.point(index + attempt << 20)))
            if !seen.contains(c) { return c }
        }
        return RandomStrategy.draw(space, avoiding: seen, cardinality: space.cardinality, using: &rng)
    }

    /// The unexplored configuration of highest log EI, given the pending trials (or, per
    /// `Options.batch`, of highest penalized log EI, or lowest in a posterior draw). `fantasy`
    /// carries the model conditioned on the pending trials from one pick of the batch to the
    /// next, so each pick only adds its predecessor to the factor, and the candidate pool
    /// (drawn with `poolRng`, the same for every pick of the batch) with its screening basis.
    func modelPick(_ surrogate: Surrogate, data: TrainingData, pending: [Configuration], layout: CubeLayout,
                   space: SearchSpace, avoiding seen: Set<Configuration>, fantasy: inout Surrogate.Fantasy?,
                   poolRng: SplitMix64, using rng: inout SplitMix64) -> Configuration {
        let fallback = { (rng: inout SplitMix64) in
            RandomStrategy.draw(space, avoiding: seen, cardinality: space.cardinality, using: &rng)
        }
        let pendingPoints = pending.filter(space.contains).map(space.encode)
        let model: GaussianProcess
        if options.batch == .localPenalization {
            guard let base = surrogate.model else { return fallback(&rng) }
            model = base
        } else {
            fantasy = surrogate.conditioned(onPending: pendingPoints, liar: options.liar, extending: fantasy)
            guard let conditioned = fantasy?.model else { return fallback(&rng) }
            model = conditioned
        }
        var exhaustive: [[Double]]?
        if space.isDiscrete, let cardinality = space.cardinality, cardinality <= options.candidateCount {
            exhaustive = (0..<cardinality).map { RandomStrategy.point($0, of: space) }
                .filter { !seen.contains($0) }.map(space.encode)
        }
        let optimizer = AcquisitionOptimizer(candidateCount: options.candidateCount,
                                             localCandidateCount: options.localCandidateCount,
                                             refineStarts: options.refineStarts,
                                             refineIterations: options.refineIterations)
        let incumbents = data.bestIndices(5).map { data.points[$0] }
        let best = surrogate.bestStandardizedLoss
        if options.batch == .thompsonSampling, !pendingPoints.isEmpty {
            // Only where there is a batch to spread: a lone pick stays log EI.
            let pool = exhaustive ?? AcquisitionOptimizer(candidateCount: 300, localCandidateCount: 200, refineStarts: 0,
                                                          refineIterations: 1)
                .generate(layout: layout, incumbents: incumbents, using: &rng)
            let fresh = pool.filter { !seen.contains(space.decode($0)) }
            if let sample = ThompsonSampling.draw(model: model, candidates: fresh, using: &rng),
               let lowest = sample.indices.min(by: { sample[$0] < sample[$1] }) {
                return space.decode(fresh[lowest])
            }
        }
        let ranked: [AcquisitionOptimizer.Scored]
        if let exhaustive {
            ranked = optimizer.rank(model: model, best: best, layout: layout,
                                    incumbents: incumbents, fixedCandidates: exhaustive, using: &rng)
        } else {
            var poolRng = poolRng
            var pool = fantasy?.pool ?? optimizer.pool(layout: layout, incumbents: incumbents, using: &poolRng)
            ranked = optimizer.rank(model: model, best: best, layout: layout, pool: &pool)
            fantasy?.pool = pool
        }
        if options.batch == .localPenalization, !pendingPoints.isEmpty {
            let stride = max(1, ranked.count / 200)
            let probes = Swift.stride(from: 0, to: ranked.count, by: stride).map { ranked[$0].point }
            let penalty = LocalPenalization(model: model, pending: pendingPoints, best: surrogate.targets.min()!,
                                            probes: probes)
            let pick = penalty.select(ranked, exactValue: { points in
                let (mean, variance) = model.standardizedPosterior(PointMatrix(points, dimension: model.dimension))
                return zip(mean, variance).map { LogExpectedImprovement.value(mean: $0, variance: $1, best: best) }
            }, accept: { !seen.contains(space.decode($0)) })
            return pick.map(space.decode) ?? fallback(&rng)
        }
        for candidate in ranked {
            let c = space.decode(candidate.point)
            if !seen.contains(c) { return c }
        }
        return fallback(&rng)
    }
}
