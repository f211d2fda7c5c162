// Tunes a logistic regression on polynomial features of the two-moons data set with `Study`:
// learning rate and L2 penalty on log scales, batch size from a list, epochs as an integer.
// Each trial reports its validation loss after every epoch (its learning curve) and is told
// its final validation loss. Run with `swift run tune-logistic [trials]`.
import Foundation
import Search

func tune(trials: Int) throws {
    LinearAlgebra.setThreadCount(1)  // OpenBLAS's threads only slow down matrices this small
    let space = try SearchSpace([
        Parameter("lr", .real(low: 1e-3, high: 10, log: true)),
        Parameter("l2", .real(low: 1e-6, high: 1e-1, log: true)),
        Parameter("batch_size", .ordinal([.int(8), .int(16), .int(32), .int(64)])),
        Parameter("epochs", .integer(low: 2, high: 30, log: false)),
    ])
    let (training, validation) = TwoMoons(count: 600, noise: 0.25, seed: 1).split(trainingCount: 200)

    // A median rule stops trials whose curves fall behind the median of the others'.
    let study = try Study(space: space, strategy: .bayes(), goal: .minimize, seed: 7,
                          earlyStopping: try EarlyStoppingRule.make(name: "median", options: ["warmup_steps": 3]))
    for _ in 0..<trials {
        let trial = try study.ask()
        let lr = try trial.double("lr"), l2 = try trial.double("l2")
        let batchSize = try trial.int("batch_size"), epochs = try trial.int("epochs")

        var model = LogisticRegression(features: training.features[0].count)
        var shuffling = SplitMix64(seed: 7, index: trial.number)
        for epoch in 1...epochs {
            model.trainEpoch(training, learningRate: lr, l2: l2, batchSize: batchSize, using: &shuffling)
            try trial.report(step: epoch, value: model.evaluate(validation).loss)
            if study.shouldStop(trial) { break }
        }
        let (loss, accuracy) = model.evaluate(validation)
        let pruned = trial.curve.count < epochs
        try study.tell(trial, pruned ? .pruned(value: loss) : .value(loss))
        print(String(format: "trial %2d  lr=%-8.3g l2=%-9.3g batch_size=%-3d epochs=%-2d  val_loss=%.4f  val_acc=%.3f%@",
                     trial.number, lr, l2, batchSize, epochs, loss, accuracy, pruned ? "  (pruned)" : ""))
    }

    guard let best = study.bestTrial else { print("no trial completed"); return }
    print("\nbest: \(best)")
    print("its validation loss by epoch:", best.curve.map { String(format: "%.3f", $0.value) }.joined(separator: " "))
}

let trials = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 30
do {
    try tune(trials: trials)
} catch {
    FileHandle.standardError.write(Data("tune-logistic: \(error)\n".utf8))
    exit(1)
}
