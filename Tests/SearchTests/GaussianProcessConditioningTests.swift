import Foundation
import Testing
@testable import Search

/// The rank-p extension of a Cholesky factor and the fantasy models built with it, each
/// checked against a fresh factorization of the whole matrix.
@Suite struct GaussianProcessConditioningTests {
    /// n + p points of the unit cube and the model's kernel matrix on them (σₙ² on the diagonal).
    static func kernelMatrix(_ points: PointMatrix, noise: Double) -> [Double] {
        let kernel = MaternKernel(signalVariance: 1.3, lengthScales: [0.4, 0.7, 0.25])
        var k = kernel.gram(points)
        for i in 0..<points.count { k[i * points.count + i] += noise }
        return k
    }

    static func randomPoints(_ count: Int, seed: UInt64) -> PointMatrix {
        var rng = SplitMix64(seed: seed)
        return PointMatrix(count: count, dimension: 3, values: (0..<(count * 3)).map { _ in rng.nextUnit() })
    }

    /// The leading n×n block, the n×p block below it (as B, n×p) and the trailing p×p block.
    static func blocks(_ a: [Double], order size: Int, split n: Int) -> (head: [Double], cross: [Double], tail: [Double]) {
        let p = size - n
        var head = [Double](repeating: 0, count: n * n), cross = [Double](repeating: 0, count: n * p)
        var tail = [Double](repeating: 0, count: p * p)
        for j in 0..<size {
            for i in 0..<size {
                let v = a[j * size + i]
                if i < n, j < n { head[j * n + i] = v }
                if i < n, j >= n { cross[(j - n) * n + i] = v }
                if i >= n, j >= n { tail[(j - n) * p + (i - n)] = v }
            }
        }
        return (head, cross, tail)
    }

    @Test(arguments: [(40, 1), (40, 5), (1, 3), (0, 4)])
    func anExtendedFactorEqualsAFreshOne(n: Int, p: Int) throws {
        let points = Self.randomPoints(n + p, seed: 7)
        let a = Self.kernelMatrix(points, noise: 1e-3)
        let (head, cross, tail) = Self.blocks(a, order: n + p, split: n)
        let extended = try CholeskyFactor(symmetric: head, order: n).appending(cross: cross, block: tail, count: p)
        let fresh = try CholeskyFactor(symmetric: a, order: n + p)
        #expect(extended.order == n + p && extended.jitter == 0)
        for (e, f) in zip(extended.lower, fresh.lower) { #expect(abs(e - f) < 1e-10) }
    }

    @Test func theJitterOfTheFactorCarriesOverToTheNewBlock() throws {
        // A point repeated with no noise: the 2×2 head needs jitter δ, and the extension adds the
        // same δ, so it equals the fresh factor of the whole matrix plus δI.
        let points = PointMatrix(count: 3, dimension: 3, values: [0.2, 0.3, 0.4, 0.2, 0.3, 0.4, 0.9, 0.1, 0.5])
        let a = Self.kernelMatrix(points, noise: 0)
        let (head, cross, tail) = Self.blocks(a, order: 3, split: 2)
        let base = try CholeskyFactor(symmetric: head, order: 2)
        #expect(base.jitter > 0)
        let extended = try base.appending(cross: cross, block: tail, count: 1)
        var shifted = a
        for i in 0..<3 { shifted[i * 3 + i] += base.jitter }
        let fresh = try CholeskyFactor(symmetric: shifted, order: 3)
        #expect(fresh.jitter == 0 && extended.jitter == base.jitter)
        for (e, f) in zip(extended.lower, fresh.lower) { #expect(abs(e - f) < 1e-9) }
    }

    @Test func aNewPointThatDuplicatesTheDataIsRefused() throws {
        let points = PointMatrix(count: 2, dimension: 3, values: [0.2, 0.3, 0.4, 0.2, 0.3, 0.4])
        let a = Self.kernelMatrix(points, noise: 0)
        let (head, cross, tail) = Self.blocks(a, order: 2, split: 1)
        #expect(throws: LinearAlgebraError.self) {
            try CholeskyFactor(symmetric: head, order: 1).appending(cross: cross, block: tail, count: 1)
        }
    }

    @Test func aConditionedModelEqualsOneBuiltOnAllThePoints() throws {
        let theta = GaussianProcess.Hyperparameters(signalVariance: 1.3, lengthScales: [0.4, 0.7, 0.25],
                                                    noiseVariance: 1e-3)
        let all = Self.randomPoints(33, seed: 11)
        let y = (0..<33).map { i in sin(6 * all.values[3 * i]) + all.values[3 * i + 1] }
        let map = GaussianProcess.Standardization(fitting: y)
        let z = y.map(map.standardize)
        let head = all.selecting(Array(0..<30)), tail = all.selecting(Array(30..<33))
        let base = try GaussianProcess(points: head, standardizedTargets: Array(z[0..<30]), standardization: map,
                                       hyperparameters: theta)
        let conditioned = try base.conditioned(on: tail, standardizedTargets: Array(z[30...]))
        let fresh = try GaussianProcess(points: all, standardizedTargets: z, standardization: map, hyperparameters: theta)
        #expect(conditioned.count == 33)
        #expect(isClose(conditioned.logMarginalLikelihood, fresh.logMarginalLikelihood, relative: 1e-10, absolute: 1e-10))
        let probes = Self.randomPoints(20, seed: 12)
        let (m1, v1) = conditioned.standardizedPosterior(probes), (m2, v2) = fresh.standardizedPosterior(probes)
        for j in 0..<20 {
            #expect(isClose(m1[j], m2[j], relative: 1e-9, absolute: 1e-10))
            #expect(isClose(v1[j], v2[j], relative: 1e-9, absolute: 1e-10))
        }
    }

    @Test func aPendingPointOnTopOfAnObservationStillGivesAModel() throws {
        // Nearly noise-free data and a pending point on top of an observation: the extension's
        // Schur complement is at rounding level (where it is not positive the model is factored
        // afresh with jitter); either way the model interpolates the observation.
        let theta = GaussianProcess.Hyperparameters(signalVariance: 1, lengthScales: [0.4, 0.7, 0.25],
                                                    noiseVariance: 1e-12)
        let head = Self.randomPoints(5, seed: 3)
        let base = try GaussianProcess(points: head, standardizedTargets: [0.1, -0.4, 1.2, 0.3, -1.2],
                                       standardization: GaussianProcess.Standardization(mean: 0, scale: 1),
                                       hyperparameters: theta)
        let conditioned = try base.conditioned(on: head.selecting([2]), standardizedTargets: [1.2])
        #expect(conditioned.count == 6)
        let (mean, variance) = conditioned.standardizedPosterior(head.selecting([2]))
        #expect(abs(mean[0] - 1.2) < 1e-6 && variance[0] < 1e-6)
    }
}
