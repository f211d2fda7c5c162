import Foundation
import Testing
@testable import Search

/// Value generators and pre-sampled draws against independently computed references
/// (Fixtures/sweep_sequences.py: numpy; Fixtures/sweep_draws.py: a Python SplitMix64).
@Suite struct SweepGeneratorTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var text: String
        var values: [Double]
        var seed: UInt64?
        var name: String?
        var testDescription: String { text }
    }

    struct File: Decodable { var cases: [Case] }

    static func load(_ name: String) -> [Case] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }

    static func numbers(_ domain: Domain) -> [Double] {
        guard case .ordinal(let values) = domain else { return [] }
        return values.map { $0.numericValue ?? .nan }
    }

    @Test func fixturesArePresent() {
        #expect(Self.load("sweep_sequences").count == 30)
        #expect(Self.load("sweep_draws").count == 7)
    }

    /// Integer ranges give integers; everything else gives reals; values agree with numpy
    /// to 1e-14 relative (both are rounded to 15 significant digits).
    @Test(arguments: load("sweep_sequences"))
    func sequenceMatchesNumpy(_ c: Case) throws {
        let domain = try SweepSyntax.domain(of: c.text, flag: "--x", parameter: "x", seed: 0)
        guard case .ordinal(let values) = domain else { Issue.record("not ordinal: \(domain)"); return }
        #expect(values.count == c.values.count)
        let integerRange = c.text.hasPrefix("range") && !c.text.contains(".")
        for (v, expected) in zip(values, c.values) {
            if integerRange {
                #expect(v == .int(Int(expected)))
            } else {
                guard case .real(let x) = v else { Issue.record("not real: \(v)"); continue }
                #expect(abs(x - expected) <= 1e-14 * max(1, abs(expected)), "\(x) vs \(expected)")
            }
        }
    }

    @Test func floatRangeCommandLineTextIsTheDecimalAPersonWrites() throws {
        let domain = try SweepSyntax.domain(of: "range(0, 1, 0.1)", flag: "--x", parameter: "x", seed: 0)
        #expect(domain.values?.map(\.commandLineText) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
    }

    @Test(arguments: load("sweep_draws"))
    func drawsMatchTheReferenceStream(_ c: Case) throws {
        let domain = try SweepSyntax.domain(of: c.text, flag: "--\(c.name!)", parameter: c.name!, seed: c.seed!)
        let got = Self.numbers(domain)
        #expect(got.count == c.values.count)
        for (x, expected) in zip(got, c.values) {
            #expect(abs(x - expected) <= 1e-12 * max(1, abs(expected)), "\(x) vs \(expected)")
        }
        if c.text.hasPrefix("randint") || c.text.hasPrefix("lograndint") {
            #expect(domain.values?.allSatisfy { if case .int = $0 { return true } else { return false } } == true)
        }
    }

    @Test func drawsAreFixedBySeedAndName() throws {
        func draw(_ seed: UInt64, _ name: String) throws -> Domain {
            try SweepSyntax.domain(of: "uniform(0, 1, 4)", flag: "--\(name)", parameter: name, seed: seed)
        }
        #expect(try draw(5, "lr") == draw(5, "lr"))
        #expect(try draw(5, "lr") != draw(6, "lr"))
        #expect(try draw(5, "lr") != draw(5, "momentum"))
    }

    @Test func drawsStayInsideTheirBoundsAndDiffer() throws {
        let reals = Self.numbers(try SweepSyntax.domain(of: "loguniform(1e-4, 1e-2, 1000)", flag: "--x", parameter: "x", seed: 1))
        #expect(reals.count == 1000 && Set(reals).count == 1000)
        #expect(reals.allSatisfy { $0 >= 1e-4 && $0 <= 1e-2 })
        let ints = Self.numbers(try SweepSyntax.domain(of: "randint(-2, 2, 5)", flag: "--x", parameter: "x", seed: 1))
        #expect(Set(ints) == [-2, -1, 0, 1, 2])
    }

    /// 100 000 draws: the mean is within 5 standard errors (5/√n ≈ 0.016) of 0 and the
    /// standard deviation within 0.02 of 1.
    @Test func normalDrawsHaveTheirMoments() throws {
        let x = Self.numbers(try SweepSyntax.domain(of: "normal(0, 1, 100000)", flag: "--x", parameter: "x", seed: 11))
        let mean = x.reduce(0, +) / Double(x.count)
        let sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
        #expect(abs(mean) < 0.016)
        #expect(abs(sd - 1) < 0.02)
    }

    /// loguniform draws are uniform in log10: over [1e-4, 1], each decade holds a quarter
    /// of 20 000 draws, within 5 binomial standard deviations (5·√(n·¼·¾) ≈ 306).
    @Test func loguniformDrawsAreUniformInLogSpace() throws {
        let x = Self.numbers(try SweepSyntax.domain(of: "loguniform(1e-4, 1, 20000)", flag: "--x", parameter: "x", seed: 12))
        for decade in -4 ..< 0 {
            let n = x.filter { log10($0) >= Double(decade) && log10($0) < Double(decade + 1) }.count
            #expect(abs(n - 5000) < 306, "decade \(decade): \(n)")
        }
    }
}
