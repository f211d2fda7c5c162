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

    @Test func aBasisGivesTheScoresOfAFreshScreening() throws {
        let (model, candidates, best) = try Self.setup()
        let score = { (m: Double, v: Double) in LogExpectedImprovement.value(mean: m, variance: v, best: best) }
        let fresh = model.screenedScores(candidates, keep: 16, score: score)
        let reused = model.screenedScores(candidates, keep: 16, basis: model.candidateBasis(candidates), score: score)
        #expect(fresh.exact == reused.exact)
        for j in 0..<candidates.count { #expect(isClose(fresh.values[j], reused.values[j], relative: 1e-12, absolute: 1e-12)) }
    }

    @Test func aBasisStillScreensAModelExtendedByFantasies() throws {
        // A batch's later pick: the model conditioned on 5 more points, scored with the basis
        // made on the first model; the best 16 are exact, the rest bounded below them.
        let (model, candidates, best) = try Self.setup()
        let basis = model.candidateBasis(candidates)
        var rng = SplitMix64(seed: 4)
        let extra = PointMatrix(count: 5, dimension: 4, values: (0..<20).map { _ in 0.3 + 0.1 * rng.nextUnit() })
        let extended = try model.conditioned(on: extra, standardizedTargets: [Double](repeating: best, count: 5))
        #expect(extended.isExtension(of: basis))
        let (mean, variance) = extended.standardizedPosterior(candidates)
        let full = (0..<candidates.count).map { LogExpectedImprovement.value(mean: mean[$0], variance: variance[$0], best: best) }
        let (values, exact) = extended.screenedScores(candidates, keep: 16, basis: basis) {
            LogExpectedImprovement.value(mean: $0, variance: $1, best: best)
        }
        let top = full.indices.sorted { full[$0] > full[$1] }.prefix(16)
        for j in top { #expect(exact[j], "candidate \(j)") }
        for j in full.indices {
            if exact[j] {
                #expect(isClose(values[j], full[j], relative: 1e-9, absolute: 1e-9), "candidate \(j)")
            } else {
                #expect(values[j] >= full[j] - 1e-9 * abs(full[j]) && values[j] < full[top.last!], "candidate \(j)")
            }
        }
    }

    @Test func aBasisOfAnotherModelIsNotUsed() throws {
        let (model, candidates, _) = try Self.setup()
        let basis = model.candidateBasis(candidates)
        var theta = model.hyperparameters
        theta.signalVariance *= 2
        let other = try GaussianProcess(points: model.points, standardizedTargets: model.targets,
                                        standardization: model.standardization, hyperparameters: theta)
        #expect(!other.isExtension(of: basis))
        let fewer = try GaussianProcess(points: model.points.selecting(Array(1..<300)),
                                        standardizedTargets: Array(model.targets[1...]),
                                        standardization: model.standardization, hyperparameters: model.hyperparameters)
        #expect(!fewer.isExtension(of: basis))
    }
}
