import Foundation

extension GaussianProcess {
    /// How hyperparameters are fitted.
    public struct FitOptions: Hashable, Sendable {
        /// Where the search may go.
        public var bounds: HyperparameterBounds
        /// The priors (maximum a posteriori); `.flat` for maximum likelihood.
        public var prior: HyperparameterPrior
        /// Starts drawn from the prior, besides the start at the defaults.
        public var randomStarts: Int
        /// The most quasi-Newton iterations per start.
        public var maxIterations: Int
        /// With more observations than this, the hyperparameters are fitted on a random subset
        /// of this size (the model is then conditioned on all of them): the fit costs n³ per
        /// step, and a few hundred points pin the hyperparameters down well enough.
        public var maxPoints: Int
        /// The most iterations of a warm-started fit (one start, from hyperparameters fitted to
        /// most of the same data): it only has to follow the optimum as a few points arrive.
        public var warmIterations: Int
        /// Whether `BayesStrategy` warm-starts the fits between anchor sizes (see
        /// `BayesStrategy.anchorCount`) instead of fitting every suggestion from scratch. Off
        /// by default: it makes a suggestion at n = 200 about 3× faster, but the quality suite
        /// (10 seeds) came out worse on Ackley, Rosenbrock, Styblinski–Tang and Griewank by more
        /// than two runs of the from-scratch fit differ (see the README's Benchmarks); joined
        /// to the screened starts (`screenIterations`), Levy's regret was the worst of the
        /// variants measured.
        public var warmStart: Bool
        /// Whether a warm-started fit also starts from the defaults (the better end point
        /// wins): the way out when the data have moved the optimum to another mode. With it, the
        /// suite's Levy and Rosenbrock regrets were as good as from-scratch fits; without it, worse
        /// (5 seeds: Levy median 1.08 from scratch, 1.28 anchor only, 0.54 with the default).
        public var warmFromDefault: Bool = true
        /// With several starts, each first runs this many L-BFGS iterations and only the best
        /// so far goes on to `maxIterations` (successive halving down to one); 0: every start
        /// runs to the end. With `warmStart`, the warm start joins the usual starts instead of
        /// replacing them. Off by default: at 5 a fit takes about half the likelihood
        /// evaluations (a start needs about 25 iterations; the leader after 5 ends at the best
        /// of the full search's optima in 82% of the quality suite's fits), a suggestion at
        /// n = 200 about 2× faster, but with 4 slots Levy's regret came out worse at 5 and at 8
        /// (10 seeds, median 3.2 and 6.7 against 1.1; see the README's Benchmarks).
        public var screenIterations: Int = 0

        /// Creates fit options.
        public init(bounds: HyperparameterBounds = HyperparameterBounds(), prior: HyperparameterPrior = .default,
                    randomStarts: Int = 2, maxIterations: Int = 50, maxPoints: Int = 250, warmIterations: Int = 10,
                    warmStart: Bool = false) {
            self.bounds = bounds
            self.prior = prior
            self.randomStarts = max(0, randomStarts)
            self.maxIterations = max(1, maxIterations)
            self.maxPoints = max(2, maxPoints)
            self.warmIterations = max(1, warmIterations)
            self.warmStart = warmStart
        }
    }

    /// Fits the hyperparameters to the data and conditions the model on it.
    ///
    /// The targets are standardized, then `log p(y | θ) + log prior(θ)` is maximized over the
    /// log hyperparameters with a bounded L-BFGS using its analytic gradient, from the default
    /// start (`defaultHyperparameters`) and `options.randomStarts` starts drawn from the prior
    /// with `SplitMix64(seed:)`; the best end point wins (with `options.screenIterations`, only
    /// the best start after that many iterations runs on).
    /// - Throws: `GaussianProcessError` for bad data; `LinearAlgebraError` when even the
    ///   fitted covariance cannot be factored.
    public static func fit(inputs: [[Double]], targets: [Double], dimension: Int,
                           options: FitOptions = FitOptions(), seed: UInt64 = 0) throws -> GaussianProcess {
        try validate(inputs: inputs, targets: targets, dimension: dimension)
        let map = Standardization(fitting: targets)
        let points = PointMatrix(inputs, dimension: dimension)
        let y = targets.map(map.standardize)
        var rng = SplitMix64(seed: seed)
        let theta = fitHyperparameters(points: points, targets: y, options: options, using: &rng)
        return try GaussianProcess(points: points, standardizedTargets: y, standardization: map, hyperparameters: theta)
    }

    /// The hyperparameters the search starts from: σ² = 1, every ℓ and σₙ² at their prior
    /// medians (0.5 and 10⁻³ without priors), clamped into the bounds.
    public static func defaultHyperparameters(dimension: Int, options: FitOptions = FitOptions()) -> Hyperparameters {
        func clamp(_ v: Double, _ r: ClosedRange<Double>) -> Double { min(max(v, r.lowerBound), r.upperBound) }
        let b = options.bounds, p = options.prior
        return Hyperparameters(
            signalVariance: clamp(p.signalVariance?.median ?? 1, b.signalVariance),
            lengthScales: [Double](repeating: clamp(p.lengthScale?.median ?? 0.5, b.lengthScale), count: dimension),
            noiseVariance: clamp(p.noiseVariance?.median ?? 1e-3, b.noiseVariance))
    }

