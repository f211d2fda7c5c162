import Foundation

/// The logarithm of expected improvement, computed so that it stays finite and accurate
/// where EI itself underflows to 0 (Ament et al. 2023, "Unexpected Improvements to Expected
/// Improvement for Bayesian Optimization", NeurIPS).
///
/// For a loss to minimize, incumbent `best`, and a Gaussian posterior f ~ N(μ, σ²):
///
///     EI = E[max(best − f, 0)] = σ · h(z),   z = (best − μ)/σ,   h(z) = φ(z) + z Φ(z),
///     log EI = log σ + log h(z).
///
/// `log h` is evaluated in three regimes:
/// - z > −1: directly, `log(φ(z) + zΦ(z))` (no cancellation worth mentioning).
/// - z ≤ −1, t = −z: `h(z) = φ(t)·(1 − t·R(t))` with the Mills ratio
///   `R(t) = Φ(−t)/φ(t) = √(π/2)·erfcx(t/√2)`, so
///   `log h = −t²/2 − ½ log 2π + log(1 − t R(t))`, exact in form and free of underflow.
/// - t ≥ 12: `1 − tR(t)` would cancel, so its asymptotic series is used instead:
///   `1 − tR(t) = t⁻² (1 − 3/t² + 15/t⁴ − 105/t⁶ + …)`, whose terms shrink far past double
///   precision there; `log h = −t²/2 − ½ log 2π − 2 log t + log1p(−3/t² + 15/t⁴ − …)`.
///   This is the paper's `−z²/2 − c₁ − 2 log|z|` branch with its next terms kept.
///
/// The derivative `d log h / dz = Φ(z)/h(z)` comes out of the same pieces
/// (`R(t) / (1 − tR(t))` for z ≤ −1), so gradient-based acquisition search sees a useful
/// slope even where EI is 10⁻³⁰⁰ or smaller.
public enum LogExpectedImprovement {
    /// log h(z), h(z) = φ(z) + zΦ(z).
    public static func logH(_ z: Double) -> Double {
        logHWithDerivative(z).value
    }

    /// log h(z) and its derivative Φ(z)/h(z).
    public static func logHWithDerivative(_ z: Double) -> (value: Double, derivative: Double) {
        if z.isNaN { return (.nan, .nan) }
        if z > -1 {
            if z == .infinity { return (.infinity, 0) }
            let cdf = NormalFunctions.cdf(z)
            let h = NormalFunctions.pdf(z) + z * cdf
            return (log(h), cdf / h)
        }
        let t = -z
        if t < 12 {
            let mills = (Double.pi / 2).squareRoot() * NormalFunctions.erfcx(t / 2.0.squareRoot())
            let u = 1 - t * mills
            return (-0.5 * t * t - NormalFunctions.halfLogTwoPi + log(u), mills / u)
        }
        // 1 − tR(t) = S/t², S = 1 + Σₖ≥₁ (−1)ᵏ (2k+1)!!/t²ᵏ; tR(t) = 1 − S/t².
        let inv = 1 / (t * t)
        var term = 1.0, tail = 0.0
        for k in 1...40 {
            term *= -Double(2 * k + 1) * inv
            tail += term
            if abs(term) < 1e-17 { break }
        }
        let s = 1 + tail
        let value = -0.5 * t * t - NormalFunctions.halfLogTwoPi - 2 * log(t) + log1p(tail)
        // Φ/h = R/(1 − tR) = ((1 − S/t²)/t) / (S/t²) = (t² − S)/(t·S) = (1 − S·inv)·t / S
        return (value, (1 - s * inv) * t / s)
    }

    /// log EI of a loss to minimize with posterior mean `mean` and variance `variance` against
    /// the incumbent `best`. The variance is floored at 10⁻²⁴ so a point the model is sure of
    /// gets a very negative, but finite, value.
    public static func value(mean: Double, variance: Double, best: Double) -> Double {
        let sigma = max(variance, 1e-24).squareRoot()
        return log(sigma) + logH((best - mean) / sigma)
    }

    /// log EI with its partial derivatives in the posterior mean and variance:
    ///
    ///     ∂/∂μ  = −(log h)′(z) / σ,
    ///     ∂/∂σ² = (1 − z (log h)′(z)) / (2σ²)   (0 where the variance floor is active).
    static func valueWithDerivatives(mean: Double, variance: Double, best: Double)
        -> (value: Double, dMean: Double, dVariance: Double) {
        let floored = max(variance, 1e-24)
        let sigma = floored.squareRoot()
        let z = (best - mean) / sigma
        let (lh, dlh) = logHWithDerivative(z)
        let dVariance = variance > 1e-24 ? (1 - z * dlh) / (2 * floored) : 0
        return (log(sigma) + lh, -dlh / sigma, dVariance)
    }
}
