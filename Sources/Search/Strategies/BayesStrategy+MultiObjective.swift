/// Bayesian optimization with several objectives (`SuggestionContext.isMultiObjective`): one
/// Gaussian process per objective, each on that objective's loss (`Goal.loss`), and each
/// suggestion maximizes the log expected hypervolume improvement over the current front
/// (`LogExpectedHypervolumeImprovement`, exact for any number of objectives through
/// `NondominatedBoxes`), as BoTorch's qLogEHVI and Optuna's GPSampler do.
///
/// - Data: objective k's model learns from the finished trials that reported it; a trial that
///   completed without reporting a later objective (NaN) is left out of that objective's model
///   only. Failed and pruned trials follow `Options.failures` and the pruned rule of
///   `TrainingData` in every model, and every model sees `Options.warp`.
/// - Front: the non-dominated completed trials that reported every objective (and, under
///   outcome constraints, are feasible), valued at the models' posterior means, so the front
///   and the candidates' posteriors are in the same (standardized, warped) units. Pending
///   trials and the batch's earlier picks join the models at their kriging-believer means
///   (whatever `Options.liar` says: a constant liar would put a fictitious point on the front
///   that dominates everything) and join the front at those means too: a batch spreads along
///   the front instead of piling onto one gap.
/// - Reference point, per objective: the worst standardized loss seen plus a tenth of the
///   range, so the front's extremes still earn volume.
/// - Constraints: the log probability of feasibility is added (`FeasibilityModels`), as in
///   the single-objective path; before any trial is feasible the front is empty and EHVI is
///   the expected volume under the reference point.
/// - Candidates: the optimizer's pool around the front's members (quasi-random points and
///   perturbations at scales 0.01 to 0.3), then 200 finer steps (0.002, 0.01) around the
///   five best, all scored exactly; the best `Options.refineStarts` are refined by bounded
///   L-BFGS on the analytic gradient of log EHVI (continuous coordinates), as single-objective
///   log EI is.
/// - Not used with several objectives: the multi-fidelity rung view (the models learn from
///   final values) and `Options.batch`'s local penalization and Thompson sampling (pending
///   trials always join as fantasies).
///
/// The design points and the determinism (suggestion i depends on the seed, the finished and
/// the pending trials only) are those of the single-objective path.
extension BayesStrategy {
    /// The multi-objective counterpart of `suggest(count:context:)`.
    func multiObjectiveSuggest(count: Int, context: SuggestionContext) -> [Configuration] {
        let space = context.space
        let layout = CubeLayout(space)
        let designSize = options.initialDesignSize(for: space)
        let design = ScrambledHalton(dimension: layout.blocks.count, seed: context.seed ^ 0x6A09_E667_F3BC_C908)
        let data = context.goals.indices.map { objectiveData(context, objective: $0) }
        let feasibility = context.constraints.isEmpty ? nil
            : FeasibilityModels(context, dimension: layout.dimension, options: options)
        var seen = context.seen
        var pending = context.pending
        var surrogates: [Surrogate]?
        var fantasies = [Surrogate.Fantasy?](repeating: nil, count: data.count)
        var out: [Configuration] = []
        for j in 0..<max(count, 0) {
            if let cardinality = space.cardinality, seen.count >= cardinality { break }
            let index = context.suggestionIndex + j
            var rng = SplitMix64(seed: context.seed, index: index, salt: 3)
            let configuration: Configuration
            if index < designSize || data.contains(where: { $0.finiteCount < 2 }) {
                configuration = designPoint(index, design: design, layout: layout, space: space, avoiding: seen,
                                            using: &rng)
            } else {
                if surrogates == nil {
                    surrogates = data.indices.map { k in
                        Surrogate(data[k], context: context, dimension: layout.dimension, strategy: self,
                                  warmStart: k == 0)
                    }
                }
                configuration = hypervolumePick(surrogates!, feasibility: feasibility, context: context,
                                                pending: pending, layout: layout, avoiding: seen,
                                                fantasies: &fantasies, using: &rng)
            }
            seen.insert(configuration)
            pending.append(configuration)
            out.append(configuration)
        }
        return out
    }

