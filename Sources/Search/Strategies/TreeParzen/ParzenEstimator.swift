import Foundation

/// A Parzen estimator over a search space's unit cube: the density ℓ(x) or g(x) of the
/// tree-structured Parzen estimator (Bergstra et al. 2011), in Optuna's multivariate form.
///
/// One kernel per observation, plus a prior kernel; each kernel is a product over the
/// parameters:
///
///     p(x) = Σₖ wₖ · Πⱼ Kₖⱼ(xⱼ)
///
/// - numerical parameter (real, integer, ordinal; its unit coordinate u ∈ [0, 1], log scales
///   already taken): a normal N(u; μₖ, σ²) truncated to [0, 1], with μₖ the observation's
///   coordinate and σ = 0.2 · max(n, 1)^(−1/(d+4)) (Scott's rule on the unit range: Optuna's
///   `SIGMA0_MAGNITUDE`), clipped to [1/min(100, 1 + n + 1), 1] (Optuna's "magic clip");
///   the prior kernel has μ = ½, σ = 1.
/// - categorical parameter with K choices: Kₖ(c) = (w₀/K + [c = cₖ]) / (w₀ + 1), w₀ the prior
///   weight; the prior kernel is uniform, 1/K.
///
/// The weights wₖ are the observations' weights and the prior weight w₀, normalized to sum 1.
/// Constant parameters take no part. `n` is the number of observations, `d` the number of
/// searched parameters.
struct ParzenEstimator {
    /// How the unit-cube coordinates of a space split into parameters.
    struct Layout {
        /// The encoded coordinate of each numerical parameter.
        var numerical: [Int]
        /// The first encoded coordinate and the number of choices of each categorical parameter.
        var categorical: [(offset: Int, choices: Int)]
        /// The width of an encoded point.
        var width: Int

        init(_ space: SearchSpace) {
            var numerical: [Int] = [], categorical: [(offset: Int, choices: Int)] = []
            var offset = 0
            for p in space.parameters {
                switch p.domain {
                case .categorical(let values):
                    categorical.append((offset, values.count))
                    offset += values.count
                case .constant:
                    break
                default:
                    numerical.append(offset)
                    offset += 1
                }
            }
            self.numerical = numerical
            self.categorical = categorical
            self.width = offset
        }

        /// The number of searched parameters, `d` in the bandwidth rule.
        var dimension: Int { numerical.count + categorical.count }
    }

    /// A point as the estimator sees it: numerical coordinates and category indices.
    struct Point: Hashable {
        var numbers: [Double]
        var categories: [Int]
    }

    let layout: Layout
    /// Kernel centres: one per observation, the prior kernel last.
    let centres: [Point]
    /// log wₖ, normalized.
    let logWeights: [Double]
    /// Cumulative normalized weights, for drawing a kernel.
    let cumulativeWeights: [Double]
    /// The numerical kernels' σ (the same for every observation), and the prior's.
    let sigma: Double
    var priorSigma: Double { ParzenEstimator.priorSigma }
    static let priorSigma = 1.0
    /// log of each kernel's truncation mass on [0, 1], per numerical coordinate.
    let logMass: [[Double]]
    /// log Kₖ(c) for the observed category and for any other one, per kernel (prior: both log 1/K).
    let categoricalLogHit: [[Double]]
    let categoricalLogMiss: [[Double]]
    /// log wₖ − Σⱼ (log σ + ½ log 2π + log massₖⱼ): the part of a kernel's log density that
    /// does not depend on x.
    let kernelConstants: [Double]

    /// The estimator of `observations` with their `weights` (same order) and the prior's.
    init(layout: Layout, observations: [Point], weights: [Double], priorWeight: Double) {
        precondition(observations.count == weights.count)
        self.layout = layout
        let n = observations.count
        let d = Swift.max(layout.dimension, 1)
        let kernels = n + 1
        let minimum = 1 / Swift.min(100, 1 + Double(kernels))
        let sigma = Swift.min(Swift.max(0.2 * pow(Double(Swift.max(n, 1)), -1 / Double(d + 4)), minimum), 1)
        self.sigma = sigma
        let prior = Point(numbers: Array(repeating: 0.5, count: layout.numerical.count),
                          categories: Array(repeating: -1, count: layout.categorical.count))
        let centres = observations + [prior]
        self.centres = centres
        let total = weights.reduce(0, +) + priorWeight
        let normalized = (weights + [priorWeight]).map { $0 / total }
        let logWeights = normalized.map { $0 > 0 ? log($0) : -.infinity }
        self.logWeights = logWeights
        var running = 0.0
        cumulativeWeights = normalized.map { running += $0; return running }
        var masses: [[Double]] = []
        var hits: [[Double]] = [], misses: [[Double]] = []
        for (k, centre) in centres.enumerated() {
            let s = k == n ? ParzenEstimator.priorSigma : sigma
            masses.append(centre.numbers.map { ParzenEstimator.logTruncationMass(mean: $0, sigma: s) })
            var hit: [Double] = [], miss: [Double] = []
            for (j, (_, choices)) in layout.categorical.enumerated() {
                let K = Double(choices)
                if k == n || centre.categories[j] < 0 {
                    hit.append(-log(K)); miss.append(-log(K))
                } else {
                    hit.append(log((priorWeight / K + 1) / (priorWeight + 1)))
                    miss.append(log((priorWeight / K) / (priorWeight + 1)))
                }
            }
            hits.append(hit); misses.append(miss)
        }
        logMass = masses
        categoricalLogHit = hits
        categoricalLogMiss = misses
        let (logSigma, logPriorSigma) = (log(sigma), log(ParzenEstimator.priorSigma))
        kernelConstants = (0...n).map { k in
            let logS = k == n ? logPriorSigma : logSigma
            return logWeights[k] - masses[k].reduce(0) { $0 + logS + NormalFunctions.halfLogTwoPi + $1 }
        }
    }

