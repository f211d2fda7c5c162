/// The columns and rows of results.csv:
///
///     trial,state,<each parameter in declared order>,objective,steps,duration_s,exit_code,attempts
///
/// A run with outcome constraints has a `feasible` column after `objective`: `true` or
/// `false` for a succeeded trial (see `RunStore.infeasibleTrials`), empty for the others.
///
/// A run with several objectives has one column per objective, named after its metric, in
/// place of `objective`, and a `pareto` column after them (and after `feasible`): `true` for
/// a trial on the Pareto front, `false` for another succeeded trial, empty for the others
/// (see `RunStore.paretoFront` and `ResultsMarks`).
///
/// After `attempts` come the columns of every metric the trials reported (issue 17): first
/// `best_<metric>`, each objective's best reported value (by its goal), then one column per
/// other metric, named after it (`metric_<name>` where that name is taken by an earlier
/// column), sorted, with the trial's last value. A row is appended as its trial finishes, under
/// the columns of the metrics known when the file was opened; at the end of the run (and on
/// `hpo resume`) the file is rewritten from the store with every metric reported.
///
/// RFC 4180: fields holding a comma, a quote, CR or LF are quoted, quotes doubled; records
/// end with CRLF (RFC 4180's line end; Python's `csv` module, pandas and spreadsheets read it,
/// and a CR inside a quoted field stays unambiguous). Parameter values are written as the
/// trial's command line received them; the objective with the shortest text that reads back
/// as the same double; missing values are empty; `exit_code` is the exit code, or minus the
/// signal number when a signal ended the process (as Python's `subprocess` reports it);
/// `duration_s` is launch to finish of the last attempt, in seconds with millisecond precision.
public struct ResultsTable: Hashable, Sendable {
    /// Parameter names in declared order.
    public let parameterNames: [String]
    /// True for a run with outcome constraints: the table has a `feasible` column.
    public let constrained: Bool
    /// The objectives' metric names when the run has several (each names a column); empty
    /// for a run with one (its column is `objective`).
    public let objectives: [String]
    /// The objectives' metric names whose best value has a `best_<metric>` column.
    public let bestOf: [String]
    /// The other metrics with a column of their last value, sorted.
    public let metrics: [String]

    /// A table for a run with these parameters (and constraints, when `constrained`; and
    /// several objectives, when `objectives` names more than one), with best-value columns of
    /// `bestOf` and last-value columns of `metrics` (the objectives among them left out).
    public init(parameterNames: [String], constrained: Bool = false, objectives: [String] = [], bestOf: [String] = [],
                metrics: [String] = []) {
        self.parameterNames = parameterNames
        self.constrained = constrained
        self.objectives = objectives.count > 1 ? objectives : []
        self.bestOf = bestOf
        self.metrics = metrics.filter { !bestOf.contains($0) && !objectives.contains($0) }.sorted()
    }

    /// The table of the run in `store`, with a column for every metric stored so far (none
    /// should the store not answer: the rewrite at the run's end adds them).
    public init(for store: RunStore) {
        let objectives = store.objectives.map(\.metric)
        self.init(parameterNames: store.parameterNames, constrained: !store.constraints.isEmpty, objectives: objectives,
                  bestOf: objectives, metrics: (try? store.reportedMetricNames()) ?? [])
    }

    /// The column names.
    public var columns: [String] {
        let fixed = ["trial", "state"] + parameterNames + (objectives.isEmpty ? ["objective"] : objectives)
            + (constrained ? ["feasible"] : []) + (objectives.isEmpty ? [] : ["pareto"])
            + ["steps", "duration_s", "exit_code", "attempts"]
        var taken = Set(fixed)
        var out = fixed
        for name in bestOf.map({ "best_" + $0 }) + metrics {
            let column = taken.contains(name) ? "metric_" + name : name
            taken.insert(column)
            out.append(column)
        }
        return out
    }

    /// The header record, with its line end.
    public var header: String { CSVField.record(columns) }

    /// The record of a finished trial, with its line end; `infeasible` tells a succeeded
    /// trial's `feasible` field (read only when `constrained`), `marks` its further
    /// objectives' values and whether it is on the front (read only with several objectives).
    public func row(_ trial: TrialRecord, infeasible: Bool = false, marks: ResultsMarks = ResultsMarks()) -> String {
        var fields = [String(trial.number), trial.state.rawValue]
        for name in parameterNames { fields.append(trial.configuration[name]?.commandLineText ?? "") }
        fields.append(trial.objective.map(ResultsTable.number) ?? "")
        if !objectives.isEmpty {
            let further = marks.furtherValues[trial.number] ?? []
            for k in 1..<objectives.count {
                fields.append(k - 1 < further.count && !further[k - 1].isNaN ? ResultsTable.number(further[k - 1]) : "")
            }
        }
        if constrained { fields.append(trial.state == .succeeded ? String(!infeasible) : "") }
        if !objectives.isEmpty { fields.append(trial.state == .succeeded ? String(marks.front.contains(trial.number)) : "") }
        fields.append(trial.steps.map(String.init) ?? "")
        fields.append(trial.duration.map(ResultsTable.seconds) ?? "")
        if let code = trial.exitCode {
            fields.append(String(code))
        } else if let signal = trial.signal {
            fields.append(String(-signal))
        } else {
            fields.append("")
        }
        fields.append(String(trial.attempt))
        let best = marks.bestValues[trial.number] ?? []
        for k in bestOf.indices { fields.append(k < best.count && !best[k].isNaN ? ResultsTable.number(best[k]) : "") }
        let last = marks.lastValues[trial.number] ?? [:]
        for name in metrics { fields.append(last[name].map { $0.isNaN ? "" : ResultsTable.number($0) } ?? "") }
        return CSVField.record(fields)
    }

    /// Shortest round-trip text of a double (`0.1`, `1e-05`, `3.0`).
    static func number(_ x: Double) -> String { String(x) }

    /// Seconds with three decimals, without a locale (`12.345`).
    static func seconds(_ s: Double) -> String {
        let millis = (max(0, s) * 1000).rounded()
        let whole = Int(millis / 1000)
        let rest = Int(millis) - whole * 1000
        let fraction = String(rest)
        return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
