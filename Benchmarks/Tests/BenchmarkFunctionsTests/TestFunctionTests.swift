import Foundation
import Testing
@testable import BenchmarkFunctions

/// Each problem reaches its stated minimum at its stated minimizer, and nowhere lower on a
/// dense random sample of its box.
@Suite struct TestFunctionTests {
    @Test(arguments: TestFunction.all.map(\.name))
    func theMinimizerGivesTheMinimum(_ name: String) throws {
        let f = try #require(TestFunction.named(name))
        #expect(abs(f.evaluate(f.minimizer) - f.minimum) < 1e-5, "\(name): f(x*) = \(f.evaluate(f.minimizer))")
        #expect(f.minimizer.count == f.dimension)
        for (x, range) in zip(f.minimizer, f.bounds) { #expect(range.contains(x)) }
    }

    @Test(arguments: TestFunction.all.map(\.name))
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

    @Test func budgetsAreFiftyUpToThreeDimensionsElseAHundred() {
        #expect(TestFunction.all.map(\.budget) == [50, 100, 100, 100, 100, 100, 100])
    }
}
