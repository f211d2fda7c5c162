import Foundation
import Testing
@testable import Search

@Suite struct AcquisitionLogEHVITests {
    /// E[HVI(Y)] by Monte Carlo, Y ~ N(mean, diag(variance)), with its standard error.
    static func monteCarlo(front: [[Double]], reference: [Double], mean: [Double], variance: [Double],
                           samples: Int) -> (mean: Double, standardError: Double) {
        let boxes = NondominatedBoxes(front: front, reference: reference)
        var rng = SplitMix64(seed: 42)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let y = mean.indices.map { mean[$0] + variance[$0].squareRoot() * rng.nextGaussian() }
            let v = boxes.improvement(of: y)
            sum += v
            sumSquares += v * v
        }
        let m = sum / Double(samples)
        return (m, ((sumSquares / Double(samples) - m * m) / Double(samples)).squareRoot())
    }

    /// The closed form against 200,000 draws, within four standard errors, in two and three
    /// objectives, near the front and behind it.
    @Test(arguments: [
        ([[1, 3], [2, 2], [3, 1]], [4, 4], [2.2, 2.5], [0.5, 0.8]),
        ([[1, 3], [2, 2], [3, 1]], [4, 4], [3.5, 3.5], [0.2, 0.1]),
        ([[1, 2, 3], [2, 3, 1], [3, 1, 2]], [4, 4, 4], [2, 2, 2], [0.3, 0.6, 0.4]),
    ] as [([[Double]], [Double], [Double], [Double])])
    func matchesMonteCarlo(front: [[Double]], reference: [Double], mean: [Double], variance: [Double]) {
        let boxes = NondominatedBoxes(front: front, reference: reference)
        let exact = exp(LogExpectedHypervolumeImprovement.value(mean: mean, variance: variance, boxes: boxes))
        let estimate = Self.monteCarlo(front: front, reference: reference, mean: mean, variance: variance,
                                       samples: 200_000)
        #expect(abs(exact - estimate.mean) < 4 * estimate.standardError + 1e-9,
                "exact \(exact), Monte Carlo \(estimate.mean) ± \(estimate.standardError)")
    }

    /// With almost no variance EHVI is the improvement of the mean itself.
    @Test func aCertainPointGetsItsOwnImprovement() {
        let front: [[Double]] = [[1, 3], [3, 1]]
        let boxes = NondominatedBoxes(front: front, reference: [4, 4])
        let value = exp(LogExpectedHypervolumeImprovement.value(mean: [2, 2], variance: [1e-14, 1e-14], boxes: boxes))
        #expect(abs(value - 1) < 1e-6)
    }

    /// Far behind the front, where EHVI underflows, the log stays finite and still ranks:
    /// the nearer of two hopeless points scores higher.
    @Test func farBehindTheFrontTheLogStaysFiniteAndOrdered() {
        let boxes = NondominatedBoxes(front: [[1, 3], [2, 2], [3, 1]], reference: [4, 4])
        let near = LogExpectedHypervolumeImprovement.value(mean: [30, 30], variance: [1, 1], boxes: boxes)
        let far = LogExpectedHypervolumeImprovement.value(mean: [40, 40], variance: [1, 1], boxes: boxes)
        #expect(near.isFinite && far.isFinite)
        #expect(near < -300)
        #expect(far < near)
    }

    /// An empty front: the expected volume under the reference point.
    @Test func anEmptyFrontScoresTheVolumeUnderTheReference() {
        let boxes = NondominatedBoxes(front: [], reference: [0, 0])
        let value = exp(LogExpectedHypervolumeImprovement.value(mean: [-1, -2], variance: [1e-14, 1e-14], boxes: boxes))
        #expect(abs(value - 2) < 1e-6)
    }

    /// The analytic derivatives in the means and variances match central differences, near the
    /// front, behind it and in three objectives.
    @Test(arguments: [
        ([[1, 3], [2, 2], [3, 1]], [4, 4], [2.2, 2.5], [0.5, 0.8]),
        ([[1, 3], [2, 2], [3, 1]], [4, 4], [6, 7], [0.3, 0.2]),
        ([[1, 2, 3], [2, 3, 1], [3, 1, 2]], [4, 4, 4], [2, 2.5, 1.5], [0.3, 0.6, 0.4]),
    ] as [([[Double]], [Double], [Double], [Double])])
    func derivativesMatchFiniteDifferences(front: [[Double]], reference: [Double], mean: [Double], variance: [Double]) {
        let boxes = NondominatedBoxes(front: front, reference: reference)
        let analytic = LogExpectedHypervolumeImprovement.valueWithDerivatives(mean: mean, variance: variance, boxes: boxes)
        #expect(abs(analytic.value - LogExpectedHypervolumeImprovement.value(mean: mean, variance: variance, boxes: boxes)) < 1e-12)
        let h = 1e-6
        for a in mean.indices {
            var up = mean, down = mean
            up[a] += h
            down[a] -= h
            let dMean = (LogExpectedHypervolumeImprovement.value(mean: up, variance: variance, boxes: boxes)
                - LogExpectedHypervolumeImprovement.value(mean: down, variance: variance, boxes: boxes)) / (2 * h)
            var vUp = variance, vDown = variance
            vUp[a] += h
            vDown[a] -= h
            let dVariance = (LogExpectedHypervolumeImprovement.value(mean: mean, variance: vUp, boxes: boxes)
                - LogExpectedHypervolumeImprovement.value(mean: mean, variance: vDown, boxes: boxes)) / (2 * h)
            #expect(abs(analytic.dMean[a] - dMean) < 1e-5 * max(1, abs(dMean)), "mean \(a): \(analytic.dMean[a]) vs \(dMean)")
            #expect(abs(analytic.dVariance[a] - dVariance) < 1e-5 * max(1, abs(dVariance)),
                    "variance \(a): \(analytic.dVariance[a]) vs \(dVariance)")
        }
    }
}
