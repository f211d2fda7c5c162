import Foundation
@testable import Execution

/// A loop around `ControllerCore` that answers its actions as `Controller` does, but with
/// made-up time and no processes, store or files: each test says when things happen.
struct CoreLoop {
    var core: ControllerCore
    /// Time 0 of the test; `seconds` is how far it has gone.
    let origin = ContinuousClock.now
    let wallOrigin = Date(timeIntervalSince1970: 1_000_000)
    private(set) var seconds = 0.0

    private(set) var events: [ControllerEvent] = []
    private(set) var signals: [(trial: Int, signal: TrialSignal)] = []
    /// Questions to the strategy not answered yet.
    private(set) var questions: [(count: Int, context: SuggestionContext)] = []
    private(set) var starts: [StartOrder] = []
    private(set) var records: [TrialRecord] = []
    private(set) var requeues: [(trial: Int, through: TrialState, note: String)] = []
    /// Output sizes the stall check measures, by trial (0 when not set).
    var outputSizes: [Int: Int64] = [:]
    /// `hpo cancel` requests the next request check finds.
    var cancelRequests: [(trial: Int?, note: String?)] = []
    /// When each trial last started, in wall time.
    private var startedAt: [Int: Date] = [:]

    /// A core for a grid over `x` in `values`, `parallel` slots, with outcome `constraints` (and
    /// the second and later objectives `furtherMetrics`), and the strategy's `priors`; asking
    /// the strategy ahead of freed slots when `asksAhead`.
    init(values: [Int], parallel: Int, constraints: [OutcomeConstraint] = [], furtherMetrics: [SweepMetric] = [],
         priors: [Observation] = [], asksAhead: Bool = false,
         configure: (inout ExecutionOptions) -> Void = { _ in }) throws {
        var spec = SweepSpec(name: "core", command: try CommandTemplate(parsing: ["train", "{x}"]), metric: SweepMetric(),
                             strategy: .grid, seed: 1, parallel: parallel, space: try SearchSpace([.ints("x", values)]))
        spec.constraints = constraints
        spec.furtherMetrics = furtherMetrics
        var options = ExecutionOptions(workingDirectory: "/", environment: [:])
        options.grace = .seconds(10)
        configure(&options)
        var settings = ControllerCore.Settings(run: "core", spec: spec, options: options, budget: try spec.budget(),
                                               strategyName: "grid", prefixesRankOutput: false, priors: priors)
        settings.asksAhead = asksAhead
        core = ControllerCore(settings: settings, slots: try SlotLedger(parallel: parallel), now: origin)
    }

    var now: ContinuousClock.Instant { origin + .milliseconds(Int((seconds * 1000).rounded())) }
    var wallNow: Date { wallOrigin + seconds }

    /// Moves time to `seconds` and lets the loop turn.
    mutating func advance(to seconds: Double) {
        self.seconds = seconds
        feed(.tick(at: now))
    }

    /// Answers the oldest question with configurations `x = values`.
    mutating func answer(_ values: [Int]) {
        let question = questions.removeFirst()
        feed(.suggestions(count: question.count, .success(values.map { ["x": .int($0)] }), at: now))
    }

