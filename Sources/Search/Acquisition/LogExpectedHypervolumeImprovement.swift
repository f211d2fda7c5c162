import Foundation

/// The logarithm of expected hypervolume improvement (EHVI, Emmerich et al. 2006), exact for
/// independent Gaussian objectives and computed in log space as Ament et al. (2023) do for
/// EI (BoTorch's qLogEHVI and Optuna's GPSampler use the same quantity).
///
/// For a front with non-dominated region cut into disjoint boxes [ℓ_b, u_b]
/// (`NondominatedBoxes`, losses to minimize) and a new point whose losses are independent,
/// Yₐ ~ N(μₐ, σₐ²), the improvement is the volume of the boxes' parts that Y dominates,
/// a sum of products of one-dimensional pieces:
///
///     HVI(Y) = Σ_b Πₐ (u_{b,a} − max(ℓ_{b,a}, Yₐ))₊,
///
/// and the pieces are independent, so the expectation factorizes box by box. For one piece,
/// with ℓ < u, `(u − max(ℓ, Y))₊ = (u − Y)₊ − (ℓ − Y)₊` (check the three cases Y ≤ ℓ,
/// ℓ < Y < u, Y ≥ u), and `E[(c − Y)₊] = σ·h((c − μ)/σ)` with h(z) = φ(z) + zΦ(z), the
/// function of expected improvement. Hence
///
///     EHVI = Σ_b Πₐ σₐ · (h(z^u_{b,a}) − h(z^ℓ_{b,a})),   z^c = (c − μₐ)/σₐ,  h(−∞) = 0,
///
///     log EHVI = logsumexp_b Σₐ [ log σₐ + log h(z^u) + log(−expm1(log h(z^ℓ) − log h(z^u))) ],
///
/// with log h from `LogExpectedImprovement.logH` (accurate far into the tail) and the last
/// term left out where ℓ = −∞. Since h is increasing, the difference is positive. Far from
/// the front every term is tiny but finite, so candidates still rank; a candidate whose
/// improvement is 0 for certain (a zero-width box) gets −∞.
public enum LogExpectedHypervolumeImprovement {
    /// log EHVI of a point with posterior means `mean` and variances `variance` (one per
    /// objective, losses) over the front cut into `boxes`. Variances are floored at 10⁻²⁴
    /// as in `LogExpectedImprovement.value`.
    public static func value(mean: [Double], variance: [Double], boxes: NondominatedBoxes) -> Double {
        let k = mean.count
        let sigma = variance.map { max($0, 1e-24).squareRoot() }
        let logSigma = sigma.reduce(0) { $0 + log($1) }
        var terms: [Double] = []
        terms.reserveCapacity(boxes.count)
        for b in 0..<boxes.count {
            var total = logSigma
            for a in 0..<k {
                let upper = boxes.upper[b][a], lower = boxes.lower[b][a]
                guard upper > lower else { total = -.infinity; break }
                let hu = LogExpectedImprovement.logH((upper - mean[a]) / sigma[a])
                if lower == -.infinity {
                    total += hu
                } else {
                    let hl = LogExpectedImprovement.logH((lower - mean[a]) / sigma[a])
                    total += hu + log(-expm1(hl - hu))
                }
                if total == -.infinity { break }
            }
            terms.append(total)
        }
        return logSumExp(terms)
    }

    /// log EHVI with its partial derivatives in each objective's posterior mean and variance,
    /// for gradient refinement. Per box and objective, with T = σ·D, D = h(z^u) − h(z^ℓ),
    /// h′ = Φ and ∂z/∂μ = −1/σ, ∂z/∂σ = −z/σ:
    ///
    ///     ∂ log T/∂μ = −(Φ(z^u) − Φ(z^ℓ)) / (σD),
    ///     ∂ log T/∂σ = 1/σ − (z^u Φ(z^u) − z^ℓ Φ(z^ℓ)) / (σD),
    ///
    /// with Φ(z^u)/D = (log h)′(z^u)·s and Φ(z^ℓ)/D = (log h)′(z^ℓ)·q·s, q = h(z^ℓ)/h(z^u),
    /// s = 1/(1 − q), so nothing underflows; a box's share of the total is its softmax weight.
    /// ∂/∂σ² = (∂/∂σ)/(2σ), 0 where the variance floor is active.
    static func valueWithDerivatives(mean: [Double], variance: [Double], boxes: NondominatedBoxes)
        -> (value: Double, dMean: [Double], dVariance: [Double]) {
        let k = mean.count
        let sigma = variance.map { max($0, 1e-24).squareRoot() }
        var terms: [Double] = []
        var partials: [(dMean: [Double], dSigma: [Double])] = []
        for b in 0..<boxes.count {
            var total = 0.0
            var dMean = [Double](repeating: 0, count: k), dSigma = [Double](repeating: 0, count: k)
            for a in 0..<k {
                let upper = boxes.upper[b][a], lower = boxes.lower[b][a]
                guard upper > lower else { total = -.infinity; break }
                let zu = (upper - mean[a]) / sigma[a]
                let (hu, du) = LogExpectedImprovement.logHWithDerivative(zu)
                total += log(sigma[a]) + hu
                if lower == -.infinity {
                    dMean[a] = -du / sigma[a]
                    dSigma[a] = (1 - zu * du) / sigma[a]
                } else {
                    let zl = (lower - mean[a]) / sigma[a]
                    let (hl, dl) = LogExpectedImprovement.logHWithDerivative(zl)
                    let q = exp(hl - hu), s = 1 / -expm1(hl - hu)
                    total += log(-expm1(hl - hu))
                    dMean[a] = -(du * s - dl * q * s) / sigma[a]
                    dSigma[a] = (1 - (zu * du * s - zl * dl * q * s)) / sigma[a]
                }
                if total == -.infinity { break }
            }
            terms.append(total)
            partials.append((dMean, dSigma))
        }
        let value = logSumExp(terms)
        var dMean = [Double](repeating: 0, count: k), dVariance = [Double](repeating: 0, count: k)
        guard value > -.infinity else { return (value, dMean, dVariance) }
        for b in terms.indices where terms[b] > -.infinity {
            let weight = exp(terms[b] - value)
            for a in 0..<k {
                dMean[a] += weight * partials[b].dMean[a]
                if variance[a] > 1e-24 { dVariance[a] += weight * partials[b].dSigma[a] / (2 * sigma[a]) }
            }
        }
        return (value, dMean, dVariance)
    }

    /// log Σ exp(tᵢ), without overflow; −∞ for no terms or all −∞.
    static func logSumExp(_ terms: [Double]) -> Double {
        guard let top = terms.max(), top > -.infinity else { return -.infinity }
        var sum = 0.0
        for t in terms { sum += exp(t - top) }
        return top + log(sum)
    }
}
