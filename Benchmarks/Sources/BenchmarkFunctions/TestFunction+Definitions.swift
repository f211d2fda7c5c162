import Foundation

extension TestFunction {
    /// Branin–Hoo on [-5, 10] × [0, 15]: three global minima of 5/(4π)·… = 0.397887.
    public static let branin = TestFunction(
        name: "branin", bounds: [-5...10, 0...15], minimum: 0.39788735772973816, minimizer: [Double.pi, 2.275]
    ) { x in
        let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
        let q = x[1] - b * x[0] * x[0] + c * x[0] - 6
        return q * q + 10 * (1 - t) * cos(x[0]) + 10
    }

    /// Hartmann 6-D on [0, 1]^6: −Σ αᵢ exp(−Σ Aᵢⱼ (xⱼ − Pᵢⱼ)²), minimum −3.32237.
    public static let hartmann6 = TestFunction(
        name: "hartmann6", bounds: Array(repeating: 0...1, count: 6), minimum: -3.322368011415515,
        minimizer: [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054]
    ) { x in
        let alpha = [1.0, 1.2, 3.0, 3.2]
        let a: [[Double]] = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
                             [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
        let p: [[Double]] = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                             [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
        var sum = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<6 { inner += a[i][j] * (x[j] - p[i][j] * 1e-4) * (x[j] - p[i][j] * 1e-4) }
            sum += alpha[i] * exp(-inner)
        }
        return -sum
    }

    /// Ackley on [-32.768, 32.768]^d: −20 exp(−0.2 √(Σx²/d)) − exp(Σcos(2πx)/d) + 20 + e, minimum 0 at 0.
    public static func ackley(_ d: Int) -> TestFunction {
        TestFunction(name: "ackley\(d)", bounds: Array(repeating: -32.768...32.768, count: d), minimum: 0,
                     minimizer: Array(repeating: 0, count: d)) { x in
            let n = Double(x.count)
            let squares = x.reduce(0) { $0 + $1 * $1 }
            let cosines = x.reduce(0) { $0 + cos(2 * Double.pi * $1) }
            return -20 * exp(-0.2 * sqrt(squares / n)) - exp(cosines / n) + 20 + M_E
        }
    }

    /// Rosenbrock on [-5, 10]^d: Σ 100 (xᵢ₊₁ − xᵢ²)² + (xᵢ − 1)², minimum 0 at (1, …, 1).
    public static func rosenbrock(_ d: Int) -> TestFunction {
        TestFunction(name: "rosenbrock\(d)", bounds: Array(repeating: -5...10, count: d), minimum: 0,
                     minimizer: Array(repeating: 1, count: d)) { x in
            (0..<(x.count - 1)).reduce(0) { sum, i in
                let a = x[i + 1] - x[i] * x[i], b = x[i] - 1
                return sum + 100 * a * a + b * b
            }
        }
    }

    /// Levy on [-10, 10]^d with wᵢ = 1 + (xᵢ − 1)/4, minimum 0 at (1, …, 1).
    public static func levy(_ d: Int) -> TestFunction {
        TestFunction(name: "levy\(d)", bounds: Array(repeating: -10...10, count: d), minimum: 0,
                     minimizer: Array(repeating: 1, count: d)) { x in
            let w = x.map { 1 + ($0 - 1) / 4 }
            let first = pow(sin(Double.pi * w[0]), 2)
            let last = pow(w[w.count - 1] - 1, 2) * (1 + pow(sin(2 * Double.pi * w[w.count - 1]), 2))
            let middle = (0..<(w.count - 1)).reduce(0.0) { sum, i in
                sum + pow(w[i] - 1, 2) * (1 + 10 * pow(sin(Double.pi * w[i] + 1), 2))
            }
            return first + middle + last
        }
    }

    /// Styblinski–Tang on [-5, 5]^d: ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ), minimum −39.16617·d at xᵢ = −2.903534.
    public static func styblinskiTang(_ d: Int) -> TestFunction {
        let root = -2.9035340276126953
        let perCoordinate = 0.5 * (pow(root, 4) - 16 * root * root + 5 * root)
        return TestFunction(name: "styblinski_tang\(d)", bounds: Array(repeating: -5...5, count: d),
                            minimum: perCoordinate * Double(d), minimizer: Array(repeating: root, count: d)) { x in
            0.5 * x.reduce(0) { $0 + pow($1, 4) - 16 * $1 * $1 + 5 * $1 }
        }
    }

    /// Griewank on [-50, 100]^d (off-centre, so the optimum is not the box's middle):
    /// Σxᵢ²/4000 − Π cos(xᵢ/√i) + 1, minimum 0 at 0.
    public static func griewank(_ d: Int) -> TestFunction {
        TestFunction(name: "griewank\(d)", bounds: Array(repeating: -50...100, count: d), minimum: 0,
                     minimizer: Array(repeating: 0, count: d)) { x in
            let sum = x.reduce(0) { $0 + $1 * $1 } / 4000
            let product = x.enumerated().reduce(1.0) { $0 * cos($1.element / sqrt(Double($1.offset + 1))) }
            return sum - product + 1
        }
    }

    /// Hartmann6 embedded in [0, 1]^`d`: the first six coordinates are Hartmann6's, the other
    /// d − 6 are dummies the value ignores (a test of whether a method finds the few that matter).
    public static func hartmann6Embedded(_ d: Int) -> TestFunction {
        let inner = hartmann6
        return TestFunction(name: "hartmann6_\(d)", bounds: Array(repeating: 0...1, count: d), minimum: inner.minimum,
                            minimizer: inner.minimizer + Array(repeating: 0.5, count: d - 6)) { x in
            inner.evaluate(Array(x.prefix(6)))
        }
    }
}