    /// Trial `trial` wrote `{"step": step, "objective": value}`, with the `other` metrics.
    mutating func report(_ trial: Int, step: Int, _ value: Double, other: [String: Double] = [:]) {
        let rest = other.keys.sorted().map { #", "\#($0)": \#(other[$0]!)"# }.joined()
        let line = #"{"step": \#(step), "objective": \#(value)\#(rest)}"#
        feed(.lines(TailUpdate(key: .metrics(trial), path: "metrics.jsonl",
                               lines: [FileLine(number: step, bytes: Array(line.utf8))], warnings: [], restarted: false), at: now))
    }

    /// Trial `trial`'s process ended; its files are read to their end unless `reading`.
    mutating func exit(_ trial: Int, _ termination: Termination = .exited(0), reading: Bool = false) {
        feed(.exited(trial: trial, termination: termination, endedAt: wallNow, at: now))
        if !reading { caughtUp(trial) }
    }

    /// Trial `trial`'s files are read to their end.
    mutating func caughtUp(_ trial: Int) { feed(.caughtUp(trial: trial, at: now)) }

    mutating func feed(_ input: ControllerInput) {
        for action in core.handle(input) { perform(action) }
    }

    private mutating func perform(_ action: ControllerAction) {
        switch action {
        case .notify(let event): events.append(event)
        case .signal(let trial, let signal): signals.append((trial, signal))
        case .ask(let count, let context): questions.append((count, context))
        case .start(let order):
            starts.append(order)
            startedAt[order.number] = wallNow
            feed(.started(trial: order.number, queued: false, prior: [], commitError: nil, at: now))
        case .recordMetrics, .recordJobStart, .stopFollowing: break
        case .recordFinish(let order):
            let configuration = starts.last { $0.number == order.trial }!.configuration
            let record = TrialRecord(number: order.trial, configuration: configuration, state: order.state,
                                     createdAt: startedAt[order.trial]!, startedAt: startedAt[order.trial],
                                     finishedAt: order.endedAt, exitCode: order.termination.exitCode,
                                     objective: order.objective, steps: order.steps, explanation: order.explanation)
            records.append(record)
            let missing = order.state == .noMetric ? MissingObjective(metric: "objective", goal: .minimize, reported: []) : nil
            feed(.finishRecorded(record, missing: missing, objectiveSeen: missing.map { _ in false }, at: now))
        case .recordUnlaunched(let trial, let state, let explanation):
            let configuration = starts.last { $0.number == trial }!.configuration
            let record = TrialRecord(number: trial, configuration: configuration, state: state, createdAt: wallNow,
                                     finishedAt: wallNow, explanation: explanation)
            records.append(record)
            feed(.finishRecorded(record, missing: nil, objectiveSeen: nil, at: now))
        case .requeue(let trial, _, let through, _, let note, _):
            requeues.append((trial, through, note))
            feed(.requeued(trial: trial, at: now))
        case .checkRequests:
            let requests = cancelRequests
            cancelRequests = []
            for request in requests { feed(.cancelRequested(trial: request.trial, note: request.note, at: now)) }
            feed(.requestsChecked(at: now))
        case .measureOutput(let trials):
            feed(.outputSizes(Dictionary(uniqueKeysWithValues: trials.map { ($0, outputSizes[$0] ?? 0) }), at: now))
        }
    }

    /// The trials stopped, with why.
    var stops: [(trial: Int, cause: StopCause)] {
        events.compactMap { if case .stopping(let trial, let cause, _) = $0 { (trial, cause) } else { nil } }
    }

    /// The reasons the run stopped launching.
    var drains: [String] {
        events.compactMap { if case .draining(let reason) = $0 { reason } else { nil } }
    }
}

extension CoreLoop {
    /// Runs trials 0, 1, … one after the other (one slot, a grid with one configuration more),
    /// each reporting its `(objective, other metrics)` points in turn, and returns the loop with
    /// the question for the next trial asked.
    static func inTurn(_ trials: [[(Double, [String: Double])]], constraints: [OutcomeConstraint] = [],
                       furtherMetrics: [SweepMetric] = []) throws -> CoreLoop {
        var loop = try CoreLoop(values: Array(0...trials.count), parallel: 1, constraints: constraints,
                                furtherMetrics: furtherMetrics)
        for (number, points) in trials.enumerated() {
            loop.advance(to: Double(number))
            loop.answer([number])
            for (step, point) in points.enumerated() { loop.report(number, step: step, point.0, other: point.1) }
            loop.exit(number)
        }
        loop.advance(to: Double(trials.count))
        return loop
    }
}
