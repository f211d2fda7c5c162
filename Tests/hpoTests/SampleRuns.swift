import Execution
import Foundation
import Search

/// The runs the command tests read: made through the store API with fixed times.
enum SampleRuns {
    static func at(_ seconds: Double) -> Date { RunFixture.at(seconds) }

    /// `brisk-heron-1`: a cancelled run with a trial in almost every state, a long
    /// parameter value and long notes (which the table cuts short and footnotes in full).
    @discardableResult
    static func mixed(in fixture: RunFixture, name: String = "brisk-heron-1") throws -> (layout: RunLayout, store: RunStore) {
        let spec = try RunFixture.spec(["python3", "train.py", "--lr", "loguniform(1e-5, 1e-1)",
                                        "--optimizer", "['sgd', 'adam']", "--layers", "randint(1, 8)",
                                        "--data", "['/datasets/imagenet/train', '/datasets/imagenet-21k/train-shards/part-00001-of-01024']"])
        var random = spec
        random.strategy = .random
        random.trials = 10
        let (layout, store) = try fixture.makeRun(name, spec: random)
        func config(_ lr: Double, _ optimizer: String, _ layers: Int, long: Bool = false) -> Configuration {
            ["lr": .real(lr), "optimizer": .string(optimizer), "layers": .int(layers),
             "data": .string(long ? "/datasets/imagenet-21k/train-shards/part-00001-of-01024" : "/datasets/imagenet/train")]
        }
        try store.finished(1, config(0.012345678901, "adam", 3), .succeeded, objective: 0.41234567890123, start: at(10), seconds: 4.2)
        try store.finished(2, config(0.0001, "sgd", 8, long: true), .succeeded, objective: 0.2345678, start: at(20), seconds: 185)
        try store.finished(3, config(0.1, "sgd", 1), .failed, exitCode: 1, start: at(30), seconds: 0.35)
        try store.finished(4, config(0.00002, "adam", 5), .pruned, objective: 0.91, exitCode: nil, signal: 15,
                           explanation: "pruned by the median rule at step 12: val_loss 0.91 is worse than the median 0.45 of 3 trials at that step",
                           start: at(40), seconds: 61)
        try store.finished(5, config(0.05, "adam", 2), .timeout, exitCode: nil, signal: 9,
                           explanation: "ran past its time limit of 1h00m", start: at(50), seconds: 3723)
        try store.finished(6, config(0.003, "sgd", 4), .failed, exitCode: nil, signal: 9, start: at(60), seconds: 12)
        try store.finished(7, config(0.02, "adam", 6), .noMetric, start: at(70), seconds: 2)
        try store.finished(8, config(0.07, "sgd", 7), .invalid, exitCode: 3, start: at(80), seconds: 1)
        // Preempted once, then succeeded on its second attempt.
        try store.launch(9, config(0.0005, "adam", 2), start: at(90))
        try store.transition(trial: 9, to: .preempted, at: at(95), note: "node lost")
        try store.transition(trial: 9, to: .queued, at: at(96))
        try store.recordStarting(trial: 9, slots: [1], at: at(97))
        try store.recordLaunch(trial: 9, process: ProcessRecord(pid: 2009, processGroup: 2009, startTime: 2), at: at(98))
        try store.recordFinish(trial: 9, state: .succeeded, exitCode: 0, objective: 0.3, steps: 10, at: at(108))
        try store.createTrial(number: 10, configuration: config(0.001, "sgd", 3), at: at(100), queued: true)
        try store.recordFinish(trial: 10, state: .cancelled, explanation: "cancelled before it started (hpo cancel by alice)", at: at(3725))
        try store.setRunState(.cancelled, at: at(3725))
        return (layout, store)
    }

    /// `quick-asha-2`: a completed random search under ASHA (rungs at steps 1, 3, 9 of 27):
    /// trial 0 ran to the end, 1 was pruned at rung 1, 2 at rung 3, and 3 failed after
    /// reporting step 2, which reached rung 1.
    @discardableResult
    static func asha(in fixture: RunFixture, name: String = "quick-asha-2") throws -> (layout: RunLayout, store: RunStore) {
        var spec = try RunFixture.spec(["python3", "train.py", "--lr", "[0.1, 0.01, 0.001, 0.0001]"])
        spec.strategy = .random
        spec.trials = 4
        spec.earlyStopping = EarlyStoppingSpec(rule: .asha, options: ["min_resource": .int(1), "max_resource": .int(27)])
        let (layout, store) = try fixture.makeRun(name, spec: spec)
        let curves: [[(Int, Double)]] = [[(1, 0.9), (3, 0.6), (9, 0.4), (27, 0.3)], [(1, 1.2)], [(1, 0.8), (3, 0.7)], [(2, 0.85)]]
        let ends: [(TrialState, Double?, String?)] = [
            (.succeeded, 0.3, nil),
            (.pruned, 1.2, "pruned by asha at rung 0 (step 1): val_loss 1.2 is worse than cutoff 0.9 (top 1/3 of 2 trials)"),
            (.pruned, 0.7, "pruned by asha at rung 1 (step 3): val_loss 0.7 is worse than cutoff 0.6 (top 1/3 of 2 trials)"),
            (.failed, nil, nil),
        ]
        for (n, lr) in [0.1, 0.01, 0.001, 0.0001].enumerated() {
            try store.launch(n, ["lr": .real(lr)], start: at(10 * Double(n)))
            try store.appendMetrics(trial: n, attempt: 1, points: curves[n].map { MetricPoint(step: $0.0, name: "val_loss", value: $0.1) },
                                    at: at(10 * Double(n) + 5))
            let (state, objective, explanation) = ends[n]
            try store.recordFinish(trial: n, state: state, exitCode: state == .failed ? 1 : (state == .pruned ? nil : 0),
                                   signal: state == .pruned ? 15 : nil, objective: objective, steps: curves[n].count,
                                   explanation: explanation, at: at(10 * Double(n) + 8))
        }
        try store.setRunState(.completed, at: at(40))
        return (layout, store)
    }
}
