import Foundation
import Testing
@testable import Search

/// The LAPACK wrappers and the bounded quasi-Newton method the Gaussian process is built on.
@Suite struct GaussianProcessLinearAlgebraTests {
    /// A = G Gᵀ + n I for a fixed pseudo-random G: symmetric positive definite.
    static func spd(_ n: Int) -> [Double] {
        var rng = SplitMix64(seed: 42)
        let g = (0..<(n * n)).map { _ in rng.nextUnit() - 0.5 }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n { a[j * n + i] += g[i * n + k] * g[j * n + k] } } }
        for i in 0..<n { a[i * n + i] += Double(n) }
        return a
    }

    @Test func factorReproducesTheMatrix() throws {
        let n = 30, a = Self.spd(n)
        let f = try CholeskyFactor(symmetric: a, order: n)
        #expect(f.jitter == 0)
        let l = f.lower
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += l[k * n + i] * l[k * n + j] }
                #expect(abs(s - a[j * n + i]) < 1e-12 * Double(n), "(\(i), \(j))")
                if j > i { #expect(l[j * n + i] == 0) }
            }
        }
    }

    @Test func solvesManyRightHandSidesAtOnce() throws {
        let n = 25, a = Self.spd(n)
        let f = try CholeskyFactor(symmetric: a, order: n)
        // B = A X for X = [1, 2, …] in column 0 and all −1 in column 1.
        let x = (0..<n).map { Double($0 + 1) } + [Double](repeating: -1, count: n)
        var b = [Double](repeating: 0, count: 2 * n)
        for c in 0..<2 { for i in 0..<n { for k in 0..<n { b[c * n + i] += a[k * n + i] * x[c * n + k] } } }
        let single = f.solve(Array(b[0..<n]))
        f.solve(&b, columns: 2)
        #expect(zip(b, x).allSatisfy { abs($0 - $1) < 1e-11 * max(1, abs($1)) })
        #expect(zip(single, Array(x[0..<n])).allSatisfy { abs($0 - $1) < 1e-11 * max(1, abs($1)) })
    }

    @Test func inverseAndDeterminantAgreeWithTheMatrix() throws {
        // A 2×2 case by hand: A = [[4, 2], [2, 3]], det 8, A⁻¹ = [[3, −2], [−2, 4]] / 8.
        let f = try CholeskyFactor(symmetric: [4, 2, 2, 3], order: 2)
        #expect(abs(f.logDeterminant - log(8)) < 1e-15)
        let inv = f.inverse()
        let expected: [Double] = [0.375, -0.25, -0.25, 0.5]
        for i in 0..<4 { #expect(abs(inv[i] - expected[i]) < 1e-15) }
        var b = [1.0, 1.0]
        f.solveLower(&b, columns: 1)  // L = [[2, 0], [1, √2]]
        #expect(abs(b[0] - 0.5) < 1e-15 && abs(b[1] - 0.5 / 2.0.squareRoot()) < 1e-15)
    }

    @Test func anIndefiniteMatrixIsRejectedAfterTheLargestJitter() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2, jitter: 1e-2)) {
            try CholeskyFactor(symmetric: [1, 2, 2, 1], order: 2)
        }
    }

    @Test func nonFiniteEntriesAreRejected() {
        #expect(throws: LinearAlgebraError.nonFiniteEntries(order: 2)) {
            try CholeskyFactor(symmetric: [1, .nan, .nan, 1], order: 2)
        }
    }

    @Test func boundedLBFGSFindsAnInteriorMinimum() {
        // Rosenbrock, minimum 0 at (1, 1), from (−1.2, 1) inside the box [−2, 2]².
        let result = BoundedLBFGS(maxIterations: 200, gradientTolerance: 1e-9, functionTolerance: 0)
            .minimize(start: [-1.2, 1], lower: [-2, -2], upper: [2, 2]) { x, g in
                let (a, b) = (1 - x[0], x[1] - x[0] * x[0])
                g[0] = -2 * a - 400 * x[0] * b
                g[1] = 200 * b
                return a * a + 100 * b * b
            }
        #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6, "\(result.x)")
    }

    @Test func boundedLBFGSStopsOnTheBoundWhereTheMinimumIsOutside() {
        // (x − 3)² + (y + 0.5)² on [0, 1]²: the box minimum is (1, 0), on two bounds at once.
        let result = BoundedLBFGS().minimize(start: [0.2, 0.9], lower: [0, 0], upper: [1, 1]) { x, g in
            g[0] = 2 * (x[0] - 3)
            g[1] = 2 * (x[1] + 0.5)
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 0.5) * (x[1] + 0.5)
        }
        #expect(result.x == [1, 0])
    }

    @Test func boundedLBFGSAdvancedInPiecesDoesWhatOneRunDoes() {
        // Rosenbrock again: 7 + 5 + the rest iterations reach the very point one call does,
        // with the same counts, because the curvature pairs carry over between calls.
        let f = { (x: [Double], g: inout [Double]) -> Double in
            let (a, b) = (1 - x[0], x[1] - x[0] * x[0])
            g[0] = -2 * a - 400 * x[0] * b
            g[1] = 200 * b
            return a * a + 100 * b * b
        }
        let optimizer = BoundedLBFGS(maxIterations: 60, gradientTolerance: 1e-9, functionTolerance: 0)
        let (lower, upper) = ([-2.0, -2.0], [2.0, 2.0])
        let whole = optimizer.minimize(start: [-1.2, 1], lower: lower, upper: upper, f)
        var state = optimizer.begin(start: [-1.2, 1], lower: lower, upper: upper, f)
        for piece in [7, 5, 100] { optimizer.advance(&state, iterations: piece, lower: lower, upper: upper, f) }
        #expect(state.x == whole.x && state.value == whole.value)
        #expect(state.iterations == whole.iterations && state.evaluations == whole.evaluations)
        #expect(whole.iterations > 12, "the pieces must split the run: \(whole.iterations) iterations")
    }

    @Test func boundedLBFGSBacksOffWhereTheObjectiveIsUndefined() {
        // −log(x) − log(1 − x) + 3x, +∞ outside (0, 1): the search must never accept such a step.
        let result = BoundedLBFGS().minimize(start: [0.5], lower: [-5], upper: [5]) { x, g in
            guard x[0] > 0 && x[0] < 1 else { return .infinity }
            g[0] = -1 / x[0] + 1 / (1 - x[0]) + 3
            return -log(x[0]) - log(1 - x[0]) + 3 * x[0]
        }
        // Stationary point: −1/x + 1/(1 − x) + 3 = 0, i.e. 3x² − 5x + 1 = 0, the root in (0, 1).
        let expected = (5 - 13.0.squareRoot()) / 6
        #expect(abs(result.x[0] - expected) < 1e-6, "\(result.x)")
    }
}
