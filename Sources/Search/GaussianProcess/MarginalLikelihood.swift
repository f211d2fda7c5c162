import CLapack
import Foundation

/// The log marginal likelihood of standardized targets and its gradient in the log
/// hyperparameters, for fixed inputs: the objective of hyperparameter fitting, evaluated
/// tens of times per fit, so every O(n²d) step runs in BLAS.
///
///     log p(y | θ) = −½ yᵀK⁻¹y − Σᵢ log Lᵢᵢ − (n/2) log 2π,   K = σ² ρ(R) + σₙ² I = L Lᵀ
///     ∂ log p / ∂θ = ½ Σᵢⱼ Wᵢⱼ (∂K/∂θ)ᵢⱼ,   W = ααᵀ − K⁻¹,   α = K⁻¹y
///
/// with θ = [log σ², log ℓ₁…log ℓ_d, log σₙ²] and, in scaled coordinates zᵢ = xᵢ/ℓ
/// (centred per dimension, which changes no distance but keeps the expansions below exact
/// to more digits):
/// - squared distances `Rᵢⱼ² = |zᵢ|² + |zⱼ|² − 2 zᵢ·zⱼ`, the Gram matrix Z Zᵀ from `dsyrk`;
/// - `∂/∂log σ² = ½ Σ W ∘ (K − σₙ² I)`, `∂/∂log σₙ² = ½ σₙ² tr W`;
/// - with `M = σ² W ∘ g(R)` (zero diagonal, g from `MaternKernel`), row sums s and
///   `P = M Z` (`dgemm`): `∂/∂log ℓₖ = ½ Σᵢⱼ Mᵢⱼ (zᵢₖ − zⱼₖ)² = Σᵢ zᵢₖ² sᵢ − Σᵢ zᵢₖ Pᵢₖ`.
struct MarginalLikelihood {
    /// The inputs.
    let points: PointMatrix
    /// The standardized targets.
    let targets: [Double]

    /// The value and, when asked, the gradient at θ.
    /// - Throws: `LinearAlgebraError` when K cannot be factored even with jitter.
    func evaluate(_ theta: GaussianProcess.Hyperparameters, gradient wanted: Bool = true) throws
        -> (value: Double, gradient: [Double]) {
        let n = points.count, d = points.dimension
        let sigma2 = theta.signalVariance
        var z = points.scaled(by: theta.lengthScales)
        for k in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += z[i * d + k] }
            mean /= Double(max(n, 1))
            for i in 0..<n { z[i * d + k] -= mean }
        }
        // Row-major Z (n×d) is the column-major d×n matrix Zᵀ; C = (Zᵀ)ᵀ Zᵀ = Z Zᵀ, lower triangle.
        var gram = [Double](repeating: 0, count: n * n)
        if n > 0 && d > 0 {
            cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, Int32(n), Int32(d), 1.0, z, Int32(d), 0.0, &gram, Int32(n))
        }
        var k = [Double](repeating: 0, count: n * n)
        var g = [Double](repeating: 0, count: wanted ? n * n : 0)
        gram.withUnsafeBufferPointer { c in
            k.withUnsafeMutableBufferPointer { kp in
                g.withUnsafeMutableBufferPointer { gp in
                    for j in 0..<n {
                        kp[j * n + j] = sigma2 + theta.noiseVariance
                        let qj = c[j * n + j]
                        for i in (j + 1)..<max(j + 1, n) {
                            let r = max(c[i * n + i] + qj - 2 * c[j * n + i], 0).squareRoot()
                            let s = MaternKernel.sqrt5 * r
                            let e = exp(-s)
                            let v = sigma2 * (1 + s + s * s / 3) * e
                            kp[j * n + i] = v
                            kp[i * n + j] = v
                            if wanted { gp[j * n + i] = sigma2 * 5.0 / 3.0 * (1 + s) * e }
                        }
                    }
                }
            }
        }
        let factor = try CholeskyFactor(symmetric: k, order: n)
        let alpha = factor.solve(targets)
        var fit = 0.0
        for i in 0..<n { fit += targets[i] * alpha[i] }
        let value = -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        guard wanted else { return (value, []) }

        var gradient = [Double](repeating: 0, count: d + 2)
        // W = ααᵀ − K⁻¹ overwrites K⁻¹; M (full, zero diagonal) overwrites g.
        var w = factor.inverse()
        var rowSums = [Double](repeating: 0, count: n)
        var signal = 0.0, trace = 0.0
        w.withUnsafeMutableBufferPointer { wp in
            k.withUnsafeBufferPointer { kp in
                g.withUnsafeMutableBufferPointer { mp in
                    for j in 0..<n {
                        let wjj = alpha[j] * alpha[j] - wp[j * n + j]
                        trace += wjj
                        signal += wjj * sigma2
                        for i in (j + 1)..<max(j + 1, n) {
                            let wij = alpha[i] * alpha[j] - wp[j * n + i]
                            signal += 2 * wij * kp[j * n + i]
                            let m = wij * mp[j * n + i]
                            mp[j * n + i] = m
                            mp[i * n + j] = m
                            rowSums[i] += m
                            rowSums[j] += m
                        }
                    }
                }
            }
        }
        gradient[0] = 0.5 * signal
        gradient[d + 1] = 0.5 * theta.noiseVariance * trace
        if n > 1 && d > 0 {
            // P = M Z: M is n×n, Z = (Zᵀ)ᵀ with Zᵀ the column-major d×n buffer.
            var p = [Double](repeating: 0, count: n * d)
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(d), Int32(n), 1.0,
                        g, Int32(n), z, Int32(d), 0.0, &p, Int32(n))
            for c in 0..<d {
                var term = 0.0
                for i in 0..<n {
                    let zi = z[i * d + c]
                    term += zi * (zi * rowSums[i] - p[c * n + i])
                }
                gradient[1 + c] = term
            }
        }
        return (value, gradient)
    }
}
