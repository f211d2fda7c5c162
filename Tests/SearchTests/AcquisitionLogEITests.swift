import Foundation
import Testing
@testable import Search

/// log EI and the tail functions against mpmath at 60 digits (Fixtures/make_gp_fixtures.py).
@Suite struct AcquisitionLogEITests {
    static let fixtures = GaussianProcessFixtures.shared

    @Test func logHMatchesReferenceFromFarTailToFarRight() {
        for row in Self.fixtures.logH {
            let value = LogExpectedImprovement.logH(row.z)
            // 1e-13 relative: the far tail values are huge (−5·10¹¹ at z = −10⁶), the central ones O(1).
            #expect(isClose(value, row.logH, relative: 1e-13, absolute: 1e-13), "log h(\(row.z)) = \(value)")
        }
    }

    @Test func logHDerivativeMatchesReference() {
        for row in Self.fixtures.logH {
            let d = LogExpectedImprovement.logHWithDerivative(row.z).derivative
            #expect(isClose(d, row.derivative, relative: 1e-12), "(log h)′(\(row.z)) = \(d)")
        }
    }

    @Test func erfcxMatchesReference() {
        for row in Self.fixtures.erfcx {
            let v = NormalFunctions.erfcx(row.x)
            #expect(isClose(v, row.erfcx, relative: 1e-14), "erfcx(\(row.x)) = \(v)")
        }
    }

    @Test func logEIMatchesReference() {
        for row in Self.fixtures.logEI {
            let v = LogExpectedImprovement.value(mean: row.mean, variance: row.variance, best: row.best)
            #expect(isClose(v, row.logEI, relative: 1e-13, absolute: 1e-13),
                    "log EI(μ \(row.mean), σ² \(row.variance), best \(row.best)) = \(v)")
        }
    }

    @Test func logHIsFiniteAndIncreasingEverywhere() {
        var previous = -Double.infinity
        var z = -1e6
        while z < 100 {
            let v = LogExpectedImprovement.logH(z)
            #expect(v.isFinite && v > previous, "log h(\(z)) = \(v) after \(previous)")
            previous = v
            z = z < -20 ? z * 0.9 : z + 0.01
        }
    }

    @Test(arguments: [-1.0, -12.0])
    func logHIsContinuousAcrossItsBranches(_ boundary: Double) {
        let below = LogExpectedImprovement.logHWithDerivative(boundary.nextDown)
        let above = LogExpectedImprovement.logHWithDerivative(boundary.nextUp)
        #expect(isClose(below.value, above.value, relative: 1e-14, absolute: 1e-14))
        #expect(isClose(below.derivative, above.derivative, relative: 1e-13))
    }

    @Test(arguments: [(0.3, 0.5, 0.0), (2.0, 0.01, -1.0), (-0.5, 2.0, 0.0), (40.0, 1.0, 0.0)])
    func derivativesInMeanAndVarianceMatchFiniteDifferences(_ mean: Double, _ variance: Double, _ best: Double) {
        let a = LogExpectedImprovement.valueWithDerivatives(mean: mean, variance: variance, best: best)
        let h = 1e-6
        let dMean = (LogExpectedImprovement.value(mean: mean + h, variance: variance, best: best)
            - LogExpectedImprovement.value(mean: mean - h, variance: variance, best: best)) / (2 * h)
        let hv = 1e-6 * variance
        let dVariance = (LogExpectedImprovement.value(mean: mean, variance: variance + hv, best: best)
            - LogExpectedImprovement.value(mean: mean, variance: variance - hv, best: best)) / (2 * hv)
        #expect(isClose(a.dMean, dMean, relative: 1e-6, absolute: 1e-8))
        #expect(isClose(a.dVariance, dVariance, relative: 1e-6, absolute: 1e-8))
    }

    @Test func expectedImprovementMatchesItsClosedFormInTheBulk() {
        // EI = (best − μ)Φ(z) + σφ(z), straight from the definition, where nothing underflows.
        let (mean, variance, best) = (0.4, 0.09, 0.1)
        let sigma = variance.squareRoot(), z = (best - mean) / sigma
        let ei = (best - mean) * 0.5 * erfc(-z / 2.0.squareRoot()) + sigma * exp(-z * z / 2) / (2 * Double.pi).squareRoot()
        #expect(isClose(exp(LogExpectedImprovement.value(mean: mean, variance: variance, best: best)), ei,
                        relative: 1e-13))
    }
}
