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
            as completed trials, as in a running study: the process has just suggested with
            n − 1 of them, so the fit cache holds what that left. Without warm starts (the
            default) every timing starts with an empty cache: a running study never meets the
            same n twice. With --warm-start on, the cache holds the anchor fit
            (BayesStrategy.anchorCount), and the from-scratch fit an anchor costs, once per
            anchor step, is spread over the step: each figure is cached + (uncached − cached) ×
            min(k, step) / step, with uncached the single suggestion of a resumed run (empty
            cache). Beside them, the floor: one LAPACK Cholesky (dpotrf) of an n × n kernel
            matrix, and one tpe suggestion (tpe_s; tpe_cpu_s in CPU seconds). Writes one JSON line per n.
            """
    )

    @Option(help: "Comma-separated observation counts.")
    var n = "50,100,200,500,1000,2000,5000"

    @Option(help: "Batch sizes timed besides single suggestions, up to this n (larger n: single only).")
    var batchesUpTo = 5000

    @Option(help: "Timings per figure (the median counts).")
    var repeats = 3

    @Option(help: "Warm-started fits between anchors (GaussianProcess.FitOptions.warmStart): on or off (default: the library's).")
    var warmStart: String?

    @Option(help: "Screened multi-start fits (GaussianProcess.FitOptions.screenIterations): iterations before all but the best start stop; 0 off (default: the library's).")
    var screen: Int?

    @Flag(help: "Time with the process's CPU clock instead of the wall clock: on a loaded machine it varies less (run_peers.py --speed --cpu-time does the same).")
    var cpuTime = false

    @Option(help: "Append JSON lines here (default: stdout).")
    var out: String?

    struct Record: Codable {
        var n: Int
        var dimension: Int
        var single_s: Double
        var batch8_s: Double?
        var batch32_s: Double?
        var cholesky_s: Double
        /// A single suggestion with the anchor fit cached, and with an empty cache.
        var single_cached_s: Double
        var single_uncached_s: Double
        /// Suggestions per from-scratch fit at this n.
        var anchor_step: Int
        /// One tpe suggestion with the same observations.
        var tpe_s: Double?
        /// The same in CPU seconds of the process (on a shared machine the wall clock also
        /// measures the neighbours).
        var tpe_cpu_s: Double?
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
            let cache = HyperparameterCache()
            var options = BayesStrategy.Options()
            if let warmStart { options.fit.warmStart = warmStart == "on" }
            if let screen { options.fit.screenIterations = max(0, screen) }
            let strategy = BayesStrategy(options: options, fitCache: cache)
            func time(_ k: Int) throws -> Double? {
                guard k == 1 || count <= batchesUpTo else { return nil }
                return try median((0..<repeats).map { _ in
                    // From-scratch fits are stored under the data they saw: a running study never
                    // meets n's twice, so without warm starts each timing starts empty.
                    if !options.fit.warmStart { cache.removeAll() }
                    return try measure { _ = try strategy.suggest(count: k, context: context) }
                })
            }
            let uncached = try median((0..<repeats).map { _ in
                cache.removeAll()
                return try measure { _ = try strategy.suggest(count: 1, context: context) }
            })
            // The running study's previous suggestion, with n − 1 finished trials.
            cache.removeAll()
            var previous = context
            previous.completed.removeLast()
            _ = try strategy.suggest(count: 1, context: previous)
            let cached = try time(1)!
            let batch8 = try time(8), batch32 = try time(32)
            // Without warm starts every fit is from scratch: nothing to spread.
            let anchorStep = options.fit.warmStart ? Speed.anchorStep(count) : 1
            let extra = options.fit.warmStart ? max(uncached - cached, 0) : 0
            func amortized(_ t: Double?, _ k: Int) -> Double? {
                t.map { $0 + extra * Double(min(k, anchorStep)) / Double(anchorStep) }
            }
            let single = amortized(cached, 1)!
            let kernel = Speed.kernelMatrix(points)
            let cholesky = try median((0..<repeats).map { _ in
                try measure { _ = try CholeskyFactor(symmetric: kernel, order: count) }
            })
            let tpe = try median((0..<repeats).map { _ in
                try measure { _ = try TPEStrategy().suggest(count: 1, context: context) }
            })
            let tpeCPU = try median((0..<repeats).map { _ in
                let before = MultiObjective.cpuSeconds()
                _ = try TPEStrategy().suggest(count: 1, context: context)
                return MultiObjective.cpuSeconds() - before
            })
            output.write(Record(n: count, dimension: 6, single_s: single, batch8_s: amortized(batch8, 8),
                                batch32_s: amortized(batch32, 32), cholesky_s: cholesky, single_cached_s: cached,
                                single_uncached_s: uncached, anchor_step: anchorStep, tpe_s: tpe,
                                tpe_cpu_s: tpeCPU))
        }
    }

    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

    /// Seconds `body` took, by the wall clock or (`--cpu-time`) the process's CPU clock.
    func measure(_ body: () throws -> Void) rethrows -> Double {
        guard cpuTime else { return try seconds(body) }
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    /// Suggestions between two anchors around n: the distance to the next anchor size.
    static func anchorStep(_ n: Int) -> Int {
        guard let n0 = BayesStrategy.anchorCount(n) else { return 1 }
        var next = n + 1
        while BayesStrategy.anchorCount(next) == n0 { next += 1 }
        return BayesStrategy.anchorCount(next)! - n0
    }

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
