/// The columns and rows of results.csv:
///
///     trial,state,<each parameter in declared order>,objective,steps,duration_s,exit_code,attempts
///
/// A run with outcome constraints has a `feasible` column after `objective`: `true` or
/// `false` for a succeeded trial (see `RunStore.infeasibleTrials`), empty for the others.
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

    /// A table for a run with these parameters (and constraints, when `constrained`).
    public init(parameterNames: [String], constrained: Bool = false) {
        self.parameterNames = parameterNames
        self.constrained = constrained
    }

    /// The table of the run in `store`.
    public init(for store: RunStore) {
        self.init(parameterNames: store.parameterNames, constrained: !store.constraints.isEmpty)
    }

    /// The column names.
    public var columns: [String] {
        ["trial", "state"] + parameterNames + ["objective"] + (constrained ? ["feasible"] : [])
            + ["steps", "duration_s", "exit_code", "attempts"]
    }

    /// The header record, with its line end.
    public var header: String { CSVField.record(columns) }

    /// The record of a finished trial, with its line end; `infeasible` tells a succeeded
    /// trial's `feasible` field (read only when `constrained`).
    public func row(_ trial: TrialRecord, infeasible: Bool = false) -> String {
        var fields = [String(trial.number), trial.state.rawValue]
        for name in parameterNames { fields.append(trial.configuration[name]?.commandLineText ?? "") }
        fields.append(trial.objective.map(ResultsTable.number) ?? "")
        if constrained { fields.append(trial.state == .succeeded ? String(!infeasible) : "") }
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
