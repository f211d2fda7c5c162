import CLapack
import Foundation

/// The log marginal likelihood of standardized targets and its gradient in the log
/// hyperparameters, for fixed inputs: the objective of hyperparameter fitting, evaluated
/// tens of times per fit, so every O(n²d) step runs in BLAS and the n×n buffers are
/// allocated once per fit (`Workspace`), not once per evaluation.
///
///     log p(y | θ) = −½ yᵀK⁻¹y − Σᵢ log Lᵢᵢ − (n/2) log 2π,   K = σ² ρ(R) + σₙ² I = L Lᵀ
///     ∂ log p / ∂θ = ½ Σᵢⱼ Wᵢⱼ (∂K/∂θ)ᵢⱼ,   W = ααᵀ − K⁻¹,   α = K⁻¹y
///
/// with θ = [log σ², log ℓ₁…log ℓ_d, log σₙ²] and, in scaled coordinates zᵢ = xᵢ/ℓ
/// (centred per dimension, which changes no distance but keeps the expansions below exact
/// to more digits):
/// - squared distances `Rᵢⱼ² = |zᵢ|² + |zⱼ|² − 2 zᵢ·zⱼ`, the Gram matrix Z Zᵀ from `dsyrk`;
/// - K⁻¹ from the factor in place (`LinearAlgebra.invertFromCholesky`); only lower triangles
///   are formed or read;
/// - `∂/∂log σ² = ½ Σ W ∘ (K − σₙ² I)`, `∂/∂log σₙ² = ½ σₙ² tr W`;
/// - with `M = σ² W ∘ g(R)` (zero diagonal, g from `MaternKernel`), row sums s and
///   `P = M Z` (`dsymm` on M's lower triangle):
///   `∂/∂log ℓₖ = ½ Σᵢⱼ Mᵢⱼ (zᵢₖ − zⱼₖ)² = Σᵢ zᵢₖ² sᵢ − Σᵢ zᵢₖ Pᵢₖ`.
struct MarginalLikelihood {
    /// The inputs.
    let points: PointMatrix
    /// The standardized targets.
    let targets: [Double]

    /// The buffers of one evaluation, reused by the next (an L-BFGS run evaluates tens of times
    /// on the same inputs). Column-major throughout.
    final class Workspace {
        let n: Int, d: Int
        /// Z, n×d: the scaled, centred inputs.
        var z: [Double]
        /// The kernel matrix K (lower triangle), then kept for the σ² gradient.
        var kernel: [Double]
        /// K's factor L, then K⁻¹ (lower triangles).
        var factor: [Double]
        /// σ² g(R) (lower triangle), then M.
        var slope: [Double]
        /// P = M Z, n×d.
        var product: [Double]
        /// The Gram matrix's diagonal |zᵢ|², then M's row sums.
        var column: [Double]
        /// α = K⁻¹y.
        var alpha: [Double]

        init(count n: Int, dimension d: Int) {
            self.n = n
            self.d = d
            z = [Double](repeating: 0, count: n * d)
            kernel = [Double](repeating: 0, count: n * n)
            factor = kernel
            slope = kernel
            product = z
            column = [Double](repeating: 0, count: n)
            alpha = column
        }
    }

    /// The value and, when asked, the gradient at θ.
    /// - Throws: `LinearAlgebraError` when K cannot be factored even with jitter.
    func evaluate(_ theta: GaussianProcess.Hyperparameters, gradient wanted: Bool = true) throws
        -> (value: Double, gradient: [Double]) {
        try evaluate(theta, gradient: wanted, in: Workspace(count: points.count, dimension: points.dimension))
    }

