import Foundation

extension GaussianProcess {
    /// The model conditioned on `extra` points as well, at the standardized values `targets`,
    /// with the same hyperparameters and standardization: the fantasies of a batch (pending
    /// trials and the batch's earlier picks at their liar values).
    ///
    /// The factor grows by a rank-p extension (`CholeskyFactor.appending`, O(n²p)) instead of
    /// a new O((n + p)³) factorization; then `α = K⁻¹y` is two triangular solves (O(n²)).
    /// Where the extension fails (a new point numerically duplicates the data), the whole
    /// covariance is factored afresh, with jitter escalation, as `init` does.
    /// - Throws: `LinearAlgebraError` when even that fails.
    func conditioned(on extra: PointMatrix, standardizedTargets lies: [Double]) throws -> GaussianProcess {
        precondition(extra.count == lies.count && extra.dimension == dimension)
        guard extra.count > 0 else { return self }
        let allPoints = points.appending(extra)
        let y = targets + lies
        let theta = hyperparameters
        let cross = kernel.crossCovariance(points, extra)
        var block = kernel.gram(extra)
        for i in 0..<extra.count { block[i * extra.count + i] += theta.noiseVariance }
        guard let factor = try? factor.appending(cross: cross, block: block, count: extra.count) else {
            return try GaussianProcess(points: allPoints, standardizedTargets: y, standardization: standardization,
                                       hyperparameters: theta)
        }
        return GaussianProcess(points: allPoints, standardizedTargets: y, standardization: standardization,
                               hyperparameters: theta, factor: factor)
    }

    /// Conditions on standardized targets with a factor of `k(X, X) + σₙ² I` already made.
    init(points: PointMatrix, standardizedTargets y: [Double], standardization: Standardization,
         hyperparameters: Hyperparameters, factor: CholeskyFactor) {
        precondition(factor.order == points.count && y.count == points.count)
        let n = points.count
        let alpha = factor.solve(y)
        var fit = 0.0
        for i in 0..<n { fit += y[i] * alpha[i] }
        self.hyperparameters = hyperparameters
        self.standardization = standardization
        self.points = points
        self.targets = y
        self.factor = factor
        self.alpha = alpha
        // log p(y | θ) = −½ yᵀK⁻¹y − ½ log det K − (n/2) log 2π
        self.logMarginalLikelihood = -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
    }
}
