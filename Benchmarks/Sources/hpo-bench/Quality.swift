import ArgumentParser
import BenchmarkFunctions
import Foundation
import Search

/// `hpo-bench quality`: final simple regret of each method on each function and seed.
struct Quality: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Final simple regret (best found − known minimum) per function, method and seed.",
        discussion: """
            Methods: hpo-bayes (one suggestion at a time), hpo-bayes-Kslots for any K, e.g.
            hpo-bayes-4slots (K trials pending at any time: each suggestion sees the K − 1
            still running, as the executor asks with K slots), hpo-random, hpo-tpe. Functions: the
            suite's seven (all), the high-dimensional three (highdim), or names. Budget: 50
            evaluations for d ≤ 3, 200 for d > 10, 100 otherwise. Writes one JSON line per run.
            """
    )

    @Option(help: "Comma-separated function names, or all.")
    var functions = "all"

    @Option(help: "Comma-separated methods.")
    var methods = "hpo-bayes,hpo-bayes-4slots,hpo-bayes-16slots,hpo-random,hpo-tpe"

    @Option(help: "How bayes treats pending trials: mean, best, worst (constant liar) or believer (kriging believer); default: the library's.")
    var liar: String?

    @Option(help: "How bayes keeps a batch apart: fantasies, localPenalization or thompsonSampling; default: the library's.")
    var batch: String?

    @Option(help: "Bayes ablation: candidates scored per suggestion (default: the library's).")
    var candidates: Int?

    @Option(help: "Bayes ablation: candidates near the best trials (default: the library's).")
    var localCandidates: Int?

    @Option(help: "Bayes ablation: best candidates refined by L-BFGS (default: the library's).")
    var refineStarts: Int?

    @Option(help: "Bayes ablation: L-BFGS iterations per refinement (default: the library's).")
    var refineIterations: Int?

    @Option(help: "Bayes ablation: output warp, none or log:FRACTION (default: the library's).")
    var warp: String?

    @Option(help: "Warm-started fits between anchors (GaussianProcess.FitOptions.warmStart): on or off (default: the library's).")
    var warmStart: String?

    @Option(help: "Screened multi-start fits (GaussianProcess.FitOptions.screenIterations): iterations before all but the best start stop; 0 off (default: the library's).")
    var screen: Int?

    @Option(help: "Seeds first-seed … first-seed + n − 1.")
    var seeds = 10

    @Option(help: "The first seed (to add seeds to an earlier run's file).")
    var firstSeed = 1

    @Option(help: "Runs in parallel (each single-threaded).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Append JSON lines here (default: stdout).")
    var out: String?

    func run() throws {
        LinearAlgebra.setThreadCount(1)
        let problems = functions == "all" ? TestFunction.all : functions == "highdim" ? TestFunction.highDimensional
            : try functions.split(separator: ",").map { name in
                guard let f = TestFunction.named(String(name)) else {
                    let known = (TestFunction.all + TestFunction.highDimensional).map(\.name)
                    throw ValidationError("unknown function '\(name)'; known: \(known.joined(separator: ", "))")
                }
                return f
            }
        var options = BayesStrategy.Options()
        let methodNames = methods.split(separator: ",").map(String.init)
        for m in methodNames where Quality.slots(m) == nil {
            throw ValidationError("unknown method '\(m)'; known: hpo-bayes, hpo-bayes-Kslots (K ≥ 1), hpo-random, hpo-tpe")
        }
        if let batch {
            guard let method = BayesStrategy.BatchMethod(rawValue: batch) else {
                throw ValidationError("unknown batch method '\(batch)'; known: "
                                      + BayesStrategy.BatchMethod.allCases.map(\.rawValue).joined(separator: ", "))
            }
            options.batch = method
        }
        switch liar {
        case nil: break
        case "believer": options.liar = .krigingBeliever
        case let name?:
            guard let value = BayesStrategy.LiarValue(rawValue: name) else { throw ValidationError("unknown liar '\(name)'") }
            options.liar = .constant(value)
        }
        if let candidates { options.candidateCount = candidates }
        if let localCandidates { options.localCandidateCount = localCandidates }
        if let refineStarts { options.refineStarts = refineStarts }
        if let refineIterations { options.refineIterations = refineIterations }
        if let warp {
            if warp == "none" {
                options.warp = .none
            } else if warp.hasPrefix("log:"), let fraction = Double(warp.dropFirst(4)), fraction > 0 {
                options.warp = .logarithmic(fraction: fraction)
            } else {
                throw ValidationError("--warp \(warp): none or log:FRACTION")
            }
        }
        if let warmStart { options.fit.warmStart = warmStart == "on" }
        if let screen { options.fit.screenIterations = max(0, screen) }
        let bayesOptions = options
        let tasks = problems.flatMap { f in methodNames.flatMap { m in (firstSeed..<(firstSeed + seeds)).map { (f, m, $0) } } }
        let output = try JSONLines(path: out)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { _ in
            while let i = next.take(below: tasks.count) {
                let (f, method, seed) = tasks[i]
                if let record = try? Quality.optimize(f, method: method, seed: seed, options: bayesOptions) {
                    output.write(record)
                }
            }
        }
    }

    /// One run of `method` on `f`: asks as the executor would, evaluates, tells.
    static func optimize(_ f: TestFunction, method: String, seed: Int,
                         options: BayesStrategy.Options = BayesStrategy.Options()) throws -> RunRecord {
        let strategy: any Strategy = switch method {
        case "hpo-random": RandomStrategy()
        case "hpo-tpe": TPEStrategy()
        default: BayesStrategy(options: options)
        }
        let slots = Quality.slots(method) ?? 1
        let space = f.space
        var completed: [Observation] = []
        var pending: [Configuration] = []
        var best = Double.infinity
        let elapsed = try seconds {
            while completed.count < f.budget {
                // Fill the free slots; each suggestion sees the trials still pending.
                while pending.count < slots && completed.count + pending.count < f.budget {
                    let context = SuggestionContext(space: space, goal: .minimize, seed: UInt64(seed),
                                                    completed: completed, pending: pending)
                    guard let c = try strategy.suggest(count: 1, context: context).first else { break }
                    pending.append(c)
                }
                guard !pending.isEmpty else { break }
                // The oldest pending trial finishes first.
                let c = pending.removeFirst()
                let y = f.evaluate(c)
                best = min(best, y)
                completed.append(Observation(c, .value(y)))
            }
        }
        return RunRecord(function: f.name, method: method, seed: seed, regret: best - f.minimum, best: best,
                         evaluations: completed.count, seconds: elapsed,
                         batch: slots > 1 ? options.batch.rawValue : nil)
    }
}

extension Quality {
    /// The slots of a method: 1 for hpo-bayes and hpo-random, K for hpo-bayes-Kslots, nil if unknown.
    static func slots(_ method: String) -> Int? {
        if method == "hpo-bayes" || method == "hpo-random" || method == "hpo-tpe" { return 1 }
        guard method.hasPrefix("hpo-bayes-"), method.hasSuffix("slots"),
              let k = Int(method.dropFirst("hpo-bayes-".count).dropLast("slots".count)), k >= 1 else { return nil }
        return k
    }
}

/// A shared index handed out once each.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
