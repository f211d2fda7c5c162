import ArgumentParser
import Foundation
import Search

/// `hpo-bench early-stopping`: early-stopping decisions per second against the number of
/// trials in the run, the way the controller asks (each reported point judged once).
struct EarlyStoppingCost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "early-stopping",
        abstract: "Early-stopping decisions per second (median, asha) against the number of trials already in the run.",
        discussion: """
            n − 8 finished trials (seeded noisy decaying curves, --steps points each) fill the
            history; then 8 running trials report their --steps points in turns, each point
            appended and judged as the controller's judge does. Times those 8 × steps
            decisions (the median of --repeats) and writes one JSON line per rule and n, with
            the count of stop decisions (equal before and after: the same verdicts).
            Built with -Xswiftc -DBEFORE_CURVE_HISTORY at a commit before CurveHistory, it
            times the former way: every other curve filtered from a dictionary and passed to
            decide(_:others:goal:).
            """
    )

    @Option(help: "Comma-separated trial counts.")
    var n = "100,1000,6000"

    @Option(help: "Points each trial reports (steps 1…steps).")
    var steps = 27

    @Option(help: "Timings per figure (the median counts).")
    var repeats = 5

    @Option(help: "Append JSON lines here (default: stdout).")
    var out: String?

    struct Record: Codable {
        var rule: String
        var trials: Int
        var steps: Int
        var decisions: Int
        var decisions_per_s: Double
        var stops: Int
        var api: String
    }

    func run() throws {
        let output = try JSONLines(path: out)
        let rules: [(String, any EarlyStopping)] = [
            ("median", try MedianStopping(warmupSteps: 3, minTrials: 5)),
            ("asha", try SuccessiveHalving(minResource: 1, reductionFactor: 3, maxResource: steps)),
        ]
        for count in n.split(separator: ",").compactMap({ Int($0) }) {
            for (name, rule) in rules {
                var stops = 0
                let timings = (0..<repeats).map { _ in
                    var world = World(rule: rule, trials: count, steps: steps)
                    return seconds { stops = world.runLast() }
                }
                let decisions = min(8, count) * steps
                output.write(Record(rule: name, trials: count, steps: steps, decisions: decisions,
                                    decisions_per_s: Double(decisions) / median(timings), stops: stops, api: World.api))
            }
        }
    }

    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

    /// A run's curves, filled with n − 8 finished trials, and its last 8 running ones.
    struct World {
        let rule: any EarlyStopping
        let steps: Int
        let running: [Int]
        var rng = SplitMix64(seed: 42)
        #if BEFORE_CURVE_HISTORY
        static let api = "curves"
        var curves: [Int: LearningCurve] = [:]
        #else
        static let api = "history"
        var curves: CurveHistory
        #endif

        init(rule: any EarlyStopping, trials: Int, steps: Int) {
            self.rule = rule
            self.steps = steps
            #if !BEFORE_CURVE_HISTORY
            curves = CurveHistory(rule: rule, goal: .minimize)
            #endif
            running = Array(max(0, trials - 8)..<trials)
            for trial in 0..<(trials - running.count) {
                let quality = Double.random(in: 0...1, using: &rng)
                for step in 1...steps { append(trial, step, value(quality, step)) }
            }
        }

        /// Every running trial reports its points in turns; returns how many were judged stopped.
        mutating func runLast() -> Int {
            let qualities = running.map { _ in Double.random(in: 0...1, using: &rng) }
            var stops = 0
            for step in 1...steps {
                for (i, trial) in running.enumerated() {
                    append(trial, step, value(qualities[i], step))
                    if judge(trial).shouldStop { stops += 1 }
                }
            }
            return stops
        }

        /// A noisy loss decaying towards `quality`.
        mutating func value(_ quality: Double, _ step: Int) -> Double {
            quality + 1 / Double(step) + Double.random(in: -0.05...0.05, using: &rng)
        }

        mutating func append(_ trial: Int, _ step: Int, _ value: Double) {
            #if BEFORE_CURVE_HISTORY
            curves[trial, default: LearningCurve(trial: trial)].append(step: step, value: value)
            #else
            curves.append(trial: trial, step: step, value: value)
            #endif
        }

        func judge(_ trial: Int) -> EarlyStoppingDecision {
            #if BEFORE_CURVE_HISTORY
            let others = curves.filter { $0.key != trial }.map(\.value)
            return rule.decide(curves[trial]!, others: others, goal: .minimize)
            #else
            return rule.decide(curves[trial]!, history: curves)
            #endif
        }
    }
}
