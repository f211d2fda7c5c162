import Foundation
import Testing
@testable import Search

/// Screened acquisition values against the full posterior computed directly.
@Suite struct GaussianProcessScreeningTests {
    /// A model on 300 points of the 4-cube (above the size where screening starts) and 1,000
    /// candidates.
    static func setup() throws -> (model: GaussianProcess, candidates: PointMatrix, best: Double) {
        var rng = SplitMix64(seed: 21)
        let n = 300, d = 4
        let points = PointMatrix(count: n, dimension: d, values: (0..<(n * d)).map { _ in rng.nextUnit() })
        let y: [Double] = (0..<n).map { i in
            var s = 0.0
            for k in 0..<d { s += (points.values[i * d + k] - 0.3) * (points.values[i * d + k] - 0.3) }
            return s
        }
        let map = GaussianProcess.Standardization(fitting: y)
        let theta = GaussianProcess.Hyperparameters(signalVariance: 1.1, lengthScales: [0.3, 0.5, 0.4, 0.8],
                                                    noiseVariance: 1e-4)
        let model = try GaussianProcess(points: points, standardizedTargets: y.map(map.standardize),
                                        standardization: map, hyperparameters: theta)
        let candidates = PointMatrix(count: 1000, dimension: d, values: (0..<(1000 * d)).map { _ in rng.nextUnit() })
        return (model, candidates, y.map(map.standardize).min()!)
    }

    @Test func theBestCandidatesAreScoredExactlyAndTheRestAreBoundedBelowThem() throws {
        let (model, candidates, best) = try Self.setup()
        let (mean, variance) = model.standardizedPosterior(candidates)
        let full = (0..<candidates.count).map { LogExpectedImprovement.value(mean: mean[$0], variance: variance[$0], best: best) }
        let keep = 16
        let (values, exact) = model.screenedScores(candidates, keep: keep) {
            LogExpectedImprovement.value(mean: $0, variance: $1, best: best)
        }
        let top = full.indices.sorted { full[$0] > full[$1] }.prefix(keep)
        let kthBest = full[top.last!]
        for j in top { #expect(exact[j] && isClose(values[j], full[j], relative: 1e-9, absolute: 1e-9), "candidate \(j)") }
        for j in full.indices {
            if exact[j] {
                #expect(isClose(values[j], full[j], relative: 1e-9, absolute: 1e-9), "candidate \(j)")
            } else {
                // An upper bound of the exact value, below the keep-th best.
                #expect(values[j] >= full[j] - 1e-9 * abs(full[j]) && values[j] < kthBest, "candidate \(j)")
            }
        }
        // The point of screening: most candidates are never finished.
        #expect(exact.filter { $0 }.count < candidates.count / 2)
    }

    @Test func aSmallModelIsScoredExactlyEverywhere() throws {
        let (model, candidates, best) = try Self.setup()
        let small = try GaussianProcess(points: model.points.selecting(Array(0..<100)),
                                        standardizedTargets: Array(model.targets[0..<100]),
                                        standardization: model.standardization, hyperparameters: model.hyperparameters)
        let (_, exact) = small.screenedScores(candidates, keep: 16) { m, v in LogExpectedImprovement.value(mean: m, variance: v, best: best) }
        #expect(exact.allSatisfy { $0 })
    }
}
