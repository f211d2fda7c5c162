/// A bound a trial's reported metric must respect for the trial to count (`--constraint
/// "peak_memory_gb <= 16"`, `constraints:` in a sweep file; Optuna's `constraints_func`).
///
/// A trial that violates one is still `succeeded`, but infeasible: it is never the best.
/// The value judged is the metric's last reported value (as the objective's); a trial that
/// never reported the metric, or reported NaN, is infeasible (nothing shows it fits).
/// The bound itself is feasible (`<=` and `>=` are inclusive).
public struct OutcomeConstraint: Hashable, Sendable, CustomStringConvertible {
    /// The metric's name, as trials report it.
    public var metric: String
    /// The bound.
    public var bound: Double
    /// True for `metric <= bound`, false for `metric >= bound`.
    public var isUpperBound: Bool

    /// A constraint.
    public init(metric: String, bound: Double, isUpperBound: Bool) {
        self.metric = metric
        self.bound = bound
        self.isUpperBound = isUpperBound
    }

    /// True when `value` respects the bound; NaN never does.
    public func isSatisfied(by value: Double) -> Bool {
        isUpperBound ? value <= bound : value >= bound
    }

    /// True when every constraint is satisfied by its value (`values` aligned with
    /// `constraints`, nil or NaN for a metric never reported). No constraints: true.
    public static func allSatisfied(_ constraints: [OutcomeConstraint], by values: [Double?]) -> Bool {
        for (i, c) in constraints.enumerated() {
            guard i < values.count, let v = values[i], c.isSatisfied(by: v) else { return false }
        }
        return true
    }

    /// How far `values` (aligned with `constraints`) are from respecting them all: the sum
    /// of each bound's excess, 0 when all hold, +∞ when one is missing or NaN (Optuna's
    /// infeasible-trial score, which ranks infeasible trials for TPE).
    public static func violation(_ constraints: [OutcomeConstraint], by values: [Double]) -> Double {
        var total = 0.0
        for (i, c) in constraints.enumerated() {
            guard i < values.count, !values[i].isNaN else { return .infinity }
            total += max(0, c.isUpperBound ? values[i] - c.bound : c.bound - values[i])
        }
        return total
    }

    /// `metric <= bound`, as written back to a sweep file (reads back to an equal value).
    public var description: String {
        let b = bound == bound.rounded() && abs(bound) < 1e15 ? String(Int64(bound)) : "\(bound)"
        return "\(metric) \(isUpperBound ? "<=" : ">=") \(b)"
    }

    /// Reads `metric <= bound` or `metric >= bound` (spaces optional; the metric is what a
    /// metrics line may name: letters, digits, `_`, `.`, `-`, `/`).
    /// - Throws: `OutcomeConstraintError` with the 1-based column at fault.
    public init(parsing text: String) throws(OutcomeConstraintError) {
        let chars = Array(text)
        var i = 0
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        skipSpaces()
        let nameStart = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || "_.-/".contains(chars[i]) { i += 1 }
        let name = String(chars[nameStart..<i])
        guard !name.isEmpty else {
            throw OutcomeConstraintError(text: text, column: nameStart + 1,
                                         reason: "expected a metric name, as in \"peak_memory_gb <= 16\"")
        }
        skipSpaces()
        let opStart = i
        while i < chars.count, "<>=!".contains(chars[i]) { i += 1 }
        let op = String(chars[opStart..<i])
        guard op == "<=" || op == ">=" else {
            let got = op.isEmpty ? (opStart < chars.count ? "'\(chars[opStart])'" : "the end") : "'\(op)'"
            let hint = op == "<" || op == ">" ? " (bounds are inclusive: write \(op)=)" : ""
            throw OutcomeConstraintError(text: text, column: opStart + 1,
                                         reason: "expected <= or >= after '\(name)', got \(got)\(hint)")
        }
        skipSpaces()
        let numberStart = i
        let rest = String(chars[i...]).trimmingTrailingSpaces()
        guard let bound = Double(rest), bound.isFinite else {
            throw OutcomeConstraintError(text: text, column: numberStart + 1,
                                         reason: rest.isEmpty ? "expected a bound (a number) after \(op)"
                                             : "the bound must be a finite number, got '\(rest)'")
        }
        self.init(metric: name, bound: bound, isUpperBound: op == "<=")
    }
}

/// Why a constraint's text cannot be read: the text, the 1-based column, the reason.
public struct OutcomeConstraintError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The constraint as written.
    public var text: String
    /// 1-based column (in characters) where reading failed.
    public var column: Int
    /// What is wrong.
    public var reason: String

    /// An error.
    public init(text: String, column: Int, reason: String) {
        self.text = text
        self.column = column
        self.reason = reason
    }

    public var description: String { "constraint \"\(text)\", column \(column): \(reason)" }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
