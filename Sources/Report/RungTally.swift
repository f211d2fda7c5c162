import Execution
import Foundation

/// Per rung of a successive-halving run (`asha`, `hyperband`): how many trials reached it and
/// the best value recorded there, with its trial — what `hpo status` and the report show
/// above the trial table (issue 15 §3).
///
/// A trial reaches a rung with its first point at a step at or past the rung's step, and
/// that point's value is the one recorded there, as the rule reads it (`ResourceLadder`);
/// every trial counts, running, finished and stopped alike, whichever Hyperband bracket it
/// ran in. NaN values count as reached but are never best. Rungs are listed up to the
/// furthest step any trial reported, so a rung nobody reached yet is not shown.
///
/// A bayes run adds its model's current best guess (`guess`, `RungTally+Guess.swift`).
public struct RungTally: Hashable, Sendable {
    /// One rung.
    public struct Rung: Hashable, Sendable {
        /// The rung's step.
        public var step: Int
        /// How many trials reached it.
        public var trials: Int
        /// The best value recorded there and the trial that recorded it (the lowest-numbered
        /// trial on a tie); nil when only NaN was recorded.
        public var best: Best?

        /// Creates a row.
        public init(step: Int, trials: Int, best: Best?) {
            self.step = step
            self.trials = trials
            self.best = best
        }
    }

    /// A rung's best value (never NaN) and its trial.
    public struct Best: Hashable, Sendable {
        /// The trial's number.
        public var trial: Int
        /// The value it reached the rung with.
        public var value: Double

        /// Creates a best value.
        public init(trial: Int, value: Double) {
            self.trial = trial
            self.value = value
        }
    }

    /// The rule's name (`asha`, `hyperband`).
    public var rule: String
    /// Where its rungs lie.
    public var ladder: ResourceLadder
    /// The rungs reached so far, by step.
    public var rungs: [Rung]
    /// The model's current best guess, for a bayes run whose view asked for it.
    public var guess: ModelGuess?

    /// Creates a tally as given.
    public init(rule: String, ladder: ResourceLadder, rungs: [Rung]) {
        self.rule = rule
        self.ladder = ladder
        self.rungs = rungs
    }

    /// Tallies `curves` (the objective's points per trial, any order; of two points at one
    /// step the later one counts, as in `LearningCurve`) on `ladder`, ranking by `goal`.
    public init(rule: String, ladder: ResourceLadder, goal: Goal, curves: [Int: [MetricPoint]]) {
        let sorted = curves.keys.sorted().map { LearningCurve(trial: $0, points: curves[$0]!.map { .init(step: $0.step, value: $0.value) }) }
        let furthest = sorted.compactMap { $0.points.last?.step }.max() ?? 0
        var rungs: [Rung] = []
        for step in ladder.rungs(upTo: furthest) {
            var rung = Rung(step: step, trials: 0, best: nil)
            for curve in sorted {
                guard let point = curve.points.first(where: { $0.step >= step }) else { continue }
                rung.trials += 1
                if !point.value.isNaN, rung.best.map({ goal.isBetter(point.value, than: $0.value) }) ?? true {
                    rung.best = Best(trial: curve.trial, value: point.value)
                }
            }
            rungs.append(rung)
        }
        self.init(rule: rule, ladder: ladder, rungs: rungs)
    }

    /// The tally of the run `store` holds, with a bayes run's model guess, or nil when its early-stopping rule has no rungs
    /// (no rule, `median`, `patience`, `threshold`) or its stored configuration does not load.
    /// Reads every objective point of the run (one query): only runs with rungs pay for it.
    public static func load(from store: RunStore, snapshot: RunSnapshot) throws -> RungTally? {
        guard let (rule, ladder) = rule(of: snapshot.summary.run) else { return nil }
        // Only the snapshot's trials: one created since is not in the table below either.
        let numbers = Set(snapshot.trials.map(\.number))
        let curves = try store.metricPoints(name: snapshot.summary.run.metric).filter { numbers.contains($0.key) }
        var tally = RungTally(rule: rule, ladder: ladder, goal: snapshot.summary.run.goal, curves: curves)
        tally.guess = modelGuess(run: snapshot.summary.run, trials: snapshot.trials, curves: curves)
        return tally
    }

    /// The run's rule and its rungs, from its stored configuration; nil without rungs.
    public static func rule(of run: RunInfo) -> (name: String, ladder: ResourceLadder)? {
        guard let early = (try? SweepSpec(yaml: run.configurationYAML, path: "run.db"))?.earlyStopping,
              let rule = try? early.makeRule(), let ladder = rule.resources else { return nil }
        return (rule.name, ladder)
    }
}
