import CLapack

extension GaussianProcess {
    /// What screening (`screenedScores`) computes of a candidate set that does not change
    /// while the model only grows: the cross-covariances `Kc = k(X, C)` with the model's n
    /// points, and for every candidate `Σ_{i<r} Vᵢⱼ²`, `V = L⁻¹Kc`, r = n/8.
    ///
    /// A batch's picks score one candidate set on models that extend this one by the batch's
    /// fantasies (`conditioned(on:)`): the extended factor keeps L as its leading block, so the
    /// sums still give upper bounds on the variances, and the mean needs only the new points'
    /// rows of Kc (`basisMean`). Each pick then costs O(n·m) flops instead of n·m kernel
    /// evaluations and an r²·m triangular solve.
    struct CandidateBasis: Sendable {
        /// The candidates.
        let candidates: PointMatrix
        /// The points, n, r, hyperparameters and jitter of the model it was built on.
        let modelPoints: [Double]
        let count: Int
        let rows: Int
        let hyperparameters: Hyperparameters
        let jitter: Double
        /// `k(X, C)`, column-major n×m.
        let cross: [Double]
        /// `Σ_{i<r} Vᵢⱼ²` per candidate.
        let explained: [Double]
    }

    /// The basis of `candidates` on this model.
    func candidateBasis(_ candidates: PointMatrix) -> CandidateBasis {
        let n = points.count, m = candidates.count
        let r = n / 8
        var cross = kernel.crossCovariance(points, candidates)
        var explained = [Double](repeating: 0, count: m)
        // V's first r rows, 256 candidates at a time (the leading r×r block of L, leading
        // dimension n), solved in a copy so `cross` stays k(X, C).
        let width = 256
        var block = [Double](repeating: 0, count: r * width)
        factor.lower.withUnsafeBufferPointer { l in
            cross.withUnsafeMutableBufferPointer { c in
                var start = 0
                while start < m, r > 0 {
                    let b = min(width, m - start)
                    for j in 0..<b {
                        for i in 0..<r { block[j * r + i] = c[(start + j) * n + i] }
                    }
                    block.withUnsafeMutableBufferPointer { v in
                        cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                                    Int32(r), Int32(b), 1.0, l.baseAddress!, Int32(n), v.baseAddress!, Int32(r))
                        for j in 0..<b {
                            explained[start + j] = LinearAlgebra.dot(v.baseAddress! + j * r, v.baseAddress! + j * r, count: r)
                        }
                    }
                    start += b
                }
            }
        }
        return CandidateBasis(candidates: candidates, modelPoints: points.values, count: n, rows: r, hyperparameters: hyperparameters,
                              jitter: factor.jitter, cross: cross, explained: explained)
    }

    /// Whether this model is the basis's model with points appended (same hyperparameters,
    /// same leading factor), so the basis holds for it.
    func isExtension(of basis: CandidateBasis) -> Bool {
        basis.count <= points.count && basis.hyperparameters == hyperparameters && basis.jitter == factor.jitter
            && basis.candidates.dimension == dimension
            && points.values[0..<(basis.count * dimension)].elementsEqual(basis.modelPoints)
    }

    /// The posterior mean at the basis's candidates: `Kcᵀ α` over the basis's n points
    /// (`dgemv`) plus the appended points' own rows.
    func basisMean(_ basis: CandidateBasis) -> [Double] {
        let n = basis.count, m = basis.candidates.count
        var mean = [Double](repeating: 0, count: m)
        basis.cross.withUnsafeBufferPointer { c in
            alpha.withUnsafeBufferPointer { a in
                mean.withUnsafeMutableBufferPointer { mp in
                    LinearAlgebra.multiplyTransposed(c.baseAddress!, rows: n, columns: m, a.baseAddress!, into: mp.baseAddress!)
                }
            }
        }
        let extra = points.count - n
        guard extra > 0 else { return mean }
        let appended = points.selecting(Array(n..<points.count))
        let rows = kernel.crossCovariance(appended, basis.candidates)
        var more = [Double](repeating: 0, count: m)
        rows.withUnsafeBufferPointer { c in
            alpha.withUnsafeBufferPointer { a in
                more.withUnsafeMutableBufferPointer { mp in
                    LinearAlgebra.multiplyTransposed(c.baseAddress!, rows: extra, columns: m, a.baseAddress! + n,
                                                     into: mp.baseAddress!)
                }
            }
        }
        for j in 0..<m { mean[j] += more[j] }
        return mean
    }
}
