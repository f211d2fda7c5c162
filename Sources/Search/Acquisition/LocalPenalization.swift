import Foundation

/// Local penalization of an acquisition around pending points (González, Dai, Hennig &
/// Lawrence 2016, "Batch Bayesian Optimization via Local Penalization", AISTATS).
///
/// The loss f is taken to be L-Lipschitz and its minimum to be near `M`, the best standardized
/// loss observed. A pending point xⱼ whose value f(xⱼ) lies above M then rules out the ball
///
///     B(xⱼ, rⱼ),   rⱼ = (f(xⱼ) − M) / L,
///
/// as a place of the minimizer: inside it f would have to fall faster than L allows. With
/// f(xⱼ) ~ N(μⱼ, σⱼ²) from the model on finished trials, the probability that x lies outside
/// the ball is
///
///     φⱼ(x) = P(rⱼ < ‖x − xⱼ‖) = Φ((L‖x − xⱼ‖ − μⱼ + M) / σⱼ),
///
/// which is ½ at the ball's expected edge, → 0 at xⱼ when μⱼ > M, and → 1 far away. The batch's
/// next pick maximizes `log α(x) + Σⱼ log φⱼ(x)` (α the acquisition): each pending point
/// carves out a region as wide as the model thinks is useless around it, and no fantasy value
/// is invented. L is estimated, as in the paper, by the largest posterior-mean gradient norm
/// ‖∇μ(x)‖ over probe points of the cube (distances are in the unit cube, values standardized).
struct LocalPenalization {
    /// The pending points (encoded).
    let centers: [[Double]]
    /// μⱼ − M per pending point.
    let gaps: [Double]
    /// σⱼ per pending point (floored so a point the model is sure of still gets a penalty).
    let deviations: [Double]
    /// The Lipschitz constant L.
    let lipschitz: Double

    /// Penalizers for `pending` on `model` (standardized losses), incumbent value `best`,
    /// with L the largest ‖∇μ‖ at `probes`. A flat mean (‖∇μ‖ < 10⁻⁷ everywhere, e.g. right
    /// after the design) falls back to L = 10, as GPyOpt does.
    init(model: GaussianProcess, pending: [[Double]], best: Double, probes: [[Double]]) {
        var largest = 0.0
        for x in probes {
            let g = model.standardizedPosteriorWithGradient(at: x).meanGradient
            largest = max(largest, g.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        self.init(pending: pending, posterior: pending.isEmpty ? ([], [])
                    : model.standardizedPosterior(PointMatrix(pending, dimension: model.dimension)),
                  best: best, lipschitz: largest < 1e-7 ? 10 : largest)
    }

    /// Penalizers from the posterior (standardized mean and variance) at the pending points.
    init(pending: [[Double]], posterior: (mean: [Double], variance: [Double]), best: Double, lipschitz: Double) {
        centers = pending
        gaps = posterior.mean.map { $0 - best }
        deviations = posterior.variance.map { max($0, 1e-12).squareRoot() }
        self.lipschitz = lipschitz
    }

    /// Σⱼ log φⱼ(x): 0 without pending points, never positive.
    func logPenalty(at x: [Double]) -> Double {
        var total = 0.0
        for j in centers.indices {
            var d2 = 0.0
            for (a, b) in zip(x, centers[j]) { d2 += (a - b) * (a - b) }
            total += Self.logCDF((lipschitz * d2.squareRoot() - gaps[j]) / deviations[j])
        }
        return total
    }

    /// The candidate of highest penalized acquisition among `ranked` (best first by
    /// acquisition; `exactValue` gives a candidate's exact acquisition, the ranked values may
    /// be upper bounds) that `accept` takes. Since the penalty is never positive, a candidate
    /// whose (bound on the) acquisition is below the best penalized value found cannot win,
    /// so the scan stops there: the answer is that of scoring every candidate exactly.
    func select(_ ranked: [AcquisitionOptimizer.Scored], exactValue: ([[Double]]) -> [Double],
                accept: ([Double]) -> Bool) -> [Double]? {
        var best: (point: [Double], value: Double)?
        var start = 0
        let block = 64
        while start < ranked.count {
            if let best, ranked[start].value < best.value { break }
            let chunk = ranked[start..<min(start + block, ranked.count)].filter { accept($0.point) }
            let exact = exactValue(chunk.map(\.point))
            for (candidate, value) in zip(chunk, exact) {
                let penalized = value + logPenalty(at: candidate.point)
                if best == nil || penalized > best!.value { best = (candidate.point, penalized) }
            }
            start += block
        }
        return best?.point
    }

    /// log Φ(z), accurate in both tails: for z > 0, log1p(−Φ(−z)); for z ≤ −1, t = −z,
    /// Φ(z) = φ(t)·R(t) with the Mills ratio R(t) = √(π/2)·erfcx(t/√2), so
    /// log Φ = −t²/2 − ½ log 2π + log R(t); in between, log Φ(z) directly.
    static func logCDF(_ z: Double) -> Double {
        if z > 0 { return log1p(-NormalFunctions.cdf(-z)) }
        if z > -1 { return log(NormalFunctions.cdf(z)) }
        let t = -z
        let mills = (Double.pi / 2).squareRoot() * NormalFunctions.erfcx(t / 2.0.squareRoot())
        return -0.5 * t * t - NormalFunctions.halfLogTwoPi + log(mills)
    }
}
