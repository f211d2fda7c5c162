/// Bayesian optimization under outcome constraints (`SuggestionContext.constraints`):
/// one Gaussian process per constrained metric, fitted to the trials that reported it, and
/// each suggestion maximizes log EI over the best *feasible* trial plus the log probability
/// that every constraint holds (`LogProbabilityOfFeasibility`, Gardner et al. 2014). Before
/// any trial is feasible, the probability of feasibility alone is maximized.
///
/// The design points, the objective's model, the pending trials' liar values and the
/// determinism (suggestion i depends on the seed, the finished and the pending trials only)
/// are those of the unconstrained path. The candidates are the optimizer's pool (quasi-random
/// points and perturbations of the best feasible trials, plus finer steps around the best
/// two), scored exactly, without the gradient refinement of the unconstrained path. A
/// constrained run does not use the multi-fidelity rung view: a trial's constraint values
/// are those of its last report.
extension BayesStrategy {
    /// The constrained counterpart of `suggest(count:context:)`.
    func constrainedSuggest(count: Int, context: SuggestionContext) -> [Configuration] {
        let space = context.space
        let layout = CubeLayout(space)
        let designSize = options.initialDesignSize(for: space)
        let design = ScrambledHalton(dimension: layout.blocks.count, seed: context.seed ^ 0x6A09_E667_F3BC_C908)
        let data = trainingData(context, count: context.completed.count)
        let feasibility = FeasibilityModels(context, dimension: layout.dimension, options: options)
        var seen = context.seen
        var pending = context.pending
        var surrogate: Surrogate?
        var fantasy: Surrogate.Fantasy?
        var out: [Configuration] = []
        for j in 0..<max(count, 0) {
            if let cardinality = space.cardinality, seen.count >= cardinality { break }
            let index = context.suggestionIndex + j
            var rng = SplitMix64(seed: context.seed, index: index, salt: 3)
            let configuration: Configuration
            if index < designSize || data.finiteCount < 2 {
                configuration = designPoint(index, design: design, layout: layout, space: space, avoiding: seen, using: &rng)
            } else {
                if surrogate == nil { surrogate = Surrogate(data, context: context, dimension: layout.dimension, strategy: self) }
                configuration = constrainedPick(surrogate!, data: data, feasibility: feasibility, context: context,
                                                pending: pending, layout: layout, avoiding: seen, fantasy: &fantasy,
                                                using: &rng)
            }
            seen.insert(configuration)
            pending.append(configuration)
            out.append(configuration)
        }
        return out
    }

    /// The unexplored candidate of highest log EI (over the best feasible trial, the model
    /// conditioned on the pending trials) plus log probability of feasibility.
    func constrainedPick(_ surrogate: Surrogate, data: TrainingData, feasibility: FeasibilityModels,
                         context: SuggestionContext, pending: [Configuration], layout: CubeLayout,
                         avoiding seen: Set<Configuration>, fantasy: inout Surrogate.Fantasy?,
                         using rng: inout SplitMix64) -> Configuration {
        let space = context.space
        let fallback = { (rng: inout SplitMix64) in
            RandomStrategy.draw(space, avoiding: seen, cardinality: space.cardinality, using: &rng)
        }
        fantasy = surrogate.conditioned(onPending: pending.filter(space.contains).map(space.encode),
                                        liar: options.liar, extending: fantasy)
        guard let model = fantasy?.model else { return fallback(&rng) }
        let feasiblePoints = Set(context.completed.filter { $0.isFeasible(under: context.constraints) && space.contains($0.configuration) }
            .map { space.encode($0.configuration) })
        let feasibleIndices = data.losses.indices.filter { data.measured[$0] && feasiblePoints.contains(data.points[$0]) }
            .sorted { (surrogate.targets[$0], $0) < (surrogate.targets[$1], $1) }
        let best = feasibleIndices.first.map { surrogate.targets[$0] }
        let candidates: [[Double]]
        if space.isDiscrete, let cardinality = space.cardinality, cardinality <= options.candidateCount {
            candidates = (0..<cardinality).map { RandomStrategy.point($0, of: space) }.filter { !seen.contains($0) }
                .map(space.encode)
        } else {
            let incumbents = feasibleIndices.isEmpty ? feasibility.likeliestPoints(5) : feasibleIndices.prefix(5).map { data.points[$0] }
            let optimizer = AcquisitionOptimizer(candidateCount: options.candidateCount,
                                                 localCandidateCount: options.localCandidateCount,
                                                 refineStarts: 0, refineIterations: 1)
            var poolRng = SplitMix64(seed: context.seed, index: context.completed.count, salt: 3)
            // Fine steps around the best feasible trials stand in for the gradient refinement of
            // the unconstrained path: the constrained optimum usually lies on an edge of the
            // feasible set, and the coarse pool lands near it but rarely on it.
            let fine = feasibleIndices.prefix(2).map { data.points[$0] }
            candidates = optimizer.generate(layout: layout, incumbents: incumbents, using: &poolRng)
                + (0..<(fine.isEmpty ? 0 : 200)).map { k in
                    layout.perturb(fine[k % fine.count], scale: [0.001, 0.003][(k / fine.count) % 2], using: &poolRng)
                }
        }
        guard !candidates.isEmpty else { return fallback(&rng) }
        let matrix = PointMatrix(candidates, dimension: model.dimension)
        var scores = feasibility.logProbability(matrix)
        if let best {
            let (mean, variance) = model.standardizedPosterior(matrix)
            for i in scores.indices {
                scores[i] += LogExpectedImprovement.value(mean: mean[i], variance: variance[i], best: best)
            }
        }
        for i in candidates.indices.sorted(by: { (scores[$0], -$0) > (scores[$1], -$1) }) {
            let c = space.decode(candidates[i])
            if !seen.contains(c) { return c }
        }
        return fallback(&rng)
    }