    /// log p(x), by log-sum-exp over the kernels.
    func logDensity(_ x: Point) -> Double {
        var terms = [Double](repeating: 0, count: centres.count)
        let n = centres.count - 1
        for k in centres.indices {
            let s = k == n ? priorSigma : sigma
            let centre = centres[k]
            var squares = 0.0
            for j in x.numbers.indices {
                let z = (x.numbers[j] - centre.numbers[j]) / s
                squares += z * z
            }
            var t = kernelConstants[k] - 0.5 * squares
            for j in x.categories.indices {
                t += x.categories[j] == centre.categories[j] ? categoricalLogHit[k][j] : categoricalLogMiss[k][j]
            }
            terms[k] = t
        }
        let top = terms.max() ?? -.infinity
        guard top.isFinite else { return top }
        return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }

    /// A draw from p: a kernel by its weight, then each coordinate from that kernel.
    func sample(using rng: inout SplitMix64) -> Point {
        let u = rng.nextUnit()
        var k = cumulativeWeights.firstIndex { u < $0 } ?? (centres.count - 1)
        if k >= centres.count { k = centres.count - 1 }
        let centre = centres[k]
        let s = k == centres.count - 1 ? priorSigma : sigma
        let numbers = centre.numbers.map { ParzenEstimator.truncatedNormal(mean: $0, sigma: s, using: &rng) }
        var categories: [Int] = []
        for (j, (_, choices)) in layout.categorical.enumerated() {
            // Kₖ is a mixture: uniform with probability w₀/(w₀ + 1), else the observed choice.
            let observed = centre.categories[j]
            let uniformShare = observed < 0 ? 1 : exp(categoricalLogMiss[k][j]) * Double(choices)
            if rng.nextUnit() < uniformShare {
                categories.append(Int(rng.next() % UInt64(choices)))
            } else {
                categories.append(observed)
            }
        }
        return Point(numbers: numbers, categories: categories)
    }

    /// log(Φ((1 − μ)/σ) − Φ(−μ/σ)): the mass of N(μ, σ²) on [0, 1].
    static func logTruncationMass(mean: Double, sigma: Double) -> Double {
        let mass = NormalFunctions.cdf((1 - mean) / sigma) - NormalFunctions.cdf(-mean / sigma)
        return log(Swift.max(mass, .leastNormalMagnitude))
    }

    /// A draw of N(μ, σ²) truncated to [0, 1], by rejection (the mass on [0, 1] is at least
    /// about a third for μ ∈ [0, 1], σ ≤ 1); after 64 misses, the clamped mean.
    static func truncatedNormal(mean: Double, sigma: Double, using rng: inout SplitMix64) -> Double {
        for _ in 0..<64 {
            let v = mean + sigma * rng.nextGaussian()
            if v >= 0 && v <= 1 { return v }
        }
        return Swift.min(Swift.max(mean, 0), 1)
    }
}

extension ParzenEstimator.Layout {
    /// The estimator's view of an encoded point (`SearchSpace.encode`).
    func point(encoded x: [Double]) -> ParzenEstimator.Point {
        ParzenEstimator.Point(
            numbers: numerical.map { x[$0] },
            categories: categorical.map { offset, choices in
                (0..<choices).max { x[offset + $0] < x[offset + $1] } ?? 0
            })
    }

    /// The encoded point (`SearchSpace.decode` takes it) of an estimator's point.
    func encoded(_ point: ParzenEstimator.Point) -> [Double] {
        var x = [Double](repeating: 0, count: width)
        for (j, coordinate) in numerical.enumerated() { x[coordinate] = point.numbers[j] }
        for (j, (offset, _)) in categorical.enumerated() { x[offset + point.categories[j]] = 1 }
        return x
    }
}
