import Foundation

/// The Matérn-5/2 covariance with one length scale per dimension (automatic relevance
/// determination):
///
///     k(x, y) = σ² · ρ(r),   ρ(r) = (1 + √5·r + 5r²/3) · exp(−√5·r),
///     r² = Σₖ (xₖ − yₖ)² / ℓₖ².
///
/// Sample paths are twice differentiable: smooth enough for gradient-based acquisition
/// search, rough enough for real training curves (the squared exponential is too smooth).
/// Every derivative shares the factor `g(r) = (5/3)(1 + √5·r)·exp(−√5·r) = −ρ′(r)/r`:
///
///     ∂k/∂xₖ       = −σ² g(r) (xₖ − yₖ) / ℓₖ²
///     ∂k/∂log ℓₖ   =  σ² g(r) (xₖ − yₖ)² / ℓₖ²
///     ∂k/∂log σ²   =  k
public struct MaternKernel: Hashable, Sendable {
    /// σ², the prior variance of the function at any point.
    public var signalVariance: Double
    /// ℓₖ, one per dimension of the unit cube; a long one makes its dimension irrelevant.
    public var lengthScales: [Double]

    /// Creates the kernel.
    public init(signalVariance: Double = 1, lengthScales: [Double]) {
        self.signalVariance = signalVariance
        self.lengthScales = lengthScales
    }

    /// The number of input dimensions.
    public var dimension: Int { lengthScales.count }

    /// k(x, y).
    public func callAsFunction(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == dimension && y.count == dimension, "points need \(dimension) coordinates")
        var r2 = 0.0
        for k in 0..<dimension {
            let d = (x[k] - y[k]) / lengthScales[k]
            r2 += d * d
        }
        return signalVariance * MaternKernel.correlation(r2.squareRoot())
    }

    static let sqrt5 = 5.0.squareRoot()

    /// ρ(r) = (1 + √5 r + 5r²/3) exp(−√5 r).
    @inline(__always)
    static func correlation(_ r: Double) -> Double {
        let s = sqrt5 * r
        return (1 + s + s * s / 3) * exp(-s)
    }

    /// g(r) = −ρ′(r)/r = (5/3)(1 + √5 r) exp(−√5 r), finite at r = 0.
    @inline(__always)
    static func derivativeFactor(_ r: Double) -> Double {
        let s = sqrt5 * r
        return 5.0 / 3.0 * (1 + s) * exp(-s)
    }

    /// The covariance matrix of `points` (column-major n×n, symmetric, σ² on the diagonal).
    func gram(_ points: PointMatrix) -> [Double] {
        let n = points.count, d = points.dimension
        let z = points.scaled(by: lengthScales)
        var out = [Double](repeating: 0, count: n * n)
        let sigma2 = signalVariance
        z.withUnsafeBufferPointer { zp in
            out.withUnsafeMutableBufferPointer { op in
                for j in 0..<n {
                    op[j * n + j] = sigma2
                    let zj = zp.baseAddress! + j * d
                    for i in (j + 1)..<max(j + 1, n) {
                        let zi = zp.baseAddress! + i * d
                        var r2 = 0.0
                        for k in 0..<d {
                            let t = zi[k] - zj[k]
                            r2 += t * t
                        }
                        let v = sigma2 * MaternKernel.correlation(r2.squareRoot())
                        op[j * n + i] = v
                        op[i * n + j] = v
                    }
                }
            }
        }
        return out
    }

    /// Covariances between n `points` and m `others`: column-major n×m, column j is
    /// `k(X, others[j])`, contiguous, ready for a triangular solve.
    func crossCovariance(_ points: PointMatrix, _ others: PointMatrix) -> [Double] {
        let n = points.count, m = others.count, d = points.dimension
        precondition(others.dimension == d)
        let z = points.scaled(by: lengthScales)
        let w = others.scaled(by: lengthScales)
        var out = [Double](repeating: 0, count: n * m)
        let sigma2 = signalVariance
        z.withUnsafeBufferPointer { zp in
            w.withUnsafeBufferPointer { wp in
                out.withUnsafeMutableBufferPointer { op in
                    for j in 0..<m {
                        let wj = wp.baseAddress! + j * d
                        let column = op.baseAddress! + j * n
                        for i in 0..<n {
                            let zi = zp.baseAddress! + i * d
                            var r2 = 0.0
                            for k in 0..<d {
                                let t = zi[k] - wj[k]
                                r2 += t * t
                            }
                            column[i] = sigma2 * MaternKernel.correlation(r2.squareRoot())
                        }
                    }
                }
            }
        }
        return out
    }
}