    /// One Gaussian process per constrained metric, each on the finished trials that
    /// reported a finite value of it (a metric with fewer than two such trials has no model
    /// and adds nothing: the design, or the other constraints, explore it).
    struct FeasibilityModels {
        /// Per constraint: its model and bound, or nil.
        let models: [(model: GaussianProcess, constraint: OutcomeConstraint)?]
        /// The encoded finished trials with the sum of their feasibility margins' signs, for
        /// starting local search before any trial is feasible.
        let observed: [(point: [Double], satisfied: Int)]

        init(_ context: SuggestionContext, dimension: Int, options: Options) {
            let space = context.space
            let inside = context.completed.filter { space.contains($0.configuration) }
            var models: [(model: GaussianProcess, constraint: OutcomeConstraint)?] = []
            for (k, constraint) in context.constraints.enumerated() {
                let pairs = inside.compactMap { o -> ([Double], Double)? in
                    guard k < o.constraintValues.count, o.constraintValues[k].isFinite else { return nil }
                    return (space.encode(o.configuration), o.constraintValues[k])
                }
                guard pairs.count >= 2 else { models.append(nil); continue }
                let map = GaussianProcess.Standardization(fitting: pairs.map(\.1))
                let points = PointMatrix(pairs.map(\.0), dimension: dimension)
                let y = pairs.map { map.standardize($0.1) }
                var rng = SplitMix64(seed: context.seed, index: pairs.count, salt: 11 + UInt64(k))
                let theta = GaussianProcess.fitHyperparameters(points: points, targets: y, options: options.fit, using: &rng)
                let model = try? GaussianProcess(points: points, standardizedTargets: y, standardization: map,
                                                 hyperparameters: theta)
                models.append(model.map { ($0, constraint) })
            }
            self.models = models
            self.observed = inside.map { o in
                let satisfied = context.constraints.indices.filter { k in
                    k < o.constraintValues.count && context.constraints[k].isSatisfied(by: o.constraintValues[k])
                }.count
                return (space.encode(o.configuration), satisfied)
            }
        }

        /// Σᵢ log P(constraint i holds) at each point (standardized units: the bound is
        /// standardized with the model's map).
        func logProbability(_ points: PointMatrix) -> [Double] {
            var total = [Double](repeating: 0, count: points.count)
            for entry in models {
                guard let (model, c) = entry else { continue }
                let (mean, variance) = model.standardizedPosterior(points)
                let bound = model.standardization.standardize(c.bound)
                for i in total.indices {
                    total[i] += LogProbabilityOfFeasibility.value(mean: mean[i], variance: variance[i], bound: bound,
                                                                  isUpperBound: c.isUpperBound)
                }
            }
            return total
        }

        /// The `count` finished trials that satisfy the most constraints (earliest first on ties).
        func likeliestPoints(_ count: Int) -> [[Double]] {
            Array(observed.indices.sorted { (-observed[$0].satisfied, $0) < (-observed[$1].satisfied, $1) }
                .prefix(count).map { observed[$0].point })
        }
    }
}
