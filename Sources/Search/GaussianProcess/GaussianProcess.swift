import Foundation

/// A Gaussian process regression model on the unit cube with a Matérn-5/2 ARD kernel,
/// Gaussian observation noise and standardized outputs:
///
///     y = mean + scale · (f(x) + ε),   f ~ GP(0, k),   ε ~ N(0, σₙ²).
///
/// Conditioning on n observations factors `K = k(X, X) + σₙ² I = L Lᵀ` once (LAPACK `dpotrf`,
/// with jitter escalation, see `CholeskyFactor`) and keeps `α = K⁻¹ y`. The posterior at x is
///
///     μ(x) = k(x, X) α,    σ²(x) = k(x, x) − k(x, X) K⁻¹ k(X, x),
///
/// the latent function's (noise-free) mean and variance, reported in the observed units.
/// Hyperparameters are given (`init`) or fitted by maximum a posteriori (`fit`).
public struct GaussianProcess: Sendable {
    /// The hyperparameters on the standardized scale.
    public let hyperparameters: Hyperparameters
    /// How observed values map to the standardized scale.
    public let standardization: Standardization
    /// The inputs, flat.
    let points: PointMatrix
    /// The standardized targets.
    let targets: [Double]
    /// The Cholesky factor of `k(X, X) + σₙ² I`.
    let factor: CholeskyFactor
    /// `α = K⁻¹ y` (standardized y).
    let alpha: [Double]
    /// The log marginal likelihood of the standardized targets, computed with the factor.
    public let logMarginalLikelihood: Double

    /// Conditions a Gaussian process on `targets` observed at `inputs` (points of the unit
    /// cube, all of the hyperparameters' dimension). The targets are standardized first, with
    /// `Standardization(fitting: targets)` unless `standardization` is given.
    /// - Throws: `GaussianProcessError` for mismatched or non-finite data,
    ///   `LinearAlgebraError` when the covariance matrix cannot be factored.
    public init(inputs: [[Double]], targets: [Double], hyperparameters: Hyperparameters,
                standardization: Standardization? = nil) throws {
        try GaussianProcess.validate(inputs: inputs, targets: targets, dimension: hyperparameters.dimension)
        let map = standardization ?? Standardization(fitting: targets)
        try self.init(points: PointMatrix(inputs, dimension: hyperparameters.dimension),
                      standardizedTargets: targets.map(map.standardize), standardization: map,
                      hyperparameters: hyperparameters)
    }

    /// Conditions on standardized targets (the internal entry point: no validation).
    init(points: PointMatrix, standardizedTargets y: [Double], standardization: Standardization,
         hyperparameters: Hyperparameters) throws {
        let n = points.count
        var k = hyperparameters.kernel.gram(points)
        for i in 0..<n { k[i * n + i] += hyperparameters.noiseVariance }
        self.init(points: points, standardizedTargets: y, standardization: standardization,
                  hyperparameters: hyperparameters, factor: try CholeskyFactor(symmetric: k, order: n))
    }

    /// The number of observations the model is conditioned on.
    public var count: Int { points.count }

    /// The dimension of the unit cube.
    public var dimension: Int { points.dimension }

    /// The inputs the model is conditioned on.
    public var inputs: [[Double]] { points.rows }

    /// The kernel of the model (on the standardized scale).
    public var kernel: MaternKernel { hyperparameters.kernel }

    /// The diagonal jitter the factorization needed (0 when none); see `CholeskyFactor`.
    public var jitter: Double { factor.jitter }

    static func validate(inputs: [[Double]], targets: [Double], dimension: Int) throws {
        guard inputs.count == targets.count else {
            throw GaussianProcessError.countMismatch(inputs: inputs.count, targets: targets.count)
        }
        for (i, x) in inputs.enumerated() {
            guard x.count == dimension else {
                throw GaussianProcessError.dimensionMismatch(index: i, expected: dimension, got: x.count)
            }
            guard x.allSatisfy(\.isFinite) else { throw GaussianProcessError.nonFiniteInput(index: i) }
        }
        if let i = targets.firstIndex(where: { !$0.isFinite }) {
            throw GaussianProcessError.nonFiniteTarget(index: i)
        }
    }
}