    /// The log posterior `log p(y | θ) + log prior(θ)` and its gradient in the log vector;
    /// nil where the covariance cannot be factored.
    static func logPosterior(points: PointMatrix, targets y: [Double], logVector v: [Double],
                             prior: HyperparameterPrior,
                             workspace: MarginalLikelihood.Workspace? = nil) -> (value: Double, gradient: [Double])? {
        let likelihood = MarginalLikelihood(points: points, targets: y)
        let workspace = workspace ?? MarginalLikelihood.Workspace(count: points.count, dimension: points.dimension)
        guard var (value, gradient) = try? likelihood.evaluate(Hyperparameters(logVector: v), in: workspace)
        else { return nil }
        let (p, dp) = prior.logDensity(v)
        for i in gradient.indices { gradient[i] += dp[i] }
        value += p
        return (value, gradient)
    }

    /// MAP hyperparameters for standardized targets (see `fit`). With `warmStart` and no
    /// screening (`options.screenIterations` 0), a start from there (clamped into the bounds)
    /// and, with `options.warmFromDefault`, one from the defaults, each of at most
    /// `options.warmIterations` iterations, instead of the multi-start search; with screening,
    /// the warm start is one more start of the screened multi-start search.
    static func fitHyperparameters(points: PointMatrix, targets y: [Double], options: FitOptions,
                                   warmStart: Hyperparameters? = nil, using rng: inout SplitMix64) -> Hyperparameters {
        let d = points.dimension
        var points = points, y = y
        if points.count > options.maxPoints {
            let subset = randomSubset(of: points.count, size: options.maxPoints, using: &rng)
            points = points.selecting(subset)
            y = subset.map { y[$0] }
        }
        let (lower, upper) = options.bounds.logBounds(dimension: d)
        var warm: [Double]?
        if let warmStart, warmStart.dimension == d {
            warm = warmStart.logVector.enumerated().map { min(max($0.element, lower[$0.offset]), upper[$0.offset]) }
        }
        if let warm, options.screenIterations == 0 {
            let starts = [warm] + (options.warmFromDefault ? [defaultHyperparameters(dimension: d, options: options).logVector] : [])
            return optimize(points: points, targets: y, starts: starts, lower: lower, upper: upper,
                            maxIterations: options.warmIterations, prior: options.prior)
        }
        var starts = [defaultHyperparameters(dimension: d, options: options).logVector]
        for _ in 0..<options.randomStarts {
            starts.append((0..<(d + 2)).map { i in
                let prior: LogNormalPrior? = i == 0 ? options.prior.signalVariance
                    : i == d + 1 ? options.prior.noiseVariance : options.prior.lengthScale
                let t = prior.map { log($0.median) + $0.logStandardDeviation * rng.nextGaussian() }
                    ?? lower[i] + (upper[i] - lower[i]) * rng.nextUnit()
                return min(max(t, lower[i]), upper[i])
            })
        }
        // A warm start joins the usual starts under screening: it wins where the data have not
        // moved the optimum, and a start that ends better still can take over.
        if let warm { starts.insert(warm, at: 0) }
        return optimize(points: points, targets: y, starts: starts, lower: lower, upper: upper,
                        maxIterations: options.maxIterations, screen: options.screenIterations, prior: options.prior)
    }

    /// The best end point of bounded L-BFGS runs on the negative log posterior, one per start.
    /// With `screen` > 0 and several starts, every start first runs `screen` iterations and
    /// only the best so far goes on to `maxIterations` (the others are left where they are).
    private static func optimize(points: PointMatrix, targets y: [Double], starts: [[Double]], lower: [Double],
                                 upper: [Double], maxIterations: Int, screen: Int = 0,
                                 prior: HyperparameterPrior) -> Hyperparameters {
        // Hyperparameters matter to a few digits only: stop once an iteration gains less than
        // 10⁻⁷ of the objective or the gradient is below 10⁻⁴ (in log units).
        let optimizer = BoundedLBFGS(maxIterations: maxIterations, gradientTolerance: 1e-4, functionTolerance: 1e-7)
        let workspace = MarginalLikelihood.Workspace(count: points.count, dimension: points.dimension)
        let objective = { (v: [Double], gradient: inout [Double]) -> Double in
            guard let (value, g) = logPosterior(points: points, targets: y, logVector: v, prior: prior,
                                                workspace: workspace)
            else { return .infinity }
            for i in g.indices { gradient[i] = -g[i] }
            return -value
        }
        var runs = starts.map { optimizer.begin(start: $0, lower: lower, upper: upper, objective) }
        func best() -> Int? {
            var found: Int?
            for i in runs.indices where runs[i].value.isFinite && runs[i].value < (found.map { runs[$0].value } ?? .infinity) {
                found = i
            }
            return found
        }
        if screen > 0 && runs.count > 1 {
            for i in runs.indices { optimizer.advance(&runs[i], iterations: screen, lower: lower, upper: upper, objective) }
            if let leader = best() {
                optimizer.advance(&runs[leader], iterations: maxIterations, lower: lower, upper: upper, objective)
            }
        } else {
            for i in runs.indices {
                optimizer.advance(&runs[i], iterations: maxIterations, lower: lower, upper: upper, objective)
            }
        }
        return Hyperparameters(logVector: best().map { runs[$0].x } ?? starts[0])
    }

    /// `size` distinct indices of 0..<n, uniformly at random, in increasing order.
    static func randomSubset(of n: Int, size: Int, using rng: inout SplitMix64) -> [Int] {
        var all = Array(0..<n)
        for i in 0..<size {
            let j = i + Int(rng.next() % UInt64(n - i))
            all.swapAt(i, j)
        }
        return all[0..<size].sorted()
    }
}
