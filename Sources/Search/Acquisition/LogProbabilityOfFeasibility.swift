import Foundation

/// The logarithm of the probability that a constrained metric respects its bound, under a
/// Gaussian posterior c ~ N(μ, σ²) of a model fitted to the trials that reported it
/// (Gardner et al. 2014, "Bayesian Optimization with Inequality Constraints", ICML).
///
///     P(c ≤ b) = Φ((b − μ)/σ),   P(c ≥ b) = Φ((μ − b)/σ).
///
/// Constrained expected improvement multiplies EI, taken over the best *feasible* trial,
/// by the probability that every constraint holds (the metrics modelled as independent):
///
///     cEI(x) = EI(x) · Πᵢ P(cᵢ(x) respects boundᵢ),
///     log cEI = log EI + Σᵢ log Φ(zᵢ),
///
/// and with no feasible trial yet, where EI has no incumbent, the search maximizes
/// Σᵢ log Φ(zᵢ) alone (as BoTorch's constrained acquisitions do).
///
/// `log Φ(z)` is computed without underflow: for z < 0,
/// `Φ(z) = ½ erfc(−z/√2) = ½ exp(−z²/2) erfcx(−z/√2)`, so
/// `log Φ(z) = −log 2 − z²/2 + log erfcx(−z/√2)`, finite far into the tail (where the
/// region is almost surely infeasible but some regions are still less so than others);
/// for z ≥ 0, `log1p(−Φ(−z))`.
public enum LogProbabilityOfFeasibility {
    /// log Φ(z).
    public static func logCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z >= 0 { return log1p(-NormalFunctions.cdf(-z)) }
        return -log(2.0) - 0.5 * z * z + log(NormalFunctions.erfcx(-z / 2.0.squareRoot()))
    }

    /// log P(c respects the bound) for posterior mean `mean` and variance `variance` (in the
    /// same units as `bound`); the variance is floored at 10⁻²⁴ as in log EI.
    public static func value(mean: Double, variance: Double, bound: Double, isUpperBound: Bool) -> Double {
        let sigma = max(variance, 1e-24).squareRoot()
        let z = isUpperBound ? (bound - mean) / sigma : (mean - bound) / sigma
        return logCDF(z)
    }
}
