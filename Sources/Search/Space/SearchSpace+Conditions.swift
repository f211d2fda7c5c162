/// Conditional parameters: which parameters a configuration holds.
///
/// A parameter with a condition is active when its parent is active and takes a value the
/// condition names; a configuration holds exactly the active parameters. Parents are declared
/// before their children, so walking the parameters in declared order decides each one.
extension SearchSpace {
    /// True when some parameter has a condition.
    public var isConditional: Bool { parameters.contains { $0.condition != nil } }

    /// True when `parameter` is active given the values of the parameters before it
    /// (inactive ones absent from `values`).
    public func isActive(_ parameter: Parameter, given values: [String: ParameterValue]) -> Bool {
        guard let condition = parameter.condition else { return true }
        return condition.holds(for: values[condition.parameter])
    }

    /// The names of the parameters conditions name (the parents), in declared order.
    var parentNames: [String] {
        let named = Set(parameters.compactMap { $0.condition?.parameter })
        return names.filter { named.contains($0) }
    }

    /// Checks every condition: it names an earlier, discrete, non-constant parameter, only
    /// values that parameter takes, and can hold.
    static func validateConditions(_ parameters: [Parameter]) throws(SearchSpaceError) {
        let index = Dictionary(parameters.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, p) in parameters.enumerated() {
            guard let c = p.condition else { continue }
            if let cycle = cycle(from: p, in: parameters, index: index) { throw .conditionCycle(cycle) }
            guard let j = index[c.parameter] else {
                throw .conditionOnUnknownParameter(parameter: p.name, parent: c.parameter,
                                                   suggestion: NameSuggestion.closest(to: c.parameter, among: parameters.map(\.name)))
            }
            guard j < i else { throw .conditionOnLaterParameter(parameter: p.name, parent: c.parameter) }
            let parent = parameters[j]
            switch parent.domain {
            case .real: throw .conditionOnContinuousParameter(parameter: p.name, parent: parent.name)
            case .constant: throw .conditionOnConstant(parameter: p.name, parent: parent.name)
            default: break
            }
            guard !c.values.isEmpty else { throw .conditionNeverHolds(parameter: p.name, condition: c.text) }
            for v in c.values where !takes(parent.domain, v) {
                throw .conditionValueNotTaken(parameter: p.name, parent: parent.name, value: v,
                                              values: SweepSyntax.text(for: parent.domain) ?? "")
            }
            // A negated condition that lists every value never holds.
            if c.negated, let all = parent.domain.values, all.allSatisfy({ v in c.values.contains { Condition.matches($0, v) } }) {
                throw .conditionNeverHolds(parameter: p.name, condition: c.text)
            }
        }
    }

    /// The chain of conditions from `p` when it leads back to `p`: `[a, b, a]`.
    private static func cycle(from p: Parameter, in parameters: [Parameter], index: [String: Int]) -> [String]? {
        var path = [p.name]
        var current = p
        while let c = current.condition, let j = index[c.parameter] {
            path.append(c.parameter)
            if c.parameter == p.name { return path }
            if path.count > parameters.count { return nil }  // a cycle that does not pass through p
            current = parameters[j]
        }
        return nil
    }

    /// True when a discrete domain holds a value matching `v` (numbers by value).
    private static func takes(_ domain: Domain, _ v: ParameterValue) -> Bool {
        switch domain {
        case .integer(let low, let high, _):
            guard let x = v.numericValue, x == x.rounded() else { return false }
            return x >= Double(low) && x <= Double(high)
        default:
            return domain.values?.contains { Condition.matches($0, v) } ?? false
        }
    }
}
