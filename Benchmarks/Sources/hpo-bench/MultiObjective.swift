import ArgumentParser
import BenchmarkFunctions
import Foundation
import LearningCurves
import Search

/// `hpo-bench multiobjective`: the hypervolume of the trials' objective vectors against a fixed
/// reference point after a budget of sequential evaluations, per problem, method and seed.
struct MultiObjective: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multiobjective",
        abstract: "Hypervolume after a budget of evaluations on two-objective problems, hpo's strategies.",
        discussion: """
            Methods: hpo-bayes (one GP per objective, log EHVI), hpo-tpe (MOTPE), hpo-random. Problems: zdt1, zdt2,
            dtlz2 (d = 6, evaluated in Swift) and mlp-digits (evaluated by
            Benchmarks/multiobjective/evaluator.py: needs scikit-learn); all = the four. Trials
            run one at a time. Writes one JSON line per run: every evaluation's objective values
            and the final hypervolume (multiobjective/table.py recomputes it from the values).
            """
    )

    @Option(help: "Comma-separated problems, or all.")
    var tasks = "all"

    @Option(help: "Comma-separated methods: hpo-bayes, hpo-tpe, hpo-random.")
    var methods = "hpo-bayes,hpo-tpe,hpo-random"

    @Option(help: "Seeds first-seed … first-seed + n − 1.")
    var seeds = 10

    @Option(help: "The first seed.")
    var firstSeed = 1

    @Option(help: "Evaluations per run.")
    var budget = 100

    @Option(help: "The Python that runs the evaluator of mlp-digits (its packages: scikit-learn, numpy).")
    var python = "python3"

    @Option(help: "The evaluator script of mlp-digits.")
    var evaluator = "multiobjective/evaluator.py"

    @Option(help: "Runs in parallel (each single-threaded).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Append JSON lines here (default: stdout).")
    var out: String?

    @Flag(help: "Instead: the seconds of one bayes suggestion on DTLZ2 with 2 and 3 objectives after 30, 60 and 100 random trials, and of one tpe suggestion after 1,000 and 5,000.")
    var speed = false

    static let allTasks = ["zdt1", "zdt2", "dtlz2", "mlp-digits"]

    /// One run, as a JSON line; multiobjective/peers.py writes the same.
    struct Record: Codable {
        var task: String
        var method: String
        var seed: Int
        var evaluations: Int
        var values: [[Double]]
        var hypervolume: Double
        var reference: [Double]
        var seconds: Double
    }

    /// A problem as a run sees it.
    struct Problem {
        var name: String
        var space: SearchSpace
        var reference: [Double]
    }

    func run() throws {
        LinearAlgebra.setThreadCount(1)
        if speed { return try measureSpeed() }
        let taskNames = tasks == "all" ? Self.allTasks : tasks.split(separator: ",").map(String.init)
        let methodNames = methods.split(separator: ",").map(String.init)
        for m in methodNames where !["hpo-bayes", "hpo-tpe", "hpo-random"].contains(m) {
            throw ValidationError("unknown method '\(m)'; known: hpo-bayes, hpo-tpe, hpo-random")
        }
        let needsPython = taskNames.contains { MultiObjectiveFunction.named($0) == nil }
        if needsPython, !FileManager.default.fileExists(atPath: evaluator) {
            throw ValidationError("--evaluator \(evaluator): no such file; run from Benchmarks/ or pass its path")
        }
        let probe = needsPython ? try PythonEvaluator(python: python, evaluator: evaluator) : nil
        let problems = try taskNames.map { name -> Problem in
            if let f = MultiObjectiveFunction.named(name) { return Problem(name: name, space: f.space, reference: f.reference) }
            return try Self.describe(name, evaluator: probe!)
        }
        let runs = (firstSeed..<(firstSeed + seeds)).flatMap { s in problems.flatMap { p in methodNames.map { (p, $0, s) } } }
        let output = try JSONLines(path: out)
        let next = Counter()
        let failure = FirstError()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs.count))) { _ in
            do {
                let worker = needsPython ? try PythonEvaluator(python: python, evaluator: evaluator) : nil
                while let i = next.take(below: runs.count) {
                    let (problem, method, seed) = runs[i]
                    output.write(try optimize(problem, method: method, seed: seed, evaluator: worker))
                }
            } catch {
                failure.keep(error)
            }
        }
        if let error = failure.error { throw error }
    }

    /// One sequential run: each suggestion sees every finished trial's objective values.
    func optimize(_ problem: Problem, method: String, seed: Int, evaluator: PythonEvaluator?) throws -> Record {
        let strategy: any Strategy = switch method {
        case "hpo-random": RandomStrategy()
        case "hpo-tpe": TPEStrategy()
        default: BayesStrategy()
        }
        var completed: [Observation] = []
        var values: [[Double]] = []
        let elapsed = try seconds {
            while completed.count < budget {
                var context = SuggestionContext(space: problem.space, goal: .minimize, seed: UInt64(seed),
                                                completed: completed)
                context.furtherGoals = [.minimize]
                guard let c = try strategy.suggest(count: 1, context: context).first else { break }
                let y = try Self.evaluate(problem.name, c, evaluator: evaluator)
                var observation = Observation(c, .value(y[0]))
                observation.furtherValues = Array(y.dropFirst())
                completed.append(observation)
                values.append(y)
            }
        }
        return Record(task: problem.name, method: method, seed: seed, evaluations: values.count, values: values,
                      hypervolume: Hypervolume.of(values, reference: problem.reference), reference: problem.reference,
                      seconds: elapsed)
    }

    /// The objectives of `configuration`: in Swift for the synthetic problems, else by the evaluator.
    static func evaluate(_ task: String, _ configuration: Configuration, evaluator: PythonEvaluator?) throws -> [Double] {
        if let f = MultiObjectiveFunction.named(task) { return f.evaluate(configuration) }
        let config = configuration.values.mapValues { value -> Any in
            switch value {
            case .int(let i): i
            case .real(let x): x
            case .bool(let b): b
            case .string(let s): s
            }
        }
        let answer = try evaluator!.request(["op": "evaluate", "task": task, "config": config])
        guard let values = answer["values"] as? [Double] else {
            throw EvaluatorError.badAnswer(request: "evaluate \(task)", answer: "\(answer)")
        }
        return values
    }

    /// A Python problem's space (read as `PythonEvaluator.describe` reads a task's) and reference point.
    static func describe(_ task: String, evaluator: PythonEvaluator) throws -> Problem {
        let space = try evaluator.describe(task: task).space
        guard let reference = try evaluator.request(["op": "describe", "task": task])["reference"] as? [Double] else {
            throw EvaluatorError.badAnswer(request: "describe \(task)", answer: "no reference point")
        }
        return Problem(name: task, space: space, reference: reference)
    }

    /// One JSON line per (objectives, n): the front's size, the boxes of its decomposition (at
    /// the problem's reference point; the strategy's own, in standardized units, differs) and the
    /// CPU seconds of one suggestion (process CPU time: on a shared machine the wall clock
    /// measures the neighbours).
    func measureSpeed() throws {
        struct Line: Codable { var objectives: Int; var n: Int; var front: Int; var boxes: Int; var seconds: Double }
        let output = try JSONLines(path: out)
        for m in [2, 3] {
            let f = MultiObjectiveFunction.dtlz2(objectives: m)
            for n in [30, 60, 100] {
                let configurations = try RandomStrategy().suggest(count: n, context: SuggestionContext(space: f.space, seed: 3))
                let losses = configurations.map(f.evaluate)
                var context = SuggestionContext(space: f.space, seed: 1, completed: zip(configurations, losses).map { c, y in
                    var o = Observation(c, .value(y[0]))
                    o.furtherValues = Array(y.dropFirst())
                    return o
                })
                context.furtherGoals = [Goal](repeating: .minimize, count: m - 1)
                let front = ParetoFront.nonDominated(losses, goals: context.goals).map { losses[$0] }
                let before = Self.cpuSeconds()
                _ = try BayesStrategy().suggest(count: 1, context: context)
                let elapsed = Self.cpuSeconds() - before
                output.write(Line(objectives: m, n: n, front: front.count,
                                  boxes: NondominatedBoxes(front: front, reference: f.reference).count, seconds: elapsed))
            }
        }
        // tpe is for runs of thousands of trials: its Pareto ranking and hypervolume subset
        // selection must stay cheap there.
        struct TPELine: Codable { var strategy = "tpe"; var objectives: Int; var n: Int; var seconds: Double }
        for m in [2, 3] {
            let f = MultiObjectiveFunction.dtlz2(objectives: m)
            for n in [1000, 5000] {
                let configurations = try RandomStrategy().suggest(count: n, context: SuggestionContext(space: f.space, seed: 3))
                var context = SuggestionContext(space: f.space, seed: 1, completed: configurations.map { c in
                    let y = f.evaluate(c)
                    var o = Observation(c, .value(y[0]))
                    o.furtherValues = Array(y.dropFirst())
                    return o
                })
                context.furtherGoals = [Goal](repeating: .minimize, count: m - 1)
                let before = Self.cpuSeconds()
                _ = try TPEStrategy().suggest(count: 1, context: context)
                output.write(TPELine(objectives: m, n: n, seconds: Self.cpuSeconds() - before))
            }
        }
    }

    /// The process's CPU time so far.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
