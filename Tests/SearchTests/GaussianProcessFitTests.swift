import Foundation
import Testing
@testable import Search

/// Hyperparameter fitting: maximum a posteriori with a bounded L-BFGS from several starts.
@Suite struct GaussianProcessFitTests {
    static func points(_ count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
        let halton = ScrambledHalton(dimension: dimension, seed: seed)
        return (0..<count).map { halton.point($0) }
    }

    @Test func aSmoothNoiseFreeFunctionIsInterpolatedWithLittleNoise() throws {
        let xs = Self.points(15, dimension: 1, seed: 1)
        let f = { (x: [Double]) in sin(6 * x[0]) + 0.5 * x[0] }
        let gp = try GaussianProcess.fit(inputs: xs, targets: xs.map(f), dimension: 1)
        #expect(gp.hyperparameters.noiseVariance < 1e-3, "\(gp.hyperparameters)")
        for x in Self.points(50, dimension: 1, seed: 2) {
            #expect(abs(gp.predict(x).mean - f(x)) < 0.05, "at \(x[0])")
        }
    }

    @Test func anIrrelevantDimensionGetsALongLengthScale() throws {
        let xs = Self.points(30, dimension: 2, seed: 3)
        let gp = try GaussianProcess.fit(inputs: xs, targets: xs.map { sin(6 * $0[0]) }, dimension: 2)
        let l = gp.hyperparameters.lengthScales
        #expect(l[1] > 5 * l[0], "length scales \(l)")
    }

    @Test func theNoiseLevelOfANoisyFunctionIsEstimated() throws {
        // y = sin(6x) + N(0, 0.3²) at 60 points: the fitted noise variance, in the observed
        // units, lands within a factor 2 of the true 0.09.
        var rng = SplitMix64(seed: 1)
        let xs = Self.points(60, dimension: 1, seed: 1)
        let gp = try GaussianProcess.fit(inputs: xs, targets: xs.map { sin(6 * $0[0]) + 0.3 * rng.nextGaussian() },
                                         dimension: 1)
        let noise = gp.hyperparameters.noiseVariance * gp.standardization.scale * gp.standardization.scale
        #expect(noise > 0.045 && noise < 0.18, "noise variance \(noise)")
    }

    @Test func theFitImprovesOnTheDefaultStartAndIsFixedBySeed() throws {
        let xs = Self.points(25, dimension: 3, seed: 7)
        let ys = xs.map { x in x[0] * x[0] - x[1] + 0.3 * sin(9 * x[2]) }
        let options = GaussianProcess.FitOptions()
        let gp = try GaussianProcess.fit(inputs: xs, targets: ys, dimension: 3, options: options, seed: 1)
        let again = try GaussianProcess.fit(inputs: xs, targets: ys, dimension: 3, options: options, seed: 1)
        // Equal up to rounding: OpenBLAS's SIMD kernels may sum in another order when an
        // array lands on another alignment, which the optimizer carries to ~1e-10.
        for (a, b) in zip(gp.hyperparameters.logVector, again.hyperparameters.logVector) {
            #expect(abs(a - b) <= 1e-8 * max(1, abs(a)), "log hyperparameters \(a) and \(b)")
        }
        let points = PointMatrix(xs, dimension: 3), y = ys.map(gp.standardization.standardize)
        let fitted = GaussianProcess.logPosterior(points: points, targets: y, logVector: gp.hyperparameters.logVector,
                                                  prior: options.prior)!.value
        let start = GaussianProcess.logPosterior(points: points, targets: y,
                                                 logVector: GaussianProcess.defaultHyperparameters(dimension: 3).logVector,
                                                 prior: options.prior)!.value
        #expect(fitted > start + 1, "fitted \(fitted), default start \(start)")
    }

    @Test func aWorkspaceReusedAcrossHyperparametersGivesWhatAFreshOneGives() throws {
        // The fit evaluates tens of θ in one workspace: nothing of one evaluation may leak
        // into the next.
        let xs = Self.points(40, dimension: 3, seed: 4)
        let points = PointMatrix(xs, dimension: 3)
        let y = xs.map { x in sin(5 * x[0]) + x[1] * x[2] }
        let likelihood = MarginalLikelihood(points: points, targets: y)
        let workspace = MarginalLikelihood.Workspace(count: 40, dimension: 3)
        let thetas = [GaussianProcess.Hyperparameters(signalVariance: 2, lengthScales: [0.2, 0.9, 0.4], noiseVariance: 1e-4),
                      GaussianProcess.Hyperparameters(signalVariance: 0.5, lengthScales: [0.6, 0.1, 1.5], noiseVariance: 0.05)]
        for theta in thetas + thetas.reversed() {
            let reused = try likelihood.evaluate(theta, in: workspace)
            let fresh = try likelihood.evaluate(theta)
            #expect(reused.value == fresh.value && reused.gradient == fresh.gradient, "at \(theta)")
        }
    }

    @Test func aScreenedFitReachesTheMultiStartOptimum() throws {
        // Every start runs 5 iterations, then only the best goes on: on a function with one
        // clear optimum it ends where the full multi-start search does.
        let xs = Self.points(40, dimension: 3, seed: 9)
        let ys = xs.map { x in x[0] * x[0] - x[1] + 0.3 * sin(9 * x[2]) }
        var screened = GaussianProcess.FitOptions(randomStarts: 4)
        screened.screenIterations = 5
        let full = try GaussianProcess.fit(inputs: xs, targets: ys, dimension: 3,
                                           options: GaussianProcess.FitOptions(randomStarts: 4), seed: 2)
        let fast = try GaussianProcess.fit(inputs: xs, targets: ys, dimension: 3, options: screened, seed: 2)
        let points = PointMatrix(xs, dimension: 3), y = ys.map(full.standardization.standardize)
        func logPosterior(_ gp: GaussianProcess) -> Double {
            GaussianProcess.logPosterior(points: points, targets: y, logVector: gp.hyperparameters.logVector,
                                         prior: screened.prior)!.value
        }
        #expect(abs(logPosterior(fast) - logPosterior(full)) < 0.01, "screened \(logPosterior(fast)), full \(logPosterior(full))")
    }

    @Test func fittedHyperparametersStayWithinTheirBounds() throws {
        // Two far-apart clusters of equal values pull the length scale up and the noise down.
        let xs: [[Double]] = [[0.0], [0.001], [0.002], [0.998], [0.999], [1.0]]
        let gp = try GaussianProcess.fit(inputs: xs, targets: [1, 1, 1, 1, 1, 1.000001], dimension: 1)
        let b = GaussianProcess.HyperparameterBounds()
        let h = gp.hyperparameters
        #expect(b.signalVariance.contains(h.signalVariance) && b.noiseVariance.contains(h.noiseVariance))
        #expect(h.lengthScales.allSatisfy(b.lengthScale.contains))
    }

    @Test func manyObservationsAreFittedOnASubsetAndConditionedOnAll() throws {
        let xs = Self.points(60, dimension: 2, seed: 8)
        let ys = xs.map { $0[0] - $0[1] }
        let gp = try GaussianProcess.fit(inputs: xs, targets: ys, dimension: 2, options: .init(maxPoints: 20))
        #expect(gp.count == 60)
        #expect(abs(gp.predict([0.5, 0.25]).mean - 0.25) < 0.01)
    }
}
