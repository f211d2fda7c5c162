/// An ordered, validated set of parameters: the space a strategy searches.
///
/// Declared order matters: it is the column order of results and the grid's enumeration
/// order (the first parameter varies fastest).
public struct SearchSpace: Hashable, Sendable {
    /// The parameters in declared order.
    public let parameters: [Parameter]

    /// Validates the parameters: unique non-empty names, `low < high`, `low > 0` on log
    /// scales, finite bounds, non-empty value lists without duplicates or NaN, and conditions
    /// on earlier discrete parameters that can hold (`validateConditions`).
    public init(_ parameters: [Parameter]) throws {
        var seen = Set<String>()
        for p in parameters {
            guard !p.name.isEmpty else { throw SearchSpaceError.emptyName }
            guard seen.insert(p.name).inserted else { throw SearchSpaceError.duplicateName(p.name) }
            try SearchSpace.validate(p)
        }
        try SearchSpace.validateConditions(parameters)
        self.parameters = parameters
    }

    /// The parameter names in declared order.
    public var names: [String] { parameters.map(\.name) }

    /// The parameter with this name, if any.
    public subscript(name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// True when every parameter has finitely many values.
    public var isDiscrete: Bool { parameters.allSatisfy { $0.domain.isDiscrete } }

    /// The number of distinct configurations, or nil when the space is continuous
    /// (or too large to count in an `Int`). A conditional space counts its tree: the
    /// configurations of each branch (`branches`), added up.
    public var cardinality: Int? {
        if isConditional {
            return SpaceEnumeration.count(self, limit: .max) { p in p.domain.cardinality.map { (count: $0, values: { p.domain.values! }) } }
        }
        var total = 1
        for p in parameters {
            guard let k = p.domain.cardinality else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: k)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// True when `configuration` assigns every active parameter a value inside its domain
    /// and names no other parameter (no inactive one, no unknown one).
    public func contains(_ configuration: Configuration) -> Bool {
        var active = 0
        for p in parameters {
            let v = configuration[p.name]
            guard isActive(p, given: configuration.values) else {
                if v != nil { return false }
                continue
            }
            guard let v, SearchSpace.domain(p.domain, contains: v) else { return false }
            active += 1
        }
        return active == configuration.values.count
    }

    private static func domain(_ domain: Domain, contains value: ParameterValue) -> Bool {
        switch domain {
        case .real(let low, let high, _):
            guard let x = value.numericValue else { return false }
            return x >= low && x <= high
        case .integer(let low, let high, _):
            guard case .int(let x) = value else { return false }
            return x >= low && x <= high
        case .categorical(let values), .ordinal(let values):
            return values.contains(value)
        case .constant(let v):
            return v == value
        }
    }

    private static func validate(_ p: Parameter) throws {
        switch p.domain {
        case .real(let low, let high, let log):
            guard low.isFinite, high.isFinite else { throw SearchSpaceError.nonFiniteBound(parameter: p.name) }
            if log && low <= 0 {
                throw SearchSpaceError.logNeedsPositiveLow(parameter: p.name, low: ParameterValue.real(low).commandLineText)
            }
            guard low < high else {
                throw SearchSpaceError.emptyRange(parameter: p.name, low: ParameterValue.real(low).commandLineText,
                                                  high: ParameterValue.real(high).commandLineText)
            }
        case .integer(let low, let high, let log):
            if log && low <= 0 { throw SearchSpaceError.logNeedsPositiveLow(parameter: p.name, low: String(low)) }
            guard low <= high else {
                throw SearchSpaceError.emptyRange(parameter: p.name, low: String(low), high: String(high))
            }
        case .categorical(let values), .ordinal(let values):
            guard !values.isEmpty else { throw SearchSpaceError.emptyValues(parameter: p.name) }
            if values.contains(where: \.isNaN) { throw SearchSpaceError.nanValue(parameter: p.name) }
            var seen = Set<ParameterValue>()
            for v in values where !seen.insert(v).inserted {
                throw SearchSpaceError.duplicateValue(parameter: p.name, value: v)
            }
            if case .ordinal = p.domain, let bad = values.first(where: { $0.numericValue == nil }) {
                throw SearchSpaceError.ordinalNeedsNumbers(parameter: p.name, value: bad)
            }
        case .constant(let v):
            if v.isNaN { throw SearchSpaceError.nanValue(parameter: p.name) }
        }
        if let n = p.gridPoints, n < 1 { throw SearchSpaceError.invalidGridPoints(parameter: p.name, points: n) }
    }
}
