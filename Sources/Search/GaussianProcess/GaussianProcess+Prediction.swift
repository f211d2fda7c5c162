extension GaussianProcess {
    /// The posterior of the latent function at one point, in the observed units.
    public struct Prediction: Hashable, Sendable {
        /// μ(x).
        public var mean: Double
        /// σ²(x) of the latent function (observation noise not included), never negative.
        public var variance: Double
        /// σ(x).
        public var standardDeviation: Double { variance.squareRoot() }
    }

    /// The posterior at `x`.
    public func predict(_ x: [Double]) -> Prediction {
        predict([x])[0]
    }

    /// The posterior at every point of `xs`, computed together: one kernel pass and one
    /// triangular solve (`dtrsm`) per block of points.
    public func predict(_ xs: [[Double]]) -> [Prediction] {
        let (mean, variance) = standardizedPosterior(PointMatrix(xs, dimension: dimension))
        let scale = standardization.scale
        return (0..<xs.count).map { j in
            Prediction(mean: standardization.unstandardize(mean[j]), variance: scale * scale * variance[j])
        }
    }

    /// Mean and variance on the standardized scale at every candidate. The cross-covariance
    /// block `Kc = k(X, C)` (n×m, column-major) gives `μ = Kcᵀα` (`dgemv`) and, after solving
    /// `L V = Kc` in place (`dtrsm`), `σ² = σ²_f − Σᵢ Vᵢⱼ²`, clamped at 0. Candidates go in
    /// blocks of 256 so memory stays at n·256 numbers whatever their count.
    func standardizedPosterior(_ candidates: PointMatrix) -> (mean: [Double], variance: [Double]) {
        let n = points.count, m = candidates.count
        var mean = [Double](repeating: 0, count: m)
        var variance = [Double](repeating: hyperparameters.signalVariance, count: m)
        guard n > 0 else { return (mean, variance) }
        let kernel = self.kernel
        let block = 256
        var start = 0
        while start < m {
            let end = min(start + block, m)
            let chunk = candidates.selecting(Array(start..<end))
            var cross = kernel.crossCovariance(points, chunk)
            let width = end - start
            cross.withUnsafeMutableBufferPointer { c in
                alpha.withUnsafeBufferPointer { a in
                    mean.withUnsafeMutableBufferPointer { mp in
                        LinearAlgebra.multiplyTransposed(c.baseAddress!, rows: n, columns: width, a.baseAddress!,
                                                         into: mp.baseAddress! + start)
                    }
                }
                factor.lower.withUnsafeBufferPointer { l in
                    LinearAlgebra.solveLowerTriangular(l.baseAddress!, order: n, c.baseAddress!, columns: width)
                }
                for j in 0..<width {
                    let v = LinearAlgebra.dot(c.baseAddress! + j * n, c.baseAddress! + j * n, count: n)
                    variance[start + j] = max(hyperparameters.signalVariance - v, 0)
                }
            }
            start = end
        }
        return (mean, variance)
    }

    /// The standardized posterior at x with its gradient in x:
    ///
    ///     ∂μ/∂xₖ = Σᵢ αᵢ ∂kᵢ/∂xₖ,   ∂σ²/∂xₖ = −2 Σᵢ wᵢ ∂kᵢ/∂xₖ,   w = K⁻¹ k(X, x) (dpotrs),
    ///     ∂kᵢ/∂xₖ = −σ²_f g(rᵢ) (xₖ − xᵢₖ) / ℓₖ².
    func standardizedPosteriorWithGradient(at x: [Double])
        -> (mean: Double, variance: Double, meanGradient: [Double], varianceGradient: [Double]) {
        let n = points.count, d = points.dimension
        let theta = hyperparameters
        var k = [Double](repeating: 0, count: n)
        var g = [Double](repeating: 0, count: n)
        let invL2 = theta.lengthScales.map { 1 / ($0 * $0) }
        points.values.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                var r2 = 0.0
                for c in 0..<d {
                    let t = x[c] - xp[i * d + c]
                    r2 += t * t * invL2[c]
                }
                let r = r2.squareRoot()
                k[i] = theta.signalVariance * MaternKernel.correlation(r)
                g[i] = theta.signalVariance * MaternKernel.derivativeFactor(r)
            }
        }
        var w = k
        if n > 0 { factor.solve(&w, columns: 1) }
        var mean = 0.0, explained = 0.0
        for i in 0..<n {
            mean += alpha[i] * k[i]
            explained += k[i] * w[i]
        }
        var meanGradient = [Double](repeating: 0, count: d)
        var varianceGradient = [Double](repeating: 0, count: d)
        points.values.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                let a = -g[i] * alpha[i], b = 2 * g[i] * w[i]
                for c in 0..<d {
                    let t = (x[c] - xp[i * d + c]) * invL2[c]
                    meanGradient[c] += a * t
                    varianceGradient[c] += b * t
                }
            }
        }
        return (mean, max(theta.signalVariance - explained, 0), meanGradient, varianceGradient)
    }
}
