/// Maximizes log expected improvement over the unit cube of a search space.
///
/// 1. Candidates: `candidateCount` points of a scrambled Halton sequence (one coordinate per
///    parameter, see `CubeLayout.point(design:)`, freshly scrambled for every call), plus
///    `localCandidateCount` perturbations of the best observations at scales 0.01 to 0.3 of
///    the cube (exploitation: the optimum is usually near the incumbents). Every candidate is
///    snapped to a representable configuration, so integer, ordinal and categorical values
///    are scored as they will run. In a small discrete space the caller passes every
///    unexplored configuration instead.
/// 2. All candidates are scored at once; on a large model the best `exactCount` exactly and the
///    others only as far as needed to know they rank below them (`GaussianProcess.screenedScores`).
/// 3. The best `refineStarts` distinct candidates are refined by bounded L-BFGS on the
///    analytic gradient of log EI in the continuous coordinates (one-hot blocks stay fixed,
///    integers and ordinals move continuously and are snapped after), then rescored.
///
/// The result is every scored point, best first, so the caller can skip configurations that
/// were already tried.
struct AcquisitionOptimizer: Sendable {
    /// Quasi-random candidates per call.
    var candidateCount: Int
    /// Perturbations of the best observations per call.
    var localCandidateCount: Int
    /// Candidates refined by gradient ascent.
    var refineStarts: Int
    /// The most L-BFGS iterations per refinement.
    var refineIterations: Int

    /// A point of the cube with its log EI.
    struct Scored {
        var point: [Double]
        var value: Double
    }

    /// The generated candidates of one suggestion, shared by the picks of a batch: on a large
    /// model with what screening needs of them (`GaussianProcess.CandidateBasis`), made on
    /// the first model that scores them.
    struct Pool {
        /// The candidates, snapped.
        let points: [[Double]]
        /// Made by the first `rank(model:best:layout:pool:)` on a model of 128 points or more.
        var basis: GaussianProcess.CandidateBasis?
    }

    /// A pool of generated candidates (`generate`).
    func pool(layout: CubeLayout, incumbents: [[Double]], using rng: inout SplitMix64) -> Pool {
        Pool(points: generate(layout: layout, incumbents: incumbents, using: &rng))
    }

    /// Scores candidates for `model` (standardized losses, incumbent `best`), best first.
    /// `incumbents` are the encoded best observations to search around; `fixedCandidates`,
    /// when given, replaces the generated pool (and no refinement happens).
    func rank(model: GaussianProcess, best: Double, layout: CubeLayout, incumbents: [[Double]],
              fixedCandidates: [[Double]]? = nil, using rng: inout SplitMix64) -> [Scored] {
        if let fixedCandidates { return rank(model: model, best: best, layout: layout, candidates: fixedCandidates, refining: false) }
        var shared = pool(layout: layout, incumbents: incumbents, using: &rng)
        return rank(model: model, best: best, layout: layout, pool: &shared)
    }

    /// Scores `pool`'s candidates (then refines the best) for `model`, which is the model the
    /// pool's basis was made on or extends it; makes the basis where there is none yet.
    func rank(model: GaussianProcess, best: Double, layout: CubeLayout, pool: inout Pool) -> [Scored] {
        if pool.basis == nil, model.count >= 128, pool.points.count > exactCount {
            pool.basis = model.candidateBasis(PointMatrix(pool.points, dimension: model.dimension))
        }
        return rank(model: model, best: best, layout: layout, candidates: pool.points, refining: true, basis: pool.basis)
    }

    private func rank(model: GaussianProcess, best: Double, layout: CubeLayout, candidates: [[Double]], refining: Bool,
                      basis: GaussianProcess.CandidateBasis? = nil) -> [Scored] {
        var pool = candidates
        guard !pool.isEmpty else { return [] }
        var scores = score(pool, model: model, best: best, keep: exactCount, basis: basis)
        let coordinates = layout.continuousCoordinates
        if refining, !coordinates.isEmpty, refineStarts > 0 {
            var refined: [[Double]] = []
            for i in pool.indices.sorted(by: { scores[$0] > scores[$1] }) {
                guard refined.count < refineStarts else { break }
                // Distinct starts: refining the same point twice only burns time.
                if refined.contains(where: { $0 == pool[i] }) { continue }
                refined.append(pool[i])
            }
            let improved = refined.map { refine($0, coordinates: coordinates, model: model, best: best, layout: layout) }
            pool += improved
            scores += score(improved, model: model, best: best)
        }
        return pool.indices.sorted { scores[$0] > scores[$1] }.map { Scored(point: pool[$0], value: scores[$0]) }
    }

    /// The quasi-random and local candidates, snapped.
    func generate(layout: CubeLayout, incumbents: [[Double]], using rng: inout SplitMix64) -> [[Double]] {
        let halton = ScrambledHalton(dimension: layout.blocks.count, seed: rng.next())
        var pool = (0..<candidateCount).map { layout.point(design: halton.point($0)) }
        if !incumbents.isEmpty {
            let scales = [0.01, 0.03, 0.1, 0.3]
            for k in 0..<localCandidateCount {
                let center = incumbents[k % incumbents.count]
                let scale = scales[(k / incumbents.count) % scales.count]
                pool.append(layout.perturb(center, scale: scale, using: &rng))
            }
        }
        return pool
    }

    /// Candidates scored exactly, the best first: the refinement starts and a margin for
    /// duplicates and for configurations already tried.
    var exactCount: Int { 2 * refineStarts + 6 }

    /// log EI at every point: exact for the best `keep`, an upper bound below those for the rest.
    func score(_ points: [[Double]], model: GaussianProcess, best: Double, keep: Int = .max,
               basis: GaussianProcess.CandidateBasis? = nil) -> [Double] {
        model.screenedScores(basis?.candidates ?? PointMatrix(points, dimension: model.dimension),
                             keep: min(keep, points.count), basis: basis) {
            LogExpectedImprovement.value(mean: $0, variance: $1, best: best)
        }.values
    }

    /// Gradient ascent of log EI from `start` in the given coordinates, then snapped.
    func refine(_ start: [Double], coordinates: [Int], model: GaussianProcess, best: Double,
                layout: CubeLayout) -> [Double] {
        let optimizer = BoundedLBFGS(memory: 6, maxIterations: refineIterations, gradientTolerance: 1e-8,
                                     functionTolerance: 1e-10)
        let m = coordinates.count
        func embed(_ y: [Double]) -> [Double] {
            var x = start
            for c in 0..<m { x[coordinates[c]] = y[c] }
            return x
        }
        let result = optimizer.minimize(start: coordinates.map { start[$0] },
                                        lower: [Double](repeating: 0, count: m),
                                        upper: [Double](repeating: 1, count: m)) { y, gradient in
            let p = model.standardizedPosteriorWithGradient(at: embed(y))
            let a = LogExpectedImprovement.valueWithDerivatives(mean: p.mean, variance: p.variance, best: best)
            for c in 0..<m {
                let k = coordinates[c]
                gradient[c] = -(a.dMean * p.meanGradient[k] + a.dVariance * p.varianceGradient[k])
            }
            return -a.value
        }
        var x = embed(result.x)
        layout.snap(&x)
        return x
    }
}
