import Foundation

/// How a finished trial of another run becomes a prior of this run (`--warm-start`):
///
/// - parameters are matched by name; a value is taken as it is when this run's domain holds
///   it (an integer where the domain is real counts as that real; a whole real where it is
///   an integer, as that integer);
/// - a value outside this run's domain (a range narrowed, a choice removed) drops the trial:
///   its objective says nothing about a configuration this run could try;
/// - a parameter this run searches that the other run did not (a new one) drops the trial:
///   its value there is unknown, and no stand-in would be honest; a new constant (not
///   searched) takes its one value;
/// - a parameter of the other run that this run no longer has is left out (the trial is kept:
///   its value was fixed in both runs as far as this run's model can tell);
/// - a conditional parameter that is inactive here is left out, one active here but absent
///   there drops the trial.
///
/// Each drop has a reason, counted per source run and shown to the user.
public enum PriorMapping {
    /// The configuration of this run's `space` for `values`, or why there is none.
    public static func map(_ values: Configuration, into space: SearchSpace) -> Result<Configuration, Dropped> {
        var out: [String: ParameterValue] = [:]
        for parameter in space.parameters {
            guard space.isActive(parameter, given: out) else { continue }
            guard let value = values[parameter.name] else {
                if case .constant(let v) = parameter.domain { out[parameter.name] = v; continue }
                return .failure(.newParameter(parameter.name))
            }
            guard let fitted = fit(value, parameter.domain) else { return .failure(.outOfDomain(parameter.name)) }
            out[parameter.name] = fitted
        }
        let configuration = Configuration(out)
        return space.contains(configuration) ? .success(configuration) : .failure(.outOfDomain(space.names.first ?? ""))
    }

    /// `value` as a value of `domain`, or nil when the domain does not hold it.
    static func fit(_ value: ParameterValue, _ domain: Domain) -> ParameterValue? {
        let candidate: ParameterValue
        switch (domain, value) {
        case (.real, .int(let n)): candidate = .real(Double(n))
        case (.integer, .real(let x)) where x == x.rounded() && abs(x) < 9e15: candidate = .int(Int(x))
        default: candidate = value
        }
        switch domain {
        case .real(let low, let high, _):
            guard case .real(let x) = candidate else { return nil }
            return x >= low && x <= high ? candidate : nil
        case .integer(let low, let high, _):
            guard case .int(let n) = candidate else { return nil }
            return n >= low && n <= high ? candidate : nil
        case .categorical(let values), .ordinal(let values):
            return values.first { $0 == candidate || $0.numericValue.map { $0 == candidate.numericValue } ?? false }
        case .constant(let v):
            return v == candidate || (v.numericValue != nil && v.numericValue == candidate.numericValue) ? v : nil
        }
    }

    /// Why a trial was dropped.
    public enum Dropped: Error, Hashable, Sendable, CustomStringConvertible {
        /// This run searches a parameter the trial has no value of.
        case newParameter(String)
        /// The trial's value lies outside this run's domain of the parameter.
        case outOfDomain(String)

        public var description: String {
            switch self {
            case .newParameter(let name): return "no value for the new parameter \(name)"
            case .outOfDomain(let name): return "\(name) outside this run's values"
            }
        }
    }
}
