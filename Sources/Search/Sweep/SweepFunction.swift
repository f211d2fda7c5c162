/// The functions of the sweep syntax. Value generators (`range`, `linspace`, `logspace`,
/// `geomspace`) and pre-sampled draws (a trailing count: `uniform(0, 1, 5)`) become a fixed,
/// ordered list of numbers; distributions without a count (`uniform(0, 1)`) become a range
/// that random and Bayesian search sample from; `choice` lists unordered values.
public enum SweepFunction: String, CaseIterable, Sendable {
    case range, linspace, logspace, geomspace
    case uniform, loguniform, randint, lograndint, normal, lognormal
    case choice

    /// How a call is written, for messages and documentation.
    public var signature: String {
        switch self {
        case .range: return "range(stop), range(start, stop) or range(start, stop, step)"
        case .linspace, .logspace, .geomspace: return "\(rawValue)(start, stop, count)"
        case .uniform, .loguniform, .randint, .lograndint:
            return "\(rawValue)(low, high) or \(rawValue)(low, high, count)"
        case .normal, .lognormal: return "\(rawValue)(mean, sigma, count)"
        case .choice: return "choice(value, value, …)"
        }
    }

    /// How many arguments the function takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .range: return 1...3
        case .linspace, .logspace, .geomspace, .normal, .lognormal: return 3...3
        case .uniform, .loguniform, .randint, .lograndint: return 2...3
        case .choice: return 1...SweepSyntax.maximumValues
        }
    }

    /// The known function closest to a misspelt name, if one is close enough to be the
    /// likely intent: the same name in another case, or at most two edits (insert, delete,
    /// substitute, swap neighbours) away — one edit for names under five letters.
    static func suggestion(for name: String) -> SweepFunction? {
        let lower = name.lowercased()
        let limit = lower.count < 5 ? 1 : 2
        var best: (function: SweepFunction, distance: Int)?
        for f in allCases {
            let d = editDistance(lower, f.rawValue)
            if d <= limit, d < (best?.distance ?? Int.max) { best = (f, d) }
        }
        return best?.function
    }

    /// Optimal-string-alignment distance: Levenshtein plus transposition of adjacent letters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
