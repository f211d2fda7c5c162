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
///   already taken): a normal N(u; μₖ, σₖ²) truncated to [0, 1], with μₖ the observation's
///   coordinate and σₖ the larger of the gaps to its neighbours in that coordinate (sorted
///   observations, 0 and 1 as the outer neighbours, except that the lowest and the highest take
///   their inner gap), clipped to [1/min(100, n + 2), 1] (Optuna's "magic clip"); the prior
///   kernel has μ = ½, σ = 1. These are Optuna 5's bandwidths.
/// - categorical parameter with K choices: Kₖ(c) ∝ w₀/(n + 1) + [c = cₖ], w₀ the prior
///   weight; the prior kernel is uniform, 1/K.
///
/// The weights wₖ are the observations' weights and the prior weight w₀, normalized to sum 1.
/// Constant parameters take no part. `n` is the number of observations.
///
/// Conditional spaces: an observation where a parameter was inactive has no kernel in that
/// coordinate (NaN, `Point.inactive`). Bandwidths come from the observations where it was
/// active; a kernel without the coordinate stands in for it with the mixture of the kernels
/// that have it (the prior's included), both for the density and for drawing — so each
/// parameter is modelled from the trials where it was active. A point's inactive coordinates
/// take no part in its density.
struct ParzenEstimator {
    /// How the unit-cube coordinates of a space split into parameters.
    struct Layout {
        /// The encoded coordinate of each numerical parameter.
        var numerical: [Int]
        /// The first encoded coordinate and the number of choices of each categorical parameter.
        var categorical: [(offset: Int, choices: Int)]
        /// The parameter of each numerical, then of each categorical coordinate.
        var names: [String]
        /// The width of an encoded point.
        var width: Int

        init(_ space: SearchSpace) {
            var numerical: [Int] = [], categorical: [(offset: Int, choices: Int)] = []
            var numericalNames: [String] = [], categoricalNames: [String] = []
            var offset = 0
            for p in space.parameters {
                switch p.domain {
                case .categorical(let values):
                    categorical.append((offset, values.count))
                    categoricalNames.append(p.name)
                    offset += values.count
                case .constant:
                    break
                default:
                    numerical.append(offset)
                    numericalNames.append(p.name)
                    offset += 1
                }
            }
            self.names = numericalNames + categoricalNames
            self.numerical = numerical
            self.categorical = categorical
            self.width = offset
        }

        /// The number of searched parameters.
        var dimension: Int { numerical.count + categorical.count }
    }

    /// A point as the estimator sees it: numerical coordinates and category indices; an
    /// inactive parameter's number is NaN and its category `inactive`.
    struct Point: Hashable {
        var numbers: [Double]
        var categories: [Int]

        /// The category of an inactive categorical parameter.
        static let inactive = -2

        /// True when some parameter is inactive.
        var hasInactive: Bool { numbers.contains(where: \.isNaN) || categories.contains(Point.inactive) }
    }

    let layout: Layout
    /// Kernel centres: one per observation, the prior kernel last.
    let centres: [Point]
    /// log wₖ, normalized.
    let logWeights: [Double]
    /// Cumulative normalized weights, for drawing a kernel.
    let cumulativeWeights: [Double]
    /// σₖⱼ of each kernel in each numerical coordinate (the prior kernel's are 1).
    let sigmas: [[Double]]
    /// log of each kernel's truncation mass on [0, 1], per numerical coordinate.
    let logMass: [[Double]]
    /// log Kₖ(c) for the observed category and for any other one, per kernel (prior: both log 1/K).
    let categoricalLogHit: [[Double]]
    let categoricalLogMiss: [[Double]]
    /// log wₖ − Σⱼ (log σ + ½ log 2π + log massₖⱼ) over the kernel's active coordinates: the
    /// part of a kernel's log density that does not depend on x.
    let kernelConstants: [Double]
    /// log σ + ½ log 2π + log massₖⱼ per kernel and numerical coordinate (0 where inactive).
    let coordinateConstants: [[Double]]
    /// True when some observation lacks a coordinate (a conditional space).
    let conditional: Bool

