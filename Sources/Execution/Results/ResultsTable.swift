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
/// (see `RunStore.paretoFront` and `ParetoMarks`).
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

    /// A table for a run with these parameters (and constraints, when `constrained`; and
    /// several objectives, when `objectives` names more than one).
    public init(parameterNames: [String], constrained: Bool = false, objectives: [String] = []) {
        self.parameterNames = parameterNames
        self.constrained = constrained
        self.objectives = objectives.count > 1 ? objectives : []
    }

    /// The table of the run in `store`.
    public init(for store: RunStore) {
        self.init(parameterNames: store.parameterNames, constrained: !store.constraints.isEmpty,
                  objectives: store.objectives.map(\.metric))
    }

    /// The column names.
    public var columns: [String] {
        ["trial", "state"] + parameterNames + (objectives.isEmpty ? ["objective"] : objectives)
            + (constrained ? ["feasible"] : []) + (objectives.isEmpty ? [] : ["pareto"])
            + ["steps", "duration_s", "exit_code", "attempts"]
    }

    /// The header record, with its line end.
    public var header: String { CSVField.record(columns) }

    /// The record of a finished trial, with its line end; `infeasible` tells a succeeded
    /// trial's `feasible` field (read only when `constrained`), `pareto` its further
    /// objectives' values and whether it is on the front (read only with several objectives).
    public func row(_ trial: TrialRecord, infeasible: Bool = false, pareto: ParetoMarks = ParetoMarks()) -> String {
        var fields = [String(trial.number), trial.state.rawValue]
        for name in parameterNames { fields.append(trial.configuration[name]?.commandLineText ?? "") }
        fields.append(trial.objective.map(ResultsTable.number) ?? "")
        if !objectives.isEmpty {
            let further = pareto.furtherValues[trial.number] ?? []
            for k in 1..<objectives.count {
                fields.append(k - 1 < further.count && !further[k - 1].isNaN ? ResultsTable.number(further[k - 1]) : "")
            }
        }
        if constrained { fields.append(trial.state == .succeeded ? String(!infeasible) : "") }
        if !objectives.isEmpty { fields.append(trial.state == .succeeded ? String(pareto.front.contains(trial.number)) : "") }
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
