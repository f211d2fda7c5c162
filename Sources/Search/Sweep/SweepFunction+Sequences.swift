import Foundation

/// The value generators: `range` (Python's, extended to floats as numpy's `arange`),
/// `linspace`, `logspace` and `geomspace` (numpy's).
///
/// Generated floats are rounded to 15 significant digits, the precision a double holds
/// exactly in decimal, so `range(0, 1, 0.1)` gives `0.3` rather than `0.30000000000000004`
/// and the command line receives the number a person would write.
extension SweepFunction {
    /// `range(stop)`, `range(start, stop)`, `range(start, stop, step)`: `start + i·step` for
    /// i = 0, 1, … while short of `stop` (above it for a negative step). All-integer
    /// arguments give integers; any float gives floats. For floats the count is
    /// `⌈(stop − start)/step − 1e-9⌉`, so a `stop` that rounding puts a hair past the last
    /// step is still excluded.
    static func range(_ a: [SweepLiteral]) throws(SweepProblem) -> [ParameterValue] {
        let startArg: SweepLiteral? = a.count >= 2 ? a[0] : nil
        let stopArg = a.count >= 2 ? a[1] : a[0]
        let stepArg: SweepLiteral? = a.count == 3 ? a[2] : nil
        let start = try startArg.map { a throws(SweepProblem) in try number(a, "start") } ?? 0
        let stop = try number(stopArg, "stop")
        let step = try stepArg.map { a throws(SweepProblem) in try number(a, "step") } ?? 1
        if let stepArg, step == 0 { throw SweepProblem(stepArg.column, "step must not be 0") }
        func int(_ a: SweepLiteral?, _ absent: Int) -> Int? {
            guard let a else { return absent }
            if case .int(let x) = a.value { return x }
            return nil
        }
        let count: Double
        let integers: (start: Int, step: Int)?
        if let s = int(startArg, 0), let e = int(stopArg, 0), let t = int(stepArg, 1) {
            // Exact for any Int: how many steps of size |t| start short of stop.
            let (span, overflow) = t > 0 ? e.subtractingReportingOverflow(s) : s.subtractingReportingOverflow(e)
            count = overflow ? .infinity : span <= 0 ? 0 : Double((span - 1) / (t == .min ? .max : abs(t)) + 1)
            integers = (s, t)
        } else {
            count = max(0, ceil((stop - start) / step - 1e-9))
            integers = nil
        }
        guard count >= 1 else {
            let direction = step > 0 ? "above" : "below"
            throw SweepProblem(stopArg.column, "the range is empty: stop \(stopArg.value) is not \(direction) start "
                + "\(startArg?.value.description ?? "0")" + (step > 0 ? "; count down with a negative step" : ""))
        }
        guard count <= Double(SweepSyntax.maximumValues) else {
            throw SweepProblem(stopArg.column, "the range has more than \(SweepSyntax.maximumValues) values, the limit")
        }
        if let (s, t) = integers {
            return (0..<Int(count)).map { .int(s + $0 * t) }
        }
        return try distinct((0..<Int(count)).map { rounded(start + Double($0) * step) }, at: stopArg.column)
    }

    /// `linspace(start, stop, n)`: `start + i·(stop − start)/(n − 1)`, i = 0…n−1, both ends
    /// included (n = 1 gives `[start]`). `logspace` raises 10 to those exponents. `geomspace`
    /// spaces n values evenly in log scale from `start` to `stop`, which must share a sign
    /// and differ from 0; the ends are exactly `start` and `stop`.
    func spaced(_ a: [SweepLiteral]) throws(SweepProblem) -> [ParameterValue] {
        var start = try SweepFunction.number(a[0], "start")
        var stop = try SweepFunction.number(a[1], "stop")
        let n = try SweepFunction.count(a[2])
        var sign = 1.0
        if self == .geomspace {
            if start == 0 { throw SweepProblem(a[0].column, "geomspace cannot start at 0") }
            if stop == 0 { throw SweepProblem(a[1].column, "geomspace cannot stop at 0") }
            if (start < 0) != (stop < 0) {
                throw SweepProblem(a[1].column, "geomspace needs start and stop of the same sign")
            }
            sign = start < 0 ? -1 : 1
            (start, stop) = (log10(abs(start)), log10(abs(stop)))
        }
        var values: [Double] = (0..<n).map { i in
            let t = n == 1 ? start : start + Double(i) * (stop - start) / Double(n - 1)
            switch self {
            case .logspace: return pow(10, t)
            case .geomspace: return sign * pow(10, t)
            default: return t
            }
        }
        if self == .geomspace {
            values[0] = try SweepFunction.number(a[0], "start")
            if n > 1 { values[n - 1] = try SweepFunction.number(a[1], "stop") }
        }
        if self == .linspace, n > 1 { values[n - 1] = stop }
        return try SweepFunction.distinct(values.map(SweepFunction.rounded), at: a[2].column)
    }

    /// `x` rounded to 15 significant decimal digits.
    static func rounded(_ x: Double) -> Double {
        Double(String(format: "%.15g", x)) ?? x
    }

    /// Wraps generated numbers as values, refusing repeats (`linspace(1, 1, 3)`, or steps
    /// below the 15-digit resolution).
    static func distinct(_ values: [Double], at column: Int) throws(SweepProblem) -> [ParameterValue] {
        var seen = Set<Double>()
        for v in values where !seen.insert(v).inserted {
            throw SweepProblem(column, "the values repeat (\(ParameterValue.real(v))): start and stop must differ, "
                + "and the step must be visible at 15 significant digits")
        }
        for v in values where !v.isFinite {
            throw SweepProblem(column, "the values overflow to \(ParameterValue.real(v))")
        }
        return values.map { .real($0) }
    }
}
