import Foundation
import Testing
@testable import BenchmarkFunctions

/// Each problem reaches its stated minimum at its stated minimizer, and nowhere lower on a
/// dense random sample of its box.
@Suite struct TestFunctionTests {
    @Test(arguments: (TestFunction.all + TestFunction.highDimensional).map(\.name))
    func theMinimizerGivesTheMinimum(_ name: String) throws {
        let f = try #require(TestFunction.named(name))
        #expect(abs(f.evaluate(f.minimizer) - f.minimum) < 1e-5, "\(name): f(x*) = \(f.evaluate(f.minimizer))")
        #expect(f.minimizer.count == f.dimension)
        for (x, range) in zip(f.minimizer, f.bounds) { #expect(range.contains(x)) }
    }

    @Test(arguments: (TestFunction.all + TestFunction.highDimensional).map(\.name))
    func nothingInTheBoxIsLower(_ name: String) throws {
        let f = try #require(TestFunction.named(name))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = f.bounds.map { Double.random(in: $0, using: &rng) }
            #expect(f.evaluate(x) >= f.minimum - 1e-9)
        }
    }

    @Test func valuesAgreeWithTheLibraryAtAFixedPoint() {
        // Values at x = (0.5, …, 0.5) computed independently with Benchmarks/peers/functions.py.
        let expected: [String: Double] = [
            "branin": 40.86128170, "hartmann6": -0.50531499, "ackley5": 4.25365403, "rosenbrock4": 19.5,
            "levy6": 0.50241922, "styblinski_tang8": -5.75, "griewank10": 0.31308789,
        ]
        for f in TestFunction.all {
            let x = Array(repeating: 0.5, count: f.dimension)
            #expect(abs(f.evaluate(x) - expected[f.name]!) < 1e-7, "\(f.name): \(f.evaluate(x))")
        }
    }

    @Test func highDimensionalValuesAgreeWithTheLibraryOffTheDiagonal() {
        // Values at xₖ = low + frac(0.37k + 0.11)·(high − low), k = 0…d−1, from Benchmarks/peers/functions.py.
        let expected: [String: Double] = ["ackley20": 21.29087179, "rosenbrock20": 2548391.771,
                                          "hartmann6_30": -0.3597136303]
        for f in TestFunction.highDimensional {
            let x = f.bounds.enumerated().map { k, r in
                r.lowerBound + (0.37 * Double(k) + 0.11).truncatingRemainder(dividingBy: 1) * (r.upperBound - r.lowerBound)
            }
            let want = expected[f.name]!
            #expect(abs(f.evaluate(x) - want) < 1e-7 * max(1, abs(want)), "\(f.name): \(f.evaluate(x))")
        }
    }

    @Test func embeddedHartmannIgnoresItsDummyCoordinates() {
        let f = TestFunction.hartmann6Embedded(30)
        var x = f.minimizer
        for k in 6..<30 { x[k] = Double(k % 7) / 6 }
        #expect(f.evaluate(x) == f.evaluate(f.minimizer))
        #expect(f.dimension == 30)
    }

    @Test func budgetsAreFiftyUpToThreeDimensionsTwoHundredPastTenElseAHundred() {
        #expect(TestFunction.all.map(\.budget) == [50, 100, 100, 100, 100, 100, 100])
        #expect(TestFunction.highDimensional.map(\.budget) == [200, 200, 200])
    }
}
