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