    /// The estimator of `observations` with their `weights` (same order) and the prior's.
    init(layout: Layout, observations: [Point], weights: [Double], priorWeight: Double) {
        precondition(observations.count == weights.count)
        self.layout = layout
        let n = observations.count
        var sigmas = Array(repeating: [Double](repeating: 1, count: layout.numerical.count), count: n + 1)
        for j in layout.numerical.indices {
            let active = (0..<n).filter { !observations[$0].numbers[j].isNaN }
            let column = ParzenEstimator.bandwidths(active.map { observations[$0].numbers[j] })
            for (r, k) in active.enumerated() { sigmas[k][j] = column[r] }
        }
        conditional = observations.contains(where: \.hasInactive)
        self.sigmas = sigmas
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
            masses.append(centre.numbers.indices.map { j in
                centre.numbers[j].isNaN ? 0 : ParzenEstimator.logTruncationMass(mean: centre.numbers[j], sigma: sigmas[k][j])
            })
            var hit: [Double] = [], miss: [Double] = []
            for (j, (_, choices)) in layout.categorical.enumerated() {
                let K = Double(choices)
                if k == n || centre.categories[j] < 0 {
                    hit.append(-log(K)); miss.append(-log(K))
                } else {
                    let fill = priorWeight / Double(n + 1)
                    hit.append(log((fill + 1) / (K * fill + 1)))
                    miss.append(log(fill / (K * fill + 1)))
                }
            }
            hits.append(hit); misses.append(miss)
        }
        logMass = masses
        categoricalLogHit = hits
        categoricalLogMiss = misses
        let coordinateConstants = (0...n).map { k in
            layout.numerical.indices.map { j in
                centres[k].numbers[j].isNaN ? 0 : log(sigmas[k][j]) + NormalFunctions.halfLogTwoPi + masses[k][j]
            }
        }
        self.coordinateConstants = coordinateConstants
        kernelConstants = (0...n).map { k in logWeights[k] - coordinateConstants[k].reduce(0, +) }
    }

    /// log p(x), by log-sum-exp over the kernels.
    func logDensity(_ x: Point) -> Double {
        if conditional || x.hasInactive { return conditionalLogDensity(x) }
        var terms = [Double](repeating: 0, count: centres.count)
        for k in centres.indices {
            let centre = centres[k], sigma = sigmas[k]
            var squares = 0.0
            for j in x.numbers.indices {
                let z = (x.numbers[j] - centre.numbers[j]) / sigma[j]
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
        let numbers = centre.numbers.indices.map { j in
            // A kernel without the coordinate stands in for it with a kernel that has it.
            let source = centre.numbers[j].isNaN ? kernel(activeIn: { self.centres[$0].numbers[j].isNaN == false }, using: &rng) : k
            return ParzenEstimator.truncatedNormal(mean: centres[source].numbers[j], sigma: sigmas[source][j], using: &rng)
        }
        var categories: [Int] = []
        for (j, (_, choices)) in layout.categorical.enumerated() {
            let source = centre.categories[j] == Point.inactive
                ? kernel(activeIn: { self.centres[$0].categories[j] != Point.inactive }, using: &rng) : k
            // Kₖ is a mixture of the uniform distribution and the observed choice.
            let observed = centres[source].categories[j]
            // The uniform part's share: K·fill/(K·fill + 1), fill = w₀/(n + 1).
            let uniformShare = observed < 0 ? 1 : exp(categoricalLogMiss[source][j]) * Double(choices)
            if rng.nextUnit() < uniformShare {
                categories.append(Int(rng.next() % UInt64(choices)))
            } else {
                categories.append(observed)
            }
        }
        return Point(numbers: numbers, categories: categories)
    }

    /// The bandwidths of observations `mus` in one coordinate of [0, 1] (Optuna 5's rule, in
    /// the order given): the larger gap to a neighbour, the ends taking their inner gap, clipped
    /// to [1/min(100, n + 2), 1].
    static func bandwidths(_ mus: [Double]) -> [Double] {
        let n = mus.count
        guard n > 0 else { return [] }
        let order = mus.indices.sorted { mus[$0] < mus[$1] }
        var sorted: [Double] = [0]
        sorted += order.map { mus[$0] }
        sorted.append(1)
        var gaps: [Double] = (1...n).map { (i: Int) -> Double in
            let left = sorted[i] - sorted[i - 1], right = sorted[i + 1] - sorted[i]
            return Swift.max(left, right)
        }
        if n >= 2 {
            gaps[0] = sorted[2] - sorted[1]
            gaps[n - 1] = sorted[n] - sorted[n - 1]
        }
        let minimum = 1 / Swift.min(100, 1 + Double(n + 1))
        var out = [Double](repeating: 0, count: n)
        for (rank, index) in order.enumerated() { out[index] = Swift.min(Swift.max(gaps[rank], minimum), 1) }
        return out
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

    /// The estimator's view of a configuration: its encoding, with the parameters it lacks
    /// marked inactive.
    func point(_ configuration: Configuration, in space: SearchSpace) -> ParzenEstimator.Point {
        var point = point(encoded: space.encode(configuration))
        guard space.isConditional else { return point }
        for j in numerical.indices where configuration[names[j]] == nil { point.numbers[j] = .nan }
        for j in categorical.indices where configuration[names[numerical.count + j]] == nil {
            point.categories[j] = ParzenEstimator.Point.inactive
        }
        return point
    }

    /// The encoded point (`SearchSpace.decode` takes it) of an estimator's point; inactive
    /// coordinates at their fixed place.
    func encoded(_ point: ParzenEstimator.Point) -> [Double] {
        var x = [Double](repeating: 0, count: width)
        for (j, coordinate) in numerical.enumerated() {
            x[coordinate] = point.numbers[j].isNaN ? SearchSpace.inactiveCoordinate : point.numbers[j]
        }
        for (j, (offset, _)) in categorical.enumerated() where point.categories[j] >= 0 { x[offset + point.categories[j]] = 1 }
        return x
    }
}
