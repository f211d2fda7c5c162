/// Turning a call into a domain: arity, argument types and bounds are checked here, each
/// error pointing at the argument at fault.
extension SweepFunction {
    /// The domain `name(arguments)` stands for. Pre-sampled draws take their randomness from
    /// `rng`, so they are fixed by the run's seed.
    func domain(_ a: [SweepLiteral], column: Int, closeColumn: Int, rng: inout SplitMix64) throws(SweepProblem) -> Domain {
        try checkArity(a, column: column, closeColumn: closeColumn)
        switch self {
        case .range:
            return .ordinal(try SweepFunction.range(a))
        case .linspace, .logspace, .geomspace:
            return .ordinal(try spaced(a))
        case .uniform, .loguniform:
            let log = self == .loguniform
            let (low, high) = try SweepFunction.realBounds(a[0], a[1], log: log)
            guard a.count == 3 else { return .real(low: low, high: high, log: log) }
            let n = try SweepFunction.count(a[2])
            return .ordinal(SweepFunction.distinctDraws(n, from: .real(low: low, high: high, log: log), rng: &rng))
        case .randint, .lograndint:
            let log = self == .lograndint
            let (low, high) = try SweepFunction.integerBounds(a[0], a[1], log: log)
            guard a.count == 3 else { return .integer(low: low, high: high, log: log) }
            let n = try SweepFunction.count(a[2])
            let size = Double(high) - Double(low) + 1
            guard Double(n) <= size else {
                throw SweepProblem(a[2].column, "cannot draw \(n) different integers from \(low)…\(high)")
            }
            return .ordinal(SweepFunction.distinctDraws(n, from: .integer(low: low, high: high, log: log), rng: &rng))
        case .normal, .lognormal:
            let mean = try SweepFunction.number(a[0], "the mean")
            let sigma = try SweepFunction.number(a[1], "sigma")
            guard sigma > 0 else { throw SweepProblem(a[1].column, "sigma must be > 0") }
            let n = try SweepFunction.count(a[2])
            return .ordinal(SweepFunction.normalDraws(n, mean: mean, sigma: sigma, exponentiate: self == .lognormal, rng: &rng))
        case .choice:
            try SweepFunction.checkDistinct(a)
            return .categorical(a.map(\.value))
        }
    }

    private func checkArity(_ a: [SweepLiteral], column: Int, closeColumn: Int) throws(SweepProblem) {
        if a.count > arity.upperBound {
            throw SweepProblem(a[arity.upperBound].column,
                               "too many arguments: \(rawValue) takes at most \(arity.upperBound) (\(signature))")
        }
        guard a.count < arity.lowerBound else { return }
        if (self == .normal || self == .lognormal) && a.count == 2 {
            throw SweepProblem(closeColumn, "\(rawValue)(mean, sigma) is not a search distribution: "
                + "add a count to pre-sample values, e.g. \(rawValue)(0, 1, 5)")
        }
        if self == .choice { throw SweepProblem(closeColumn, "choice needs at least one value") }
        throw SweepProblem(closeColumn, "too few arguments: \(rawValue) takes \(signature)")
    }

    // MARK: - Arguments

    /// An argument that must be a number (an integer or a real; booleans are not numbers).
    static func number(_ a: SweepLiteral, _ role: String) throws(SweepProblem) -> Double {
        guard let x = a.number else { throw SweepProblem(a.column, "\(role) must be a number, got \(a.value)") }
        return x
    }

    /// An argument that must be a whole number written as an integer.
    static func integer(_ a: SweepLiteral, _ role: String) throws(SweepProblem) -> Int {
        guard case .int(let x) = a.value else {
            throw SweepProblem(a.column, "\(role) must be a whole number such as 3, got \(a.value)")
        }
        return x
    }

    /// A count of values: an integer from 1 to `SweepSyntax.maximumValues`.
    static func count(_ a: SweepLiteral) throws(SweepProblem) -> Int {
        let n = try integer(a, "the count")
        guard n >= 1 else { throw SweepProblem(a.column, "the count must be at least 1, got \(n)") }
        guard n <= SweepSyntax.maximumValues else {
            throw SweepProblem(a.column, "the count \(n) is above the limit of \(SweepSyntax.maximumValues) values")
        }
        return n
    }

    static func realBounds(_ a: SweepLiteral, _ b: SweepLiteral, log: Bool) throws(SweepProblem) -> (Double, Double) {
        let low = try number(a, "the lower bound")
        let high = try number(b, "the upper bound")
        if log && low <= 0 { throw SweepProblem(a.column, "lower bound must be > 0") }
        guard low < high else {
            throw SweepProblem(b.column, "upper bound \(b.value) must be above lower bound \(a.value)")
        }
        return (low, high)
    }

    static func integerBounds(_ a: SweepLiteral, _ b: SweepLiteral, log: Bool) throws(SweepProblem) -> (Int, Int) {
        let low = try integer(a, "the lower bound")
        let high = try integer(b, "the upper bound")
        if log && low <= 0 { throw SweepProblem(a.column, "lower bound must be > 0") }
        guard low < high else {
            throw SweepProblem(b.column, "upper bound \(high) must be above lower bound \(low)")
        }
        return (low, high)
    }

    /// Values must differ; numbers are compared by value, so `1` and `1.0` are the same.
    static func checkDistinct(_ values: [SweepLiteral]) throws(SweepProblem) {
        var seen: [ParameterValue: Int] = [:]
        for v in values {
            let key = v.number.map { ParameterValue.real($0) } ?? v.value
            if let first = seen[key] {
                throw SweepProblem(v.column, "\(v.value) repeats the value at column \(first)")
            }
            seen[key] = v.column
        }
    }
}
