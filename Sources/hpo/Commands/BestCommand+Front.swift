import ArgumentParser
import Execution
import Foundation
import Search
import SweepConfig

/// `hpo best RUN` of a run with several objectives: its Pareto front, one row per
/// non-dominated trial sorted by the first objective (feasible trials only when the run has
/// outcome constraints), each with its objectives' values and its parameters.
extension BestCommand {
    /// Prints the front of the run in `store`; exits 1 while it is empty.
    func printFront(_ store: RunStore, layout: RunLayout, root: RunRoot) throws {
        let snapshot = try store.snapshot()
        let run = snapshot.summary.run
        let front = snapshot.front.compactMap { n in snapshot.trials.first { $0.number == n } }
        let objectives = snapshot.objectives
        guard !front.isEmpty else {
            let succeeded = snapshot.summary.counts[.succeeded] ?? 0
            Terminal.printError("error: run '\(run.name)' has no Pareto front yet: no succeeded trial reported every "
                                + "objective (\(objectives.map(\.metric).joined(separator: ", ")); \(succeeded) succeeded; "
                                + "\(DisplayFormat.counts(snapshot.summary.counts)))")
            throw ExitCode(1)
        }
        let spec = try? SweepSpec(yaml: run.configurationYAML, path: layout.sweepFile)
        let metrics = try store.lastMetricValues(trials: front.map(\.number))
        func argv(_ trial: TrialRecord) -> [String]? { spec.flatMap { try? $0.command.render(trial.configuration, in: $0.space) } }
        if json {
            let members: [JSONOutput] = front.map { trial in
                let values = snapshot.objectiveValues[trial.number] ?? []
                let command = argv(trial)
                return .object([
                    ("trial", RunJSON.trial(trial, order: run.parameterNames, now: Date())),
                    ("values", .object(objectives.indices.map { k in
                        (objectives[k].metric, .real(k < values.count ? values[k] : nil))
                    })),
                    ("command", command.map { .array($0.map(JSONOutput.string)) } ?? .null),
                    ("command_line", .string(command.map(ShellQuoting.join))),
                    ("directory", .string(layout.trial(trial.number).directory)),
                    ("metrics", BestCommand.json(metrics[trial.number] ?? [:])),
                ])
            }
            StandardOutput.write(JSONOutput.object([
                ("run", .string(run.name)),
                ("objectives", .array(objectives.map { .object([("metric", .string($0.metric)),
                                                                 ("goal", .string($0.goal.rawValue))]) })),
                ("front", .array(members)),
            ]).bytes)
            return
        }
        let succeeded = snapshot.summary.counts[.succeeded] ?? 0
        let goals = objectives.map { "\($0.metric) (\($0.goal.rawValue))" }.joined(separator: ", ")
        var lines = ["run \(run.name): Pareto front of \(succeeded) succeeded: \(DisplayFormat.trials(front.count)) "
                     + "that no other beats in every objective, \(goals); sorted by \(objectives[0].metric)"]
        let names = run.parameterNames.filter { name in front.contains { $0.configuration[name] != nil } }
        var table = TextTable(columns: [.init(header: "trial", alignment: .right)]
                              + objectives.map { .init(header: DisplayFormat.cell($0.metric), alignment: .right) }
                              + names.map { .init(header: DisplayFormat.cell($0), shrinkable: true) })
        for trial in front {
            let values = snapshot.objectiveValues[trial.number] ?? []
            table.rows.append([String(trial.number)] + values.map(DisplayFormat.number)
                              + names.map { trial.configuration[$0].map(DisplayFormat.value) ?? "" })
        }
        lines += table.render(width: .max).lines
        lines.append("commands:")
        for trial in front {
            lines.append("  \(trial.number): " + (argv(trial).map(ShellQuoting.display) ?? "unavailable"))
        }
        lines.append("files: \(RunLayout.join(root.show(layout.trialsDirectory), "<trial>"))")
        StandardOutput.writeLines(lines)
    }

    /// `{name: last value}` of every metric a trial reported, by name (NaN as null).
    static func json(_ metrics: [String: Double]) -> JSONOutput {
        .object(metrics.keys.sorted().map { ($0, .real(metrics[$0]!.isNaN ? nil : metrics[$0])) })
    }

    /// `latency_ms 12, val_loss 0.3`: every metric a trial reported with its last value, by name.
    static func text(_ metrics: [String: Double]) -> String {
        metrics.keys.sorted().map { "\($0) \(DisplayFormat.number(metrics[$0]!))" }.joined(separator: ", ")
    }
}