    /// `evaluate(_:gradient:)` in `workspace`'s buffers (made for these points).
    func evaluate(_ theta: GaussianProcess.Hyperparameters, gradient wanted: Bool = true, in w: Workspace) throws
        -> (value: Double, gradient: [Double]) {
        let n = points.count, d = points.dimension
        precondition(w.n == n && w.d == d, "a workspace of \(w.n)×\(w.d) for \(n) points of dimension \(d)")
        let sigma2 = theta.signalVariance, noise = theta.noiseVariance
        scaleAndCentre(theta.lengthScales, into: &w.z)
        // K's lower triangle: first the Gram matrix Z Zᵀ (dsyrk), then each entry turned into
        // the kernel of its distance in place, its slope g beside it.
        if n > 0 && d > 0 {
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(n), Int32(d), 1.0, w.z, Int32(n), 0.0,
                        &w.kernel, Int32(n))
        } else {
            for i in w.kernel.indices { w.kernel[i] = 0 }
        }
        for i in 0..<n { w.column[i] = w.kernel[i * n + i] }
        w.column.withUnsafeBufferPointer { q in
            w.kernel.withUnsafeMutableBufferPointer { kp in
                w.slope.withUnsafeMutableBufferPointer { gp in
                    for j in 0..<n {
                        kp[j * n + j] = sigma2 + noise
                        gp[j * n + j] = 0
                        let qj = q[j]
                        for i in (j + 1)..<max(j + 1, n) {
                            let r = max(q[i] + qj - 2 * kp[j * n + i], 0).squareRoot()
                            let s = MaternKernel.sqrt5 * r
                            let e = exp(-s)
                            kp[j * n + i] = sigma2 * (1 + s + s * s / 3) * e
                            gp[j * n + i] = sigma2 * 5.0 / 3.0 * (1 + s) * e
                        }
                    }
                }
            }
        }
        _ = try CholeskyFactor.factorInPlace(copying: w.kernel, order: n, into: &w.factor)
        var logDeterminant = 0.0
        for i in 0..<n { logDeterminant += 2 * log(w.factor[i * n + i]) }
        for i in 0..<n { w.alpha[i] = targets[i] }
        if n > 0 {
            w.factor.withUnsafeBufferPointer { l in
                w.alpha.withUnsafeMutableBufferPointer { a in
                    cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), l.baseAddress, Int32(n),
                                a.baseAddress, 1)
                    cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(n), l.baseAddress, Int32(n),
                                a.baseAddress, 1)
                }
            }
        }
        var fit = 0.0
        for i in 0..<n { fit += targets[i] * w.alpha[i] }
        let value = -0.5 * fit - 0.5 * logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        guard wanted else { return (value, []) }

        var gradient = [Double](repeating: 0, count: d + 2)
        guard n > 0 else { return (value, gradient) }
        // K⁻¹ overwrites L (lower triangle); M overwrites the slopes.
        w.factor.withUnsafeMutableBufferPointer { p in LinearAlgebra.invertFromCholesky(p.baseAddress!, order: n) }
        var signal = 0.0, trace = 0.0
        for i in 0..<n { w.column[i] = 0 }
        w.alpha.withUnsafeBufferPointer { alpha in
            w.factor.withUnsafeBufferPointer { inv in
                w.kernel.withUnsafeBufferPointer { kp in
                    w.slope.withUnsafeMutableBufferPointer { mp in
                        w.column.withUnsafeMutableBufferPointer { rowSums in
                            for j in 0..<n {
                                let aj = alpha[j]
                                let wjj = aj * aj - inv[j * n + j]
                                trace += wjj
                                signal += wjj * sigma2
                                var sj = 0.0
                                for i in (j + 1)..<max(j + 1, n) {
                                    let wij = alpha[i] * aj - inv[j * n + i]
                                    signal += 2 * wij * kp[j * n + i]
                                    let m = wij * mp[j * n + i]
                                    mp[j * n + i] = m
                                    rowSums[i] += m
                                    sj += m
                                }
                                rowSums[j] += sj
                            }
                        }
                    }
                }
            }
        }
        gradient[0] = 0.5 * signal
        gradient[d + 1] = 0.5 * noise * trace
        if n > 1 && d > 0 {
            // P = M Z from M's lower triangle (its diagonal is zero).
            cblas_dsymm(CblasColMajor, CblasLeft, CblasLower, Int32(n), Int32(d), 1.0, w.slope, Int32(n),
                        w.z, Int32(n), 0.0, &w.product, Int32(n))
            for c in 0..<d {
                var term = 0.0
                for i in 0..<n {
                    let zi = w.z[c * n + i]
                    term += zi * (zi * w.column[i] - w.product[c * n + i])
                }
                gradient[1 + c] = term
            }
        }
        return (value, gradient)
    }

    /// Z = X / ℓ column by column (column-major n×d), each column centred.
    private func scaleAndCentre(_ lengthScales: [Double], into z: inout [Double]) {
        let n = points.count, d = points.dimension
        points.values.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { zp in
                for k in 0..<d {
                    let l = lengthScales[k]
                    var mean = 0.0
                    for i in 0..<n {
                        let v = x[i * d + k] / l
                        zp[k * n + i] = v
                        mean += v
                    }
                    mean /= Double(max(n, 1))
                    for i in 0..<n { zp[k * n + i] -= mean }
                }
            }
        }
    }
}
