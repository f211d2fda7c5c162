import Foundation
import Testing
@testable import Search

/// The Gaussian process against numpy/scipy reference values (Fixtures/make_gp_fixtures.py).
@Suite struct GaussianProcessTests {
    static let cases = GaussianProcessFixtures.shared.gp

    static func model(_ c: GaussianProcessFixtures.GPCase) throws -> GaussianProcess {
        try GaussianProcess(inputs: c.inputs, targets: c.targets,
                            hyperparameters: .init(signalVariance: c.signalVariance, lengthScales: c.lengthScales,
                                                   noiseVariance: c.noiseVariance))
    }

    @Test(arguments: cases)
    func kernelMatchesReference(_ c: GaussianProcessFixtures.GPCase) {
        let k = MaternKernel(signalVariance: c.signalVariance, lengthScales: c.lengthScales)
        #expect(isClose(k(c.inputs[0], c.inputs[1]), c.kernelAtFirstPair, relative: 1e-14))
        #expect(k(c.inputs[0], c.inputs[0]) == c.signalVariance)
    }

    @Test(arguments: cases)
    func standardizesWithSampleMeanAndPopulationDeviation(_ c: GaussianProcessFixtures.GPCase) throws {
        let gp = try Self.model(c)
        #expect(isClose(gp.standardization.mean, c.standardizationMean, relative: 1e-14))
        #expect(isClose(gp.standardization.scale, c.standardizationScale, relative: 1e-13))
    }

