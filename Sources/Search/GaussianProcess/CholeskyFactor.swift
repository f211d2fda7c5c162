import CLapack
import Foundation

/// The lower Cholesky factor `L` of a symmetric positive definite matrix `A = L Lᵀ`, computed
/// by LAPACK's `dpotrf`, with the solves the Gaussian process needs.
///
/// Storage is column-major (LAPACK's own layout, so nothing is transposed); for the symmetric
/// input that is the same as row-major. The calls go through LAPACKE's `_work` variants, which
/// in column-major order hand the buffer straight to LAPACK, without the O(n²) NaN scan of the
/// plain LAPACKE entry points: the input is checked once here instead. When `A` is numerically indefinite (nearly duplicated
/// observations with tiny noise), the factorization is retried with a growing jitter
/// `δ·I` added to the diagonal: `δ = 10⁻¹⁰·mean(diag A)`, then ×10 each time, up to
/// `10⁻²·mean(diag A)`. `jitter` records the δ that was used (0 when none was needed).
public struct CholeskyFactor: Sendable {
    /// The order n of the matrix.
    public let order: Int
    /// `L` in column-major order (n×n); the strict upper triangle is zero.
    public let lower: [Double]
    /// The diagonal jitter that made the factorization succeed; 0 when none was needed.
    public let jitter: Double

    /// Factors the symmetric matrix `a` (n×n, either layout, only the lower triangle is read).
    /// - Throws: `LinearAlgebraError.nonFiniteEntries` when `a` holds NaN or infinity,
    ///   `.notPositiveDefinite` when even the largest jitter does not help.
    public init(symmetric a: [Double], order n: Int) throws {
        var work = a
        let jitter = try CholeskyFactor.factorInPlace(copying: a, order: n, into: &work)
        // dpotrf leaves the strict upper triangle untouched; clear it so `lower` is L.
        for j in 0..<n { for i in 0..<j { work[j * n + i] = 0 } }
        self.order = n
        self.lower = work
        self.jitter = jitter
    }

    /// Factors the symmetric `a` (n×n, only the lower triangle read) into `work`'s lower
    /// triangle, with the jitter retries of `init(symmetric:order:)`, and returns the jitter
    /// used; `work`'s strict upper triangle is left as it was (no allocation: the
    /// marginal likelihood factors tens of times per fit in one buffer).
    static func factorInPlace(copying a: [Double], order n: Int, into work: inout [Double]) throws -> Double {
        precondition(a.count == n * n && work.count == n * n, "expected \(n * n) entries, got \(a.count)")
        for v in a where !v.isFinite { throw LinearAlgebraError.nonFiniteEntries(order: n) }
        var meanDiagonal = 0.0
        for i in 0..<n { meanDiagonal += a[i * n + i] }
        meanDiagonal = n > 0 ? max(meanDiagonal / Double(n), .leastNormalMagnitude) : 1
        var jitter = 0.0
        while true {
            work.withUnsafeMutableBufferPointer { w in
                a.withUnsafeBufferPointer { src in
                    // The lower triangle only, column by column.
                    for j in 0..<n {
                        (w.baseAddress! + j * n + j).update(from: src.baseAddress! + j * n + j, count: n - j)
                    }
                }
            }
            if jitter > 0 { for i in 0..<n { work[i * n + i] += jitter } }
            let info = n == 0 ? 0 : work.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, LinearAlgebra.lower, Int32(n), p.baseAddress, Int32(n))
            }
            if info == 0 { return jitter }
            if info < 0 { throw LinearAlgebraError.lapack(routine: "dpotrf", info: info) }
            jitter = jitter == 0 ? 1e-10 * meanDiagonal : jitter * 10
            if jitter > 1e-2 * meanDiagonal * (1 + 1e-9) {
                throw LinearAlgebraError.notPositiveDefinite(order: n, jitter: jitter / 10)
            }
        }
    }

    /// A factor computed elsewhere (`appending(cross:block:count:)`).
    init(order: Int, lower: [Double], jitter: Double) {
        precondition(lower.count == order * order)
        self.order = order
        self.lower = lower
        self.jitter = jitter
    }

    /// `log det A = 2 Σ log Lᵢᵢ`.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<order { s += log(lower[i * order + i]) }
        return 2 * s
    }

    /// The solution x of `A x = b` (`dpotrs`).
    public func solve(_ b: [Double]) -> [Double] {
        var x = b
        solve(&x, columns: 1)
        return x
    }

    /// Solves `A X = B` in place for a column-major B of n×columns (`dpotrs`, one call for
    /// all right-hand sides).
    public func solve(_ b: inout [Double], columns: Int) {
        precondition(b.count == order * columns, "expected \(order * columns) entries, got \(b.count)")
        guard order > 0, columns > 0 else { return }
        let n = Int32(order)
        if columns == 1 {
            // Two level-2 solves: dpotrs would hand one column to dtrsm, which packs all of L
            // first (n² copies for 2n² flops), the bulk of a refinement step's cost.
            lower.withUnsafeBufferPointer { l in
                b.withUnsafeMutableBufferPointer { p in
                    cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, n, l.baseAddress, n, p.baseAddress, 1)
                    cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, n, l.baseAddress, n, p.baseAddress, 1)
                }
            }
            return
        }
        let info = lower.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, LinearAlgebra.lower, n, Int32(columns),
                               l.baseAddress, n, p.baseAddress, n)
            }
        }
        precondition(info == 0, "dpotrs rejected its arguments (info \(info))")
    }

    /// Solves `L X = B` in place (one triangular solve), for a column-major B of n×columns.
    public func solveLower(_ b: inout [Double], columns: Int) {
        precondition(b.count == order * columns, "expected \(order * columns) entries, got \(b.count)")
        lower.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { p in
                LinearAlgebra.solveLowerTriangular(l.baseAddress!, order: order, p.baseAddress!, columns: columns)
            }
        }
    }

    /// `A⁻¹` (n×n, symmetric, both triangles filled) from the factor
    /// (`LinearAlgebra.invertFromCholesky`, what `dpotri` computes).
    public func inverse() -> [Double] {
        var inv = lower
        guard order > 0 else { return inv }
        inv.withUnsafeMutableBufferPointer { p in LinearAlgebra.invertFromCholesky(p.baseAddress!, order: order) }
        // Only the lower triangle is formed; mirror it into the upper one.
        for j in 0..<order { for i in 0..<j { inv[j * order + i] = inv[i * order + j] } }
        return inv
    }
}
