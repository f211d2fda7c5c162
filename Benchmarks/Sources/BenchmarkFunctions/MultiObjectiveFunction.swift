import Foundation
import Search

/// A multi-objective test problem over [0, 1]^d with two objectives to minimize and the fixed
/// reference point the benchmark measures hypervolume against (definitions as
/// `Benchmarks/multiobjective/problems.py` has them for the peers; a test checks they agree).
public struct MultiObjectiveFunction: Sendable {
    /// Its name in tables and on the command line (`zdt1`, `zdt2`, `dtlz2`).
    public let name: String
    /// The number of coordinates.
    public let dimension: Int
    /// The hypervolume's reference point.
    public let reference: [Double]
    /// The true front's hypervolume against `reference`.
    public let optimalHypervolume: Double
    /// The objective vector at x ∈ [0, 1]^d.
    public let evaluate: @Sendable ([Double]) -> [Double]

    /// The search space `x1 … xd`, each uniform on [0, 1].
    public var space: SearchSpace {
        try! SearchSpace((1...dimension).map { Parameter("x\($0)", .real(low: 0, high: 1, log: false)) })
    }

    /// The objectives at a configuration of `space`.
    public func evaluate(_ configuration: Configuration) -> [Double] {
        evaluate((1...dimension).map { configuration["x\($0)"]!.numericValue! })
    }

    /// The benchmark's three synthetic problems, d = 6.
    public static let all: [MultiObjectiveFunction] = [.zdt1, .zdt2, .dtlz2]

    /// The problem called `name`.
    public static func named(_ name: String) -> MultiObjectiveFunction? { all.first { $0.name == name } }

    /// ZDT1 (Zitzler, Deb & Thiele 2000): f₁ = x₁, g = 1 + 9/(d−1)·Σᵢ₌₂ xᵢ,
    /// f₂ = g·(1 − √(f₁/g)); convex front f₂ = 1 − √f₁ at x₂ = … = 0. Reference (11, 11), as BoTorch's.
    public static let zdt1 = MultiObjectiveFunction(name: "zdt1", dimension: 6, reference: [11, 11],
                                                    optimalHypervolume: 120 + 2.0 / 3) { x in
        let g = zdtG(x)
        return [x[0], g * (1 - (x[0] / g).squareRoot())]
    }

    /// ZDT2: as ZDT1 with f₂ = g·(1 − (f₁/g)²); concave front f₂ = 1 − f₁². Reference (11, 11).
    public static let zdt2 = MultiObjectiveFunction(name: "zdt2", dimension: 6, reference: [11, 11],
                                                    optimalHypervolume: 120 + 1.0 / 3) { x in
        let g = zdtG(x)
        return [x[0], g * (1 - (x[0] / g) * (x[0] / g))]
    }

    /// DTLZ2 with two objectives (Deb, Thiele, Laumanns & Zitzler 2002): g = Σᵢ₌₂ (xᵢ − ½)²,
    /// f₁ = (1 + g)·cos(πx₁/2), f₂ = (1 + g)·sin(πx₁/2); front the quarter circle at xᵢ = ½.
    /// Reference (1.1, 1.1).
    public static let dtlz2 = dtlz2(objectives: 2)

    /// DTLZ2 with `objectives` objectives in d = 6: g = Σᵢ≥M (xᵢ − ½)², and
    /// fⱼ = (1 + g)·Π_{i<M−j} cos(πxᵢ/2)·(j > 1 ? sin(πx_{M−j+1}/2) : 1); its front is the unit
    /// sphere's positive part. Reference 1.1 in every objective.
    public static func dtlz2(objectives m: Int) -> MultiObjectiveFunction {
        let sphere = m == 2 ? 1.21 - Double.pi / 4 : pow(1.1, Double(m)) - pow(Double.pi, Double(m) / 2)
            / tgamma(Double(m) / 2 + 1) / pow(2, Double(m))
        return MultiObjectiveFunction(name: m == 2 ? "dtlz2" : "dtlz2-\(m)", dimension: 6,
                                      reference: [Double](repeating: 1.1, count: m), optimalHypervolume: sphere) { x in
            let g = x.dropFirst(m - 1).reduce(0) { $0 + ($1 - 0.5) * ($1 - 0.5) }
            return (1...m).map { j in
                var f = 1 + g
                for i in 0..<(m - j) { f *= cos(Double.pi * x[i] / 2) }
                if j > 1 { f *= sin(Double.pi * x[m - j] / 2) }
                return f
            }
        }
    }

    private static func zdtG(_ x: [Double]) -> Double {
        1 + 9 / Double(x.count - 1) * x.dropFirst().reduce(0, +)
    }
}