    /// Objective k's training data: the first objective's is the single-objective one; a later
    /// objective's takes a completed or pruned trial's value of it where finite, leaves the trial
    /// out where it is NaN, and hands failures to `Options.failures`.
    func objectiveData(_ context: SuggestionContext, objective k: Int) -> TrainingData {
        if k == 0 { return trainingData(context, count: context.completed.count) }
        let space = context.space
        var values: [([Double], Double?, Bool)] = []
        for o in context.completed where space.contains(o.configuration) {
            let further = k - 1 < o.furtherValues.count ? o.furtherValues[k - 1] : .nan
            switch o.outcome {
            case .value(let v) where v.isFinite:
                if further.isFinite { values.append((space.encode(o.configuration), further, true)) }
            case .pruned(let v?) where v.isFinite:
                if further.isFinite { values.append((space.encode(o.configuration), further, false)) }
            default:
                values.append((space.encode(o.configuration), nil, false))
            }
        }
        var data = TrainingData(values: values, goal: context.goals[k], policy: options.failures, warp: options.warp)
        if data.count > options.maxModelPoints {
            var subsetRng = SplitMix64(seed: context.seed, index: context.completed.count, salt: 7 + UInt64(k))
            data = data.subset(options.maxModelPoints, using: &subsetRng)
        }
        return data
    }

