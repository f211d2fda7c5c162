import Execution
import Report

/// The rungs block of `hpo status RUN` for an `asha` or `hyperband` run:
///
///     rungs of asha (η = 3): trials that reached each step, and the best val_loss there
///     step  trials  best val_loss  trial
///        1      12       0.412346      3
///        3       4       0.301000      3
///     the model's best guess (fitted at step 3): trial 3, lr=0.01 layers=4
///
/// The last line is a bayes run's (`RungTally.guess`).
extension RunStatusView {
    /// The block's lines: a sentence, then one row per rung reached.
    static func lines(_ tally: RungTally, metric: String) -> [String] {
        var table = TextTable(columns: [
            .init(header: "step", alignment: .right), .init(header: "trials", alignment: .right),
            .init(header: "best \(DisplayFormat.cell(metric))", alignment: .right), .init(header: "trial", alignment: .right),
        ])
        for rung in tally.rungs {
            table.rows.append([String(rung.step), String(rung.trials), rung.best.map { DisplayFormat.number($0.value) } ?? "",
                               rung.best.map { String($0.trial) } ?? ""])
        }
        return ["rungs of \(tally.rule) (η = \(tally.ladder.reductionFactor)): trials that reached each step, "
                + "and the best \(metric) there"] + table.render(width: .max).lines + guessLines(tally.guess)
    }

    private static func guessLines(_ guess: RungTally.ModelGuess?) -> [String] {
        guard let guess else { return [] }
        let level = guess.level.map { " (fitted at step \($0))" } ?? ""
        return ["the model's best guess\(level): trial \(guess.trial), \(guess.parameters)"]
    }

    /// `{"trial", "parameters", "step"}` of the model's best guess, or null.
    static func json(_ guess: RungTally.ModelGuess?) -> JSONOutput {
        guard let guess else { return .null }
        return .object([("trial", .int(guess.trial)), ("parameters", .string(guess.parameters)),
                        ("step", guess.level.map { .int($0) } ?? .null)])
    }

    /// `[{"step", "trials", "best": {"trial", "objective"} or null}…]`, by step.
    static func json(_ tally: RungTally) -> JSONOutput {
        .array(tally.rungs.map { rung in
            .object([
                ("step", .int(rung.step)), ("trials", .int(rung.trials)),
                ("best", rung.best.map { .object([("trial", .int($0.trial)), ("objective", .real($0.value))]) } ?? .null),
            ])
        })
    }
}
