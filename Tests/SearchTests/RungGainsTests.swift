import Foundation
import Testing
@testable import Search

/// The gains from one rung to the next that put a stopped trial onto the top level's scale.
@Suite struct RungGainsTests {
    /// Two gains observed at level 0, 0.1 at x = 0.2 and 0.5 at x = 0.8, one at level 1 (0.05).
    static let observed: [[(x: [Double], gain: Double)]] = [[([0.2], 0.1), ([0.8], 0.5)], [([0.8], 0.05)]]

    /// With σ² = 1, ℓ = 0.5 and σₙ² = 10⁻⁸ (standardized), the gains standardize to z = (−1, 1)
    /// (mean 0.3, scale 0.2) and K = [[1 + σₙ², ρ(1.2)], [ρ(1.2), 1 + σₙ²]], so K⁻¹z = z / (1 + σₙ² − ρ(1.2))
    /// and at x = 0.65, k(x, X) = (ρ(0.9), ρ(0.3)):
    ///     ĝ₀(0.65) = 0.3 + 0.2 · (ρ(0.3) − ρ(0.9)) / (1 + 10⁻⁸ − ρ(1.2))
    ///              = 0.3 + 0.2 · (0.930965 − 0.583084) / (1 − 0.415723) = 0.419081,
    /// ρ(r) = (1 + √5 r + 5r²/3) e^(−√5 r). Level 1 has one gain, below the two points a GP
    /// needs: its median, 0.05.
    @Test func aGaussianProcessGainIsItsPosteriorMean() {
        let theta = GaussianProcess.Hyperparameters(signalVariance: 1, lengthScales: [0.5], noiseVariance: 1e-8)
        let gains = RungGains(observed: Self.observed, estimate: .gaussianProcess(minimumPoints: 2), dimension: 1,
                              hyperparameters: theta)
        #expect(abs(gains.shift(from: 0, to: 1, at: [0.65]) - 0.419081) < 1e-6)
        #expect(abs(gains.shift(from: 0, to: 2, at: [0.65]) - (0.419081 + 0.05)) < 1e-6)
        #expect(abs(gains.shift(from: 1, to: 2, at: [0.65]) - 0.05) < 1e-12)
        #expect(gains.shift(from: 2, to: 2, at: [0.65]) == 0)
        // At an observed configuration the (nearly noise-free) model returns its gain.
        #expect(abs(gains.shift(from: 0, to: 1, at: [0.2]) - 0.1) < 1e-6)
    }

    /// Capped, a learned gain is at most the level's median (0.3 here): 0.419 at x = 0.65
    /// becomes 0.3; 0.1 at x = 0.2 stays.
    @Test func aCappedGainNeverExceedsTheMedian() {
        let theta = GaussianProcess.Hyperparameters(signalVariance: 1, lengthScales: [0.5], noiseVariance: 1e-8)
        let gains = RungGains(observed: Self.observed, estimate: .gaussianProcess(minimumPoints: 2, capped: true),
                              dimension: 1, hyperparameters: theta)
        #expect(abs(gains.shift(from: 0, to: 1, at: [0.65]) - 0.3) < 1e-12)
        #expect(abs(gains.shift(from: 0, to: 1, at: [0.2]) - 0.1) < 1e-6)
    }

    /// The median estimate is one number per level, whatever the configuration.
    @Test func theMedianGainIsTheSameEverywhere() {
        let gains = RungGains(observed: Self.observed, estimate: .median, dimension: 1)
        for x in [0.0, 0.2, 0.65, 1.0] {
            #expect(abs(gains.shift(from: 0, to: 2, at: [x]) - 0.35) < 1e-12)
        }
    }

    /// Below `minimumPoints` observed gains a level keeps the median.
    @Test func tooFewGainsKeepTheMedian() {
        let gains = RungGains(observed: Self.observed, estimate: .gaussianProcess(minimumPoints: 3), dimension: 1)
        #expect(abs(gains.shift(from: 0, to: 1, at: [0.65]) - 0.3) < 1e-12)
    }
}