    /// The unexplored candidate of highest log EHVI (plus log probability of feasibility), the
    /// models conditioned on the pending trials at their kriging-believer means.
    func hypervolumePick(_ surrogates: [Surrogate], feasibility: FeasibilityModels?, context: SuggestionContext,
                         pending: [Configuration], layout: CubeLayout, avoiding seen: Set<Configuration>,
                         fantasies: inout [Surrogate.Fantasy?], using rng: inout SplitMix64) -> Configuration {
        let space = context.space
        let fallback = { (rng: inout SplitMix64) in
            RandomStrategy.draw(space, avoiding: seen, cardinality: space.cardinality, using: &rng)
        }
        let pendingPoints = pending.filter(space.contains).map(space.encode)
        var models: [GaussianProcess] = []
        for k in surrogates.indices {
            fantasies[k] = surrogates[k].conditioned(onPending: pendingPoints, liar: .krigingBeliever, extending: fantasies[k])
            guard let model = fantasies[k]?.model, surrogates[k].model != nil else { return fallback(&rng) }
            models.append(model)
        }
        let frontPoints = observedFront(context)
        let believed = frontPoints + pendingPoints
        var front = [[Double]](repeating: [], count: believed.count)
        var reference: [Double] = []
        for (k, surrogate) in surrogates.enumerated() {
            if !believed.isEmpty {
                let means = surrogate.model!.standardizedPosterior(PointMatrix(believed, dimension: layout.dimension)).mean
                for i in believed.indices { front[i].append(means[i]) }
            }
            let (low, high) = (surrogate.targets.min()!, surrogate.targets.max()!)
            reference.append(high + 0.1 * max(high - low, 1e-6))
        }
        let boxes = NondominatedBoxes(front: front, reference: reference)
        func score(_ candidates: [[Double]]) -> [Double] {
            let matrix = PointMatrix(candidates, dimension: layout.dimension)
            let posteriors = models.map { $0.standardizedPosterior(matrix) }
            var scores = feasibility?.logProbability(matrix) ?? [Double](repeating: 0, count: candidates.count)
            for i in candidates.indices {
                scores[i] += LogExpectedHypervolumeImprovement.value(mean: posteriors.map { $0.mean[i] },
                                                                     variance: posteriors.map { $0.variance[i] },
                                                                     boxes: boxes)
            }
            return scores
        }
        var candidates: [[Double]]
        if space.isDiscrete, let cardinality = space.cardinality, cardinality <= options.candidateCount {
            candidates = (0..<cardinality).map { RandomStrategy.point($0, of: space) }.filter { !seen.contains($0) }
                .map(space.encode)
        } else {
            let optimizer = AcquisitionOptimizer(candidateCount: options.candidateCount,
                                                 localCandidateCount: options.localCandidateCount,
                                                 refineStarts: 0, refineIterations: 1)
            var poolRng = SplitMix64(seed: context.seed, index: context.completed.count, salt: 3)
            candidates = optimizer.generate(layout: layout, incumbents: frontPoints, using: &poolRng)
        }
        guard !candidates.isEmpty else { return fallback(&rng) }
        var scores = score(candidates)
        if !space.isDiscrete {
            // Finer steps around the best five, then gradient ascent from the best distinct
            // candidates: the front often lies on the cube's faces, where only exact steps land.
            let top = candidates.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }.prefix(5).map { candidates[$0] }
            let fine = (0..<200).map { k in
                layout.perturb(top[k % top.count], scale: [0.002, 0.01][(k / top.count) % 2], using: &rng)
            }
            candidates += fine
            scores += score(fine)
            var starts: [[Double]] = []
            for i in candidates.indices.sorted(by: { (scores[$0], -$0) > (scores[$1], -$1) }) where starts.count < options.refineStarts {
                if !starts.contains(candidates[i]) { starts.append(candidates[i]) }
            }
            let refined = starts.map { refineHypervolume($0, models: models, boxes: boxes, layout: layout) }
            candidates += refined
            scores += score(refined)
        }
        for i in candidates.indices.sorted(by: { (scores[$0], -$0) > (scores[$1], -$1) }) {
            let c = space.decode(candidates[i])
            if !seen.contains(c) { return c }
        }
        return fallback(&rng)
    }

    /// The encoded configurations of the non-dominated completed trials that reported every
    /// objective (feasible ones only under outcome constraints), in trial order.
    func observedFront(_ context: SuggestionContext) -> [[Double]] {
        let goals = context.goals
        let eligible = context.completed.filter { o in
            context.space.contains(o.configuration) && o.objectiveValues?.count == goals.count
                && (context.constraints.isEmpty || o.isFeasible(under: context.constraints))
        }
        let losses = eligible.map { o in zip(o.objectiveValues!, goals).map { $1.loss($0) } }
        let minimize = [Goal](repeating: .minimize, count: goals.count)
        var seen = Set<[Double]>()
        return ParetoFront.nonDominated(losses, goals: minimize).map { context.space.encode(eligible[$0].configuration) }
            .filter { seen.insert($0).inserted }
    }

    /// Gradient ascent of log EHVI (plus nothing else: feasibility only reranks) from `start` in
    /// the continuous coordinates, then snapped.
    func refineHypervolume(_ start: [Double], models: [GaussianProcess], boxes: NondominatedBoxes,
                           layout: CubeLayout) -> [Double] {
        let coordinates = layout.continuousCoordinates
        guard !coordinates.isEmpty, options.refineIterations > 0 else { return start }
        let optimizer = BoundedLBFGS(memory: 6, maxIterations: options.refineIterations, gradientTolerance: 1e-8,
                                     functionTolerance: 1e-10)
        let m = coordinates.count
        func embed(_ y: [Double]) -> [Double] {
            var x = start
            for c in 0..<m { x[coordinates[c]] = y[c] }
            return x
        }
        let result = optimizer.minimize(start: coordinates.map { start[$0] }, lower: [Double](repeating: 0, count: m),
                                        upper: [Double](repeating: 1, count: m)) { y, gradient in
            let posteriors = models.map { $0.standardizedPosteriorWithGradient(at: embed(y)) }
            let a = LogExpectedHypervolumeImprovement.valueWithDerivatives(
                mean: posteriors.map(\.mean), variance: posteriors.map(\.variance), boxes: boxes)
            guard a.value.isFinite else {
                for c in 0..<m { gradient[c] = 0 }
                return 1e300
            }
            for c in 0..<m {
                let k = coordinates[c]
                gradient[c] = -posteriors.indices.reduce(0) { sum, j in
                    sum + a.dMean[j] * posteriors[j].meanGradient[k] + a.dVariance[j] * posteriors[j].varianceGradient[k]
                }
            }
            return -a.value
        }
        var x = embed(result.x)
        layout.snap(&x)
        return x
    }
}
