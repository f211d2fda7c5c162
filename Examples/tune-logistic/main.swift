// Tunes a logistic regression on polynomial features of the two-moons data set with `Study`:
// learning rate and L2 penalty on log scales, batch size from a list, epochs as an integer.
// Each trial reports its validation loss after every epoch (its learning curve) and returns
// its final validation loss. The study is kept as an hpo run, so `hpo status`, `hpo best`,
// `hpo report` and `hpo ui` show it, and the driver started again after a crash resumes it.
//
//     swift run tune-logistic [trials] [--run NAME] [--root DIR] [--workers K]
//
// (30 trials, run `tune-logistic` under `./runs`, one worker unless given.)
import Foundation
import Execution

/// The command line: `[trials] [--run NAME] [--root DIR] [--workers K]`.
struct Arguments {
    var trials = 30, run = "tune-logistic", root = "runs", workers = 1

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--run": run = try Arguments.value(of: argument, rest.popFirst())
            case "--root": root = try Arguments.value(of: argument, rest.popFirst())
            case "--workers": workers = try Arguments.number(of: argument, rest.popFirst())
            default: trials = try Arguments.number(of: "trials", argument)
            }
        }
    }

    static func value(of option: String, _ value: String?) throws -> String {
        guard let value else { throw UsageError(text: "\(option) needs a value") }
        return value
    }

    static func number(of option: String, _ value: String?) throws -> Int {
        guard let n = Int(try Arguments.value(of: option, value)), n >= 1 else {
            throw UsageError(text: "\(option) takes a whole number of at least 1, got '\(value ?? "")'")
        }
        return n
    }
}

struct UsageError: Error, CustomStringConvertible {
    var text: String
    var description: String { text + "\nusage: tune-logistic [trials] [--run NAME] [--root DIR] [--workers K]" }
}

func tune(_ arguments: Arguments) throws {
    LinearAlgebra.setThreadCount(1)  // OpenBLAS's threads only slow down matrices this small
    let (training, validation) = TwoMoons(count: 600, noise: 0.25, seed: 1).split(trainingCount: 200)

    let space = try SearchSpace([
        Parameter("lr", .real(low: 1e-3, high: 10, log: true)),
        Parameter("l2", .real(low: 1e-6, high: 1e-1, log: true)),
        Parameter("batch_size", .ordinal([8, 16, 32, 64])),
        Parameter("epochs", .integer(low: 2, high: 30, log: false)),
    ])
    // Kept as the run runs/tune-logistic: a driver started again resumes it.
    let study = try Study.open(run: arguments.run, root: arguments.root, space: space, strategy: .bayes(),
                               goal: .minimize, seed: 7,
                               earlyStopping: try EarlyStoppingRule.make(name: "median", options: ["warmup_steps": 3]))
    if study.trials.isEmpty {
        try study.enqueue(["lr": 0.1, "l2": 1e-4, "batch_size": 32, "epochs": 10])  // a known good start
    }
    try study.optimize(trials: arguments.trials, workers: arguments.workers) { trial in
        let lr = try trial.real("lr"), l2 = try trial.real("l2")
        let batchSize = try trial.int("batch_size"), epochs = try trial.int("epochs")
        var model = LogisticRegression(features: training.features[0].count)
        var shuffling = SplitMix64(seed: 7, index: trial.number)
        for epoch in 1...epochs {
            model.trainEpoch(training, learningRate: lr, l2: l2, batchSize: batchSize, using: &shuffling)
            try trial.report(step: epoch, value: model.evaluate(validation).loss)   // the learning curve
            if trial.shouldStop { throw TrialPruned() }                             // early stopping
        }
        let (loss, accuracy) = model.evaluate(validation)
        print(String(format: "trial %2d  lr=%-8.3g l2=%-9.3g batch_size=%-3d epochs=%-2d  val_loss=%.4f  val_acc=%.3f",
                     trial.number, lr, l2, batchSize, epochs, loss, accuracy))
        return loss
    }
    print(study.bestTrial.map { "best: \($0)" } ?? "no trial completed")
}

do {
    try tune(Arguments(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("tune-logistic: \(error)\n".utf8))
    exit(error is UsageError ? 2 : 1)
}
