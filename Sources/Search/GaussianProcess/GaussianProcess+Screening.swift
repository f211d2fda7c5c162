import CLapack

extension GaussianProcess {
    /// An acquisition value at every candidate, exact for the best `keep` and an upper bound
    /// for the rest, at a fraction of the cost of `standardizedPosterior` on large models.
    ///
    /// `score(μ, σ²)` must not decrease in σ² (log EI does not: ∂EI/∂σ = φ(z) > 0). With
    /// `V = L⁻¹ Kc` (Kc = k(X, C), n×m), `σ²ⱼ = σ²_f − Σᵢ Vᵢⱼ²`; forward substitution makes the
    /// first r rows of V depend on the first r rows of L only, so one triangular solve of
    /// order r (r = n/4: 1/16 of the flops) gives every candidate
    ///
    ///     σ̄²ⱼ = σ²_f − Σ_{i<r} Vᵢⱼ² ≥ σ²ⱼ     (the variance given the first r points only),
    ///
    /// and `score(μⱼ, σ̄²ⱼ)` bounds the exact value from above (μ is exact: one `dgemv`).
    /// Candidates are then finished in blocks, highest bound first — the rows below r by
    /// `Kc₂ − L₂₁V₁` (`dgemm`) and a solve with L₂₂ (`dtrsm`) — until the next bound falls
    /// below the `keep`-th best exact value: every candidate left is then worse than all of
    /// the `keep` best, which are exactly those a full computation ranks first.
    ///
    /// - Returns: the values and which of them are exact; the inexact ones are bounds below
    ///   the `keep`-th best exact value.
    func screenedScores(_ candidates: PointMatrix, keep: Int, score: (Double, Double) -> Double)
        -> (values: [Double], exact: [Bool]) {
        let n = points.count, m = candidates.count
        let r = n / 4
        guard n >= 128, m > keep, keep > 0 else {
            let (mean, variance) = standardizedPosterior(candidates)
            return ((0..<m).map { score(mean[$0], variance[$0]) }, [Bool](repeating: true, count: m))
        }
        let sigma2 = hyperparameters.signalVariance
        var cross = kernel.crossCovariance(points, candidates)
        var mean = [Double](repeating: 0, count: m)
        var values = [Double](repeating: 0, count: m)
        var exact = [Bool](repeating: false, count: m)
        cross.withUnsafeMutableBufferPointer { c in
            let cp = c.baseAddress!
            alpha.withUnsafeBufferPointer { a in
                mean.withUnsafeMutableBufferPointer { mp in
                    LinearAlgebra.multiplyTransposed(cp, rows: n, columns: m, a.baseAddress!, into: mp.baseAddress!)
                }
            }
            factor.lower.withUnsafeBufferPointer { l in
                let lp = l.baseAddress!
                // V₁ = L₁₁⁻¹ Kc₁ in place: the leading r×r block of L, leading dimension n.
                cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                            Int32(r), Int32(m), 1.0, lp, Int32(n), cp, Int32(n))
                for j in 0..<m {
                    let partial = LinearAlgebra.dot(cp + j * n, cp + j * n, count: r)
                    values[j] = score(mean[j], max(sigma2 - partial, 0))
                }
                let order = (0..<m).sorted { (values[$0], $1) > (values[$1], $0) }
                var best: [Double] = []  // exact values so far, the best `keep`, descending
                let width = 64
                var block = [Double](repeating: 0, count: n * width)
                var next = 0
                while next < m {
                    if best.count >= keep, values[order[next]] < best[keep - 1] { break }
                    let chunk = Array(order[next..<min(next + width, m)])
                    next += chunk.count
                    let b = chunk.count
                    block.withUnsafeMutableBufferPointer { bp in
                        let p = bp.baseAddress!
                        for (k, j) in chunk.enumerated() { (p + k * n).update(from: cp + j * n, count: n) }
                        // Kc₂ − L₂₁ V₁, then L₂₂⁻¹ of it: the rows r..<n of V.
                        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(n - r), Int32(b), Int32(r), -1.0,
                                    lp + r, Int32(n), p, Int32(n), 1.0, p + r, Int32(n))
                        cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                                    Int32(n - r), Int32(b), 1.0, lp + r * n + r, Int32(n), p + r, Int32(n))
                        for (k, j) in chunk.enumerated() {
                            let explained = LinearAlgebra.dot(p + k * n, p + k * n, count: n)
                            values[j] = score(mean[j], max(sigma2 - explained, 0))
                            exact[j] = true
                            let at = best.firstIndex { $0 < values[j] } ?? best.count
                            if at < keep { best.insert(values[j], at: at) }
                            if best.count > keep { best.removeLast() }
                        }
                    }
                }
            }
        }
        return (values, exact)
    }
}
