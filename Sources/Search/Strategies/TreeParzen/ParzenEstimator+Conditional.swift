import Foundation

/// The density and draws of a Parzen estimator over a conditional space, where some kernels
/// and some points lack coordinates (see `ParzenEstimator`).
extension ParzenEstimator {
    /// log p(x) when a kernel or x lacks a coordinate. For each kernel and coordinate that x
    /// has: the kernel's own factor if it has the coordinate, else the log of the mixture of
    /// the kernels that have it; coordinates x lacks take no part.
    func conditionalLogDensity(_ x: Point) -> Double {
        let numberMarginals = x.numbers.indices.map { j in
            x.numbers[j].isNaN ? 0 : logMarginal(number: j, x.numbers[j])
        }
        let categoryMarginals = x.categories.indices.map { j in
            x.categories[j] == Point.inactive ? 0 : logMarginal(category: j, x.categories[j])
        }
        var terms = [Double](repeating: 0, count: centres.count)
        for k in centres.indices {
            let centre = centres[k]
            var t = kernelConstants[k]
            for j in x.numbers.indices {
                switch (x.numbers[j].isNaN, centre.numbers[j].isNaN) {
                case (false, false):
                    let z = (x.numbers[j] - centre.numbers[j]) / sigmas[k][j]
                    t -= 0.5 * z * z
                case (false, true): t += numberMarginals[j]
                case (true, false): t += coordinateConstants[k][j]  // not part of this density
                case (true, true): break
                }
            }
            for j in x.categories.indices where x.categories[j] != Point.inactive {
                if centre.categories[j] == Point.inactive {
                    t += categoryMarginals[j]
                } else {
                    t += x.categories[j] == centre.categories[j] ? categoricalLogHit[k][j] : categoricalLogMiss[k][j]
                }
            }
            terms[k] = t
        }
        let top = terms.max() ?? -.infinity
        guard top.isFinite else { return top }
        return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }

    /// log of the mixture, in numerical coordinate j at u, of the kernels that have j.
    func logMarginal(number j: Int, _ u: Double) -> Double {
        var terms: [Double] = []
        var weights: [Double] = []
        for k in centres.indices where !centres[k].numbers[j].isNaN {
            let z = (u - centres[k].numbers[j]) / sigmas[k][j]
            terms.append(logWeights[k] - coordinateConstants[k][j] - 0.5 * z * z)
            weights.append(logWeights[k])
        }
        return ParzenEstimator.logSumExp(terms) - ParzenEstimator.logSumExp(weights)
    }

    /// log of the mixture, in categorical coordinate j at category c, of the kernels that have j.
    func logMarginal(category j: Int, _ c: Int) -> Double {
        var terms: [Double] = []
        var weights: [Double] = []
        for k in centres.indices where centres[k].categories[j] != Point.inactive {
            terms.append(logWeights[k] + (centres[k].categories[j] == c ? categoricalLogHit[k][j] : categoricalLogMiss[k][j]))
            weights.append(logWeights[k])
        }
        return ParzenEstimator.logSumExp(terms) - ParzenEstimator.logSumExp(weights)
    }

    /// A kernel drawn by weight among those where `active` holds (the prior kernel always does).
    func kernel(activeIn active: (Int) -> Bool, using rng: inout SplitMix64) -> Int {
        let candidates = centres.indices.filter(active)
        let weights = candidates.map { exp(logWeights[$0]) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return centres.count - 1 }
        var u = rng.nextUnit() * total
        for (i, w) in zip(candidates, weights) {
            u -= w
            if u < 0 { return i }
        }
        return candidates.last ?? centres.count - 1
    }

    /// log Σ exp(terms), stable; −∞ for no terms.
    static func logSumExp(_ terms: [Double]) -> Double {
        let top = terms.max() ?? -.infinity
        guard top.isFinite else { return top }
        return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }
}
