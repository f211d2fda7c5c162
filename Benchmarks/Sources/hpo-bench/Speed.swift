import ArgumentParser
import BenchmarkFunctions
import Foundation
import Search

/// `hpo-bench speed`: time per bayes suggestion against the number of observations.
struct Speed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seconds per bayes suggestion (single and batches of 8 and 32) against n observations, d = 6.",
        discussion: """
            n observations of Hartmann6 at seeded random points; the median of --repeats
            timings of suggest(count: 1), suggest(count: 8) and suggest(count: 32) with those
            as completed trials, and one tpe suggestion. Beside them, the floor: one LAPACK Cholesky (dpotrf) of an
            n × n kernel matrix. Writes one JSON line per n.
            """
    )

    @Option(help: "Comma-separated observation counts.")
    var n = "50,100,200,500,1000,2000,5000"

    @Option(help: "Batch sizes timed besides single suggestions, up to this n (larger n: single only).")
    var batchesUpTo = 5000

    @Option(help: "Timings per figure (the median counts).")
    var repeats = 3

    @Option(help: "Append JSON lines here (default: stdout).")
    var out: String?

    struct Record: Codable {
        var n: Int
        var dimension: Int
        var single_s: Double
        var batch8_s: Double?
        var batch32_s: Double?
        var cholesky_s: Double
        /// One tpe suggestion with the same observations.
        var tpe_s: Double?
    }

    func run() throws {
        LinearAlgebra.setThreadCount(1)
        let output = try JSONLines(path: out)
        let f = TestFunction.hartmann6
        for count in n.split(separator: ",").compactMap({ Int($0) }) {
            var rng = SplitMix64(seed: UInt64(count))
            let points = (0..<count).map { _ in f.bounds.map { _ in Double.random(in: 0...1, using: &rng) } }
            let completed = points.map { x in
                Observation(Configuration(Dictionary(uniqueKeysWithValues: x.enumerated().map { ("x\($0.offset + 1)", ParameterValue.real($0.element)) })),
                            .value(f.evaluate(x)))
            }
            let context = SuggestionContext(space: f.space, goal: .minimize, seed: 1, completed: completed)
            let strategy = BayesStrategy()
            func time(_ k: Int) throws -> Double? {
                guard k == 1 || count <= batchesUpTo else { return nil }
                return try median((0..<repeats).map { _ in try seconds { _ = try strategy.suggest(count: k, context: context) } })
            }
            let single = try time(1)!
            let batch8 = try time(8), batch32 = try time(32)
            let kernel = Speed.kernelMatrix(points)
            let cholesky = try median((0..<repeats).map { _ in
                try seconds { _ = try CholeskyFactor(symmetric: kernel, order: count) }
            })
            let tpe = try median((0..<repeats).map { _ in
                try seconds { _ = try TPEStrategy().suggest(count: 1, context: context) }
            })
            output.write(Record(n: count, dimension: 6, single_s: single, batch8_s: batch8, batch32_s: batch32,
                                cholesky_s: cholesky, tpe_s: tpe))
        }
    }

    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

    /// A Matérn-5/2 kernel matrix (length scale 0.3) plus 1e-6 on the diagonal: SPD.
    static func kernelMatrix(_ points: [[Double]]) -> [Double] {
        let n = points.count
        var k = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var d2 = 0.0
                for (a, b) in zip(points[i], points[j]) { d2 += (a - b) * (a - b) }
                let r = sqrt(5 * d2) / 0.3
                let v = (1 + r + r * r / 3) * exp(-r) + (i == j ? 1e-6 : 0)
                k[i * n + j] = v
                k[j * n + i] = v
            }
        }
        return k
    }
}
