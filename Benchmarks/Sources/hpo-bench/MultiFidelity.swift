import ArgumentParser
import Foundation
import LearningCurves
import Search

/// `hpo-bench multifidelity`: the best full-fidelity value found against the resource spent,
/// per learning-curve task, method and seed, with k asynchronous workers on a virtual clock.
struct MultiFidelity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multifidelity",
        abstract: "Best full-fidelity value per resource spent on learning-curve tasks, hpo's methods with ASHA/Hyperband.",
        discussion: """
            Each run drives a Study against Benchmarks/multifidelity/evaluator.py: --workers
            trials train at once, one step per virtual time unit; every step is reported, the
            rule asked whether to stop, and a freed worker asks for a new trial at once. A run
            spends --budget × R steps (R: the task's full length). Methods: \(MultiFidelityMethod.all().map(\.name).joined(separator: ", ")).
            Tasks: branin-mf, hartmann6-mf, mlp-digits, gb-cancer (all). Writes one JSON line per
            run: the best full-fidelity value at each checkpoint (in multiples of R) and the trace
            of improvements.
            """
    )

    @Option(help: "Comma-separated task names, or all.")
    var tasks = "all"

    @Option(help: "Comma-separated methods, or all.")
    var methods = "all"

    @Option(help: "Seeds first-seed … first-seed + n − 1.")
    var seeds = 5

    @Option(help: "The first seed.")
    var firstSeed = 1

    @Option(help: "Workers training trials at once (1: sequential).")
    var workers = 4

    @Option(help: "Steps each run may spend, as a multiple of the task's length R.")
    var budget = 100

    @Option(help: "Comma-separated budgets (multiples of R) at which the best value is recorded.")
    var checkpoints = "10,30,100"

    @Option(help: "The first rung's step (ASHA's and Hyperband's min_resource).")
    var minResource = 1

    @Option(help: "η: the rules' reduction_factor.")
    var reductionFactor = 3

    @Option(help: "The Python that runs the evaluator (its packages: scikit-learn, numpy).")
    var python = "python3"

    @Option(help: "The evaluator script.")
    var evaluator = "multifidelity/evaluator.py"

    @Option(help: "Runs in parallel, one evaluator process each.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Append JSON lines here (default: stdout).")
    var out: String?

    static let allTasks = ["branin-mf", "hartmann6-mf", "mlp-digits", "gb-cancer"]

    /// One run, as a JSON line; the peers' script writes the same.
    struct Record: Codable {
        var task: String
        var method: String
        var seed: Int
        var workers: Int
        var length: Int
        /// Checkpoints in multiples of R, and the best full-fidelity value at each (nil: none yet).
        var budgets: [Int]
        var best: [Double?]
        var steps: Int
        var trials: Int
        var full_trials: Int
        /// Each improvement: [steps spent, best value].
        var trace: [[Double]]
        var seconds: Double
    }

    func run() throws {
        LinearAlgebra.setThreadCount(1)
        let known = MultiFidelityMethod.all()
        let chosen = methods == "all" ? known : try methods.split(separator: ",").map { name in
            guard let m = known.first(where: { $0.name == name }) else {
                throw ValidationError("unknown method '\(name)'; known: \(known.map(\.name).joined(separator: ", "))")
            }
            return m
        }
        let taskNames = tasks == "all" ? Self.allTasks : tasks.split(separator: ",").map(String.init)
        let marks = checkpoints.split(separator: ",").compactMap { Int($0) }
        guard !marks.isEmpty, marks.allSatisfy({ $0 >= 1 && $0 <= budget }) else {
            throw ValidationError("--checkpoints \(checkpoints): comma-separated multiples of R from 1 to --budget (\(budget))")
        }
        guard FileManager.default.fileExists(atPath: evaluator) else {
            throw ValidationError("--evaluator \(evaluator): no such file; run from Benchmarks/ or pass its path")
        }
        // Every task described once, by a first evaluator (which also checks Python works).
        let described = try { () -> [LearningCurveTask] in
            let probe = try PythonEvaluator(python: python, evaluator: evaluator)
            return try taskNames.map { try probe.describe(task: $0) }
        }()
        // Seed-major, so that a run cut short has every task and method at its first seeds.
        let runs = (firstSeed..<(firstSeed + seeds)).flatMap { s in described.flatMap { t in chosen.map { (t, $0, s) } } }
        let output = try JSONLines(path: out)
        let next = Counter()
        let failure = FirstError()
        let rungs = MultiFidelityMethod.Rungs(minResource: minResource, reductionFactor: reductionFactor)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs.count))) { _ in
            do {
                let evaluator = try PythonEvaluator(python: python, evaluator: evaluator)
                while let i = next.take(below: runs.count) {
                    let (task, method, seed) = runs[i]
                    output.write(try run(method, on: task, seed: seed, evaluator: evaluator, rungs: rungs, marks: marks))
                }
            } catch {
                failure.keep(error)
            }
        }
        if let error = failure.error { throw error }
    }

    /// One run of `method` on `task`.
    func run(_ method: MultiFidelityMethod, on task: LearningCurveTask, seed: Int, evaluator: PythonEvaluator,
             rungs: MultiFidelityMethod.Rungs, marks: [Int]) throws -> Record {
        let study = try method.study(for: task, seed: UInt64(seed), rungs: rungs)
        let simulation = SimulatedRun(task: task.name, length: task.length, workers: workers, budget: budget * task.length)
        var trace: RunTrace?
        let elapsed = try seconds { trace = try simulation.run(study, evaluator: evaluator) }
        let t = trace!
        return Record(task: task.name, method: method.name, seed: seed, workers: workers, length: task.length,
                      budgets: marks, best: marks.map { t.best(atSteps: $0 * task.length) }, steps: t.steps,
                      trials: t.trials, full_trials: t.fullTrials,
                      trace: t.improvements.map { [Double($0.steps), $0.best] }, seconds: elapsed)
    }
}

/// The first error thrown by any of the parallel runs.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: (any Error)?

    func keep(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}
