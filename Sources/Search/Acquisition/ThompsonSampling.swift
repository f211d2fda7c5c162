/// Thompson sampling over a finite candidate set: one draw of the whole function from the
/// posterior, and the candidate where that draw is lowest (Thompson 1933; for batches,
/// Kandasamy et al. 2018, "Parallelised Bayesian Optimisation via Thompson Sampling").
///
/// For candidates C (m points) and the model's data X, with `L Lᵀ = K(X, X) + σ²ₙI`:
///
///     f_C ~ N(μ_C, Σ_C),   μ_C = K(C, X) α,   Σ_C = K(C, C) − Vᵀ V,   V = L⁻¹ K(X, C),
///
/// and a draw is `μ_C + L_C z` with `L_C L_Cᵀ = Σ_C` (jittered if need be) and z standard
/// normal from the pick's own seeded generator. Each pick of a batch draws afresh, so picks
/// differ by the randomness of the draw rather than by made-up values: the probability of a
/// candidate is that of being the minimizer under the posterior. Cost: O(n²m + nm² + m³)
/// for the covariance and its factor, so m stays in the hundreds.
enum ThompsonSampling {
    /// One posterior draw (standardized) at every candidate, in order; nil when the candidate
    /// covariance cannot be factored even with jitter.
    static func draw(model: GaussianProcess, candidates: [[Double]], using rng: inout SplitMix64) -> [Double]? {
        let m = candidates.count
        guard m > 0 else { return [] }
        let c = PointMatrix(candidates, dimension: model.dimension)
        let kernel = model.kernel
        var covariance = kernel.gram(c)
        let mean: [Double]
        let n = model.points.count
        if n > 0 {
            var v = kernel.crossCovariance(model.points, c)
            var mu = [Double](repeating: 0, count: m)
            v.withUnsafeBufferPointer { vp in
                model.alpha.withUnsafeBufferPointer { a in
                    mu.withUnsafeMutableBufferPointer { out in
                        LinearAlgebra.multiplyTransposed(vp.baseAddress!, rows: n, columns: m, a.baseAddress!,
                                                         into: out.baseAddress!)
                    }
                }
            }
            mean = mu
            model.factor.solveLower(&v, columns: m)
            v.withUnsafeBufferPointer { vp in
                for j in 0..<m {
                    for i in j..<m {
                        let s = LinearAlgebra.dot(vp.baseAddress! + i * n, vp.baseAddress! + j * n, count: n)
                        covariance[j * m + i] -= s
                        if i != j { covariance[i * m + j] -= s }
                    }
                }
            }
        } else {
            mean = [Double](repeating: 0, count: m)
        }
        guard let factor = try? CholeskyFactor(symmetric: covariance, order: m) else { return nil }
        let z = (0..<m).map { _ in rng.nextGaussian() }
        var sample = mean
        factor.lower.withUnsafeBufferPointer { l in
            for j in 0..<m where z[j] != 0 {
                for i in j..<m { sample[i] += l[j * m + i] * z[j] }
            }
        }
        return sample
    }
}
