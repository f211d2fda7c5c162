import CLapack

extension CholeskyFactor {
    /// The factor of the bordered matrix
    ///
    ///     A' = [ A    B ]      (n + p) × (n + p),
    ///          [ Bᵀ   C ]
    ///
    /// without factoring A again. With `A = L Lᵀ`, the factor of A' is
    ///
    ///     L' = [ L    0 ],     W = L⁻¹ B   (n×p, one dtrsm),
    ///          [ Wᵀ   M ]      M Mᵀ = S = C − WᵀW   (the Schur complement, dsyrk + dpotrf),
    ///
    /// which costs O(n²p + np² + p³) against O((n + p)³) for a fresh factorization: a rank-p
    /// extension. The diagonal jitter this factor was made with is added to C's diagonal too,
    /// so L' is the factor of `A' + δI` exactly as a fresh factorization with the same δ.
    ///
    /// - Parameters:
    ///   - cross: B, column-major n×p (column j holds the covariances of the new point j).
    ///   - block: C, column-major p×p (only the lower triangle is read).
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when S cannot be factored (the new
    ///   points are numerically dependent on the old); the caller then factors afresh, with
    ///   jitter escalation.
    public func appending(cross: [Double], block: [Double], count p: Int) throws -> CholeskyFactor {
        let n = order, size = n + p
        precondition(cross.count == n * p && block.count == p * p, "expected \(n)×\(p) and \(p)×\(p) blocks")
        guard p > 0 else { return self }
        for v in cross where !v.isFinite { throw LinearAlgebraError.nonFiniteEntries(order: size) }
        for v in block where !v.isFinite { throw LinearAlgebraError.nonFiniteEntries(order: size) }
        var w = cross
        solveLower(&w, columns: p)
        var s = block
        for i in 0..<p { s[i * p + i] += jitter }
        // S −= WᵀW (lower triangle).
        if n > 0 {
            w.withUnsafeBufferPointer { wp in
                s.withUnsafeMutableBufferPointer { sp in
                    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, Int32(p), Int32(n), -1.0,
                                wp.baseAddress, Int32(n), 1.0, sp.baseAddress, Int32(p))
                }
            }
        }
        let info = s.withUnsafeMutableBufferPointer { sp in
            LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, LinearAlgebra.lower, Int32(p), sp.baseAddress, Int32(p))
        }
        if info != 0 { throw LinearAlgebraError.notPositiveDefinite(order: size, jitter: jitter) }
        var out = [Double](repeating: 0, count: size * size)
        out.withUnsafeMutableBufferPointer { o in
            lower.withUnsafeBufferPointer { l in
                w.withUnsafeBufferPointer { wp in
                    for j in 0..<n {
                        // Column j: L's column (rows j..<n), then row j of Wᵀ, i.e. W's column
                        // entries W[j, 0..<p].
                        for i in j..<n { o[j * size + i] = l[j * n + i] }
                        for c in 0..<p { o[j * size + n + c] = wp[c * n + j] }
                    }
                }
            }
            for j in 0..<p {
                for i in j..<p { o[(n + j) * size + n + i] = s[j * p + i] }
            }
        }
        return CholeskyFactor(order: size, lower: out, jitter: jitter)
    }
}
