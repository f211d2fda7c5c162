import CLapack

/// Process-wide settings of the BLAS library the Gaussian process runs on.
public enum LinearAlgebra {
    /// Sets how many threads OpenBLAS may use. The Gaussian process works on matrices of at
    /// most a few thousand rows, where one thread is as fast as two (thread start-up dominates)
    /// and leaves the other cores to the trials; executables call this once at start-up with 1.
    /// This changes global state of the OpenBLAS library, so library code never calls it.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The LAPACK character argument for a lower or upper triangle.
    static let lower = CChar(UInt8(ascii: "L"))

    /// Solves `L X = B` in place for a column-major lower-triangular `L` (n×n) and a
    /// column-major right-hand side `B` (n×columns).
    static func solveLowerTriangular(_ factor: UnsafePointer<Double>, order n: Int,
                                     _ b: UnsafeMutablePointer<Double>, columns: Int) {
        guard n > 0, columns > 0 else { return }
        if columns == 1 {
            cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), factor, Int32(n), b, 1)
        } else {
            cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                        Int32(n), Int32(columns), 1.0, factor, Int32(n), b, Int32(n))
        }
    }

    /// Overwrites the lower triangle of a Cholesky factor L (column-major, n×n) with that of
    /// A⁻¹ = L⁻ᵀ L⁻¹: L⁻¹ by `invertLowerTriangular`, then L⁻ᵀ L⁻¹ by LAPACK's `dlauum`. The
    /// same result as `dpotri`, about twice as fast at the marginal likelihood's sizes: the
    /// `dtrtri` inside OpenBLAS's `dpotri` spends most of its time in level-2 `dtrmv`.
    static func invertFromCholesky(_ l: UnsafeMutablePointer<Double>, order n: Int) {
        guard n > 0 else { return }
        invertLowerTriangular(l, order: n, leading: n)
        let info = LAPACKE_dlauum_work(LAPACK_COL_MAJOR, lower, Int32(n), l, Int32(n))
        precondition(info == 0, "dlauum rejected its arguments (info \(info))")
    }

    /// Inverts a non-singular lower-triangular block in place by halves, all in level-3 BLAS:
    /// with `L = [A 0; B C]`, `L⁻¹ = [A⁻¹ 0; −C⁻¹ B A⁻¹  C⁻¹]`; blocks of 32 or fewer rows go
    /// to LAPACK's `dtrtri`.
    static func invertLowerTriangular(_ l: UnsafeMutablePointer<Double>, order n: Int, leading: Int) {
        let ld = Int32(leading)
        if n <= 32 {
            let info = LAPACKE_dtrtri_work(LAPACK_COL_MAJOR, lower, CChar(UInt8(ascii: "N")), Int32(n), l, ld)
            precondition(info == 0, "dtrtri met a singular triangular factor (info \(info))")
            return
        }
        let n1 = n / 2, n2 = n - n1
        let a = l, b = l + n1, c = l + n1 * leading + n1
        invertLowerTriangular(a, order: n1, leading: leading)
        invertLowerTriangular(c, order: n2, leading: leading)
        cblas_dtrmm(CblasColMajor, CblasRight, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n2), Int32(n1), 1.0,
                    a, ld, b, ld)
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n2), Int32(n1), -1.0,
                    c, ld, b, ld)
    }

    /// `y = Aᵀ x` for a column-major `A` (rows×columns): one dot product per column.
    static func multiplyTransposed(_ a: UnsafePointer<Double>, rows: Int, columns: Int,
                                   _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        guard rows > 0, columns > 0 else {
            for j in 0..<columns { y[j] = 0 }
            return
        }
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(rows), Int32(columns), 1.0, a, Int32(rows), x, 1, 0.0, y, 1)
    }

    /// The dot product of two vectors of length n.
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> Double {
        n > 0 ? cblas_ddot(Int32(n), x, 1, y, 1) : 0
    }
}
