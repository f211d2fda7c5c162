import Foundation
import Testing

/// Reference values made by Fixtures/make_gp_fixtures.py (numpy/scipy, mpmath at 60 digits).
struct GaussianProcessFixtures: Decodable {
    struct GPCase: Decodable, CustomTestStringConvertible {
        let name: String
        let inputs: [[Double]]
        let targets: [Double]
        let signalVariance: Double
        let lengthScales: [Double]
        let noiseVariance: Double
        let standardizationMean: Double
        let standardizationScale: Double
        let logMarginalLikelihood: Double
        let gradient: [Double]
        let testPoints: [[Double]]
        let posteriorMean: [Double]
        let posteriorVariance: [Double]
        let kernelAtFirstPair: Double

        var testDescription: String { name }
    }

    struct LogHRow: Decodable { let z: Double; let logH: Double; let derivative: Double }
    struct LogEIRow: Decodable { let mean: Double; let variance: Double; let best: Double; let logEI: Double }
    struct ErfcxRow: Decodable { let x: Double; let erfcx: Double }

    let gp: [GPCase]
    let logH: [LogHRow]
    let logEI: [LogEIRow]
    let erfcx: [ErfcxRow]

    static let shared: GaussianProcessFixtures = {
        let url = Bundle.module.url(forResource: "gp_fixtures", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(GaussianProcessFixtures.self, from: Data(contentsOf: url))
    }()
}

/// |a − b| ≤ absolute + relative·|b|.
func isClose(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(a - b) <= absolute + relative * abs(b)
}