    @Test(arguments: cases)
    func posteriorMatchesReference(_ c: GaussianProcessFixtures.GPCase) throws {
        let gp = try Self.model(c)
        #expect(gp.jitter == 0)
        let predictions = gp.predict(c.testPoints)
        let scale2 = c.standardizationScale * c.standardizationScale
        for (j, p) in predictions.enumerated() {
            // Means to 1e-9 of the output scale; variances to 1e-9 of the prior variance
            // (the variance at an observed point is a difference of nearly equal numbers).
            #expect(isClose(p.mean, c.posteriorMean[j], relative: 0, absolute: 1e-9 * c.standardizationScale),
                    "mean at test point \(j)")
            #expect(isClose(p.variance, c.posteriorVariance[j], relative: 0,
                            absolute: 1e-9 * scale2 * c.signalVariance), "variance at test point \(j)")
        }
    }

    @Test(arguments: cases)
    func singlePredictionEqualsBatchPrediction(_ c: GaussianProcessFixtures.GPCase) throws {
        let gp = try Self.model(c)
        let batch = gp.predict(c.testPoints)
        for (j, x) in c.testPoints.enumerated() {
            let single = gp.predict(x)
            #expect(isClose(single.mean, batch[j].mean, relative: 1e-13, absolute: 1e-13))
            #expect(isClose(single.variance, batch[j].variance, relative: 1e-11, absolute: 1e-13))
        }
    }

    @Test(arguments: cases)
    func logMarginalLikelihoodMatchesReference(_ c: GaussianProcessFixtures.GPCase) throws {
        let gp = try Self.model(c)
        #expect(isClose(gp.logMarginalLikelihood, c.logMarginalLikelihood, relative: 1e-10, absolute: 1e-10))
    }

    @Test(arguments: cases)
    func logMarginalLikelihoodGradientMatchesReference(_ c: GaussianProcessFixtures.GPCase) throws {
        let gradient = try Self.model(c).logMarginalLikelihoodGradient()
        #expect(gradient.count == c.lengthScales.count + 2)
        for (i, g) in gradient.enumerated() {
            #expect(isClose(g, c.gradient[i], relative: 1e-7, absolute: 1e-8), "component \(i)")
        }
    }

    @Test(arguments: cases)
    func logPosteriorGradientMatchesFiniteDifferences(_ c: GaussianProcessFixtures.GPCase) throws {
        // The fitting objective (likelihood plus the default priors) at hyperparameters away
        // from the fixture's, differentiated by central differences with step 1e-5 in log space.
        let d = c.lengthScales.count
        let points = PointMatrix(c.inputs, dimension: d)
        let map = GaussianProcess.Standardization(fitting: c.targets)
        let y = c.targets.map(map.standardize)
        let theta = [0.3] + (0..<d).map { -1.2 + 0.2 * Double($0) } + [-5.0]
        let prior = GaussianProcess.HyperparameterPrior.default
        let (_, gradient) = try #require(GaussianProcess.logPosterior(points: points, targets: y, logVector: theta,
                                                                      prior: prior))
        let h = 1e-5
        for i in theta.indices {
            var up = theta, down = theta
            up[i] += h
            down[i] -= h
            let fUp = try #require(GaussianProcess.logPosterior(points: points, targets: y, logVector: up, prior: prior))
            let fDown = try #require(GaussianProcess.logPosterior(points: points, targets: y, logVector: down,
                                                                  prior: prior))
            let numeric = (fUp.value - fDown.value) / (2 * h)
            #expect(isClose(gradient[i], numeric, relative: 1e-5, absolute: 1e-6), "component \(i)")
        }
    }

    @Test(arguments: cases)
    func posteriorGradientInTheInputMatchesFiniteDifferences(_ c: GaussianProcessFixtures.GPCase) throws {
        let gp = try Self.model(c)
        let x = c.testPoints[1]
        let at = gp.standardizedPosteriorWithGradient(at: x)
        let h = 1e-6
        for k in x.indices {
            var up = x, down = x
            up[k] += h
            down[k] -= h
            let pUp = gp.standardizedPosteriorWithGradient(at: up), pDown = gp.standardizedPosteriorWithGradient(at: down)
            #expect(isClose(at.meanGradient[k], (pUp.mean - pDown.mean) / (2 * h), relative: 1e-5, absolute: 1e-7))
            #expect(isClose(at.varianceGradient[k], (pUp.variance - pDown.variance) / (2 * h),
                            relative: 1e-5, absolute: 1e-7))
        }
    }

    @Test func constantTargetsGiveAFlatModelAtThatValue() throws {
        let gp = try GaussianProcess(inputs: [[0.1], [0.5], [0.9]], targets: [3, 3, 3],
                                     hyperparameters: .init(signalVariance: 1, lengthScales: [0.3], noiseVariance: 1e-6))
        #expect(gp.standardization.scale == 1)
        for x in [0.0, 0.3, 0.7, 1.0] {
            #expect(abs(gp.predict([x]).mean - 3) < 1e-12)
        }
    }

    @Test func priorIsRecoveredFarFromTheData() throws {
        let gp = try GaussianProcess(inputs: [[0.0, 0.0], [0.1, 0.0]], targets: [1, 2],
                                     hyperparameters: .init(signalVariance: 1.7, lengthScales: [0.05, 0.05],
                                                            noiseVariance: 1e-4))
        let far = gp.predict([1, 1])
        #expect(abs(far.mean - gp.standardization.mean) < 1e-9)
        #expect(isClose(far.variance, 1.7 * gp.standardization.scale * gp.standardization.scale, relative: 1e-9))
    }

    @Test func nonFiniteTargetsAreRejectedWithTheirIndex() {
        #expect(throws: GaussianProcessError.nonFiniteTarget(index: 1)) {
            try GaussianProcess(inputs: [[0.1], [0.2]], targets: [1, .nan],
                                hyperparameters: .init(signalVariance: 1, lengthScales: [0.3], noiseVariance: 1e-6))
        }
    }

    @Test func duplicatedInputsWithTinyNoiseStillFactorWithJitter() throws {
        // Two identical points and σₙ² far below rounding of the diagonal: K is exactly singular.
        let gp = try GaussianProcess(inputs: [[0.2, 0.2], [0.2, 0.2], [0.7, 0.1]], targets: [1, 1.5, 0],
                                     hyperparameters: .init(signalVariance: 1, lengthScales: [3, 3],
                                                            noiseVariance: 1e-20))
        #expect(gp.jitter > 0)
        #expect(gp.predict([0.2, 0.2]).mean.isFinite)
    }
}
