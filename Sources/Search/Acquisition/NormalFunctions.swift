import Foundation

/// The standard normal density and distribution function and the scaled complementary
/// error function, written for accuracy far into the tails (where log-EI lives).
enum NormalFunctions {
    static let inverseSqrtTwoPi = 1 / (2 * Double.pi).squareRoot()
    static let halfLogTwoPi = 0.5 * log(2 * Double.pi)
    static let sqrtPi = Double.pi.squareRoot()

    /// φ(z) = exp(−z²/2) / √(2π).
    static func pdf(_ z: Double) -> Double {
        inverseSqrtTwoPi * exp(-0.5 * z * z)
    }

    /// Φ(z) = ½ erfc(−z/√2), accurate (relatively) for very negative z too.
    static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// erfcx(x) = exp(x²)·erfc(x), finite and accurate for large x where both factors
    /// over- and underflow.
    ///
    /// - x < 0: `2 exp(x²) − erfcx(−x)` (overflows to +∞ below about −26.6, as it should).
    /// - 0 ≤ x < 10: `exp(x²)·erfc(x)` with x² split exactly into `p + e` (an FMA) so that the
    ///   rounding of x² does not cost relative accuracy: `exp(x²) = exp(p)·(1 + e)`.
    /// - x ≥ 10: the asymptotic series `erfcx(x) = 1/(x√π) Σₖ (−1)ᵏ (2k−1)!! / (2x²)ᵏ`,
    ///   summed until the terms fall below 10⁻¹⁷ of the sum (at x = 10 the terms keep
    ///   shrinking for ~100 terms, far past double precision).
    static func erfcx(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 {
            if x < -26.7 { return .infinity }
            return 2 * exactExpOfSquare(x) - erfcx(-x)
        }
        if x < 10 { return exactExpOfSquare(x) * erfc(x) }
        if x > 1e8 { return 1 / (x * sqrtPi) }
        let inv2x2 = 1 / (2 * x * x)
        var term = 1.0, sum = 1.0
        for k in 1...60 {
            term *= -Double(2 * k - 1) * inv2x2
            sum += term
            if abs(term) < 1e-17 * abs(sum) { break }
        }
        return sum / (x * sqrtPi)
    }

    /// exp(x²) without the relative error of rounding x² (which grows like x²·ε).
    private static func exactExpOfSquare(_ x: Double) -> Double {
        let p = x * x
        let low = (-p).addingProduct(x, x)  // fma(x, x, −p): the exact rounding error of x²
        return exp(p) * (1 + low)
    }
}
