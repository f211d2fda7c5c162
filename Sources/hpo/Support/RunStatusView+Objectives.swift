import Execution
import Foundation
import Search

/// `hpo status RUN` of a run with several objectives: the front's size and members, and
/// each trial's objective values.
extension RunStatusView {
    /// `pareto front: 3 trials (2, 5, 9), by val_loss`; nothing for a run with one objective.
    var frontLines: [String] {
        guard snapshot.objectives.count > 1 else { return [] }
        let members = snapshot.front.map(String.init).joined(separator: ", ")
        return ["pareto front: \(DisplayFormat.trials(snapshot.front.count))"
                + (snapshot.front.isEmpty ? " yet" : " (\(members)), by \(snapshot.objectives[0].metric)")]
    }

    /// The further objectives' headers, one column each after the first objective's.
    var furtherObjectiveColumns: [TextTable.Column] {
        snapshot.objectives.dropFirst().map { .init(header: DisplayFormat.cell($0.metric), alignment: .right) }
    }

    /// Trial `trial`'s further objectives' cells (empty strings where it has none).
    func furtherObjectiveCells(_ trial: TrialRecord) -> [String] {
        let values = snapshot.objectiveValues[trial.number] ?? []
        return snapshot.objectives.indices.dropFirst().map { k in
            k < values.count && !values[k].isNaN ? DisplayFormat.number(values[k]) : ""
        }
    }

    /// `--json`'s run-level keys of a run's objectives: `objectives` ([{metric, goal}], one
    /// for a run with one) and `pareto_front` (trial numbers sorted by the first objective;
    /// the best trial alone, or none, for a run with one objective).
    var objectivesJSON: [(String, JSONOutput)] {
        let front = snapshot.objectives.count > 1 ? snapshot.front : snapshot.summary.best.map { [$0.number] } ?? []
        return [
            ("objectives", .array(snapshot.objectives.map {
                .object([("metric", .string($0.metric)), ("goal", .string($0.goal.rawValue))])
            })),
            ("pareto_front", .array(front.map { .int($0) })),
        ]
    }

    /// A trial's `--json` object with `values` ({metric: value or null} for every objective;
    /// null while the trial has not succeeded), `pareto` (true or false for a succeeded
    /// trial, else null) and `metrics` ({name: last value} of every metric it reported) after
    /// its other keys.
    func trialJSON(_ trial: TrialRecord, _ base: JSONOutput) -> JSONOutput {
        guard case .object(var fields) = base else { return base }
        let succeeded = trial.state == .succeeded
        let values = snapshot.objectives.count > 1 ? snapshot.objectiveValues[trial.number] : trial.objective.map { [$0] }
        fields.append(("values", succeeded ? .object(snapshot.objectives.indices.map { k in
            (snapshot.objectives[k].metric, .real(values.flatMap { k < $0.count && !$0[k].isNaN ? $0[k] : nil }))
        }) : .null))
        let onFront = snapshot.objectives.count > 1 ? snapshot.front.contains(trial.number)
            : snapshot.summary.best?.number == trial.number
        fields.append(("pareto", succeeded ? .bool(onFront) : .null))
        fields.append(("metrics", BestCommand.json(snapshot.metricValues[trial.number] ?? [:])))
        return .object(fields)
    }
}
