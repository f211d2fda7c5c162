/// The built-in early-stopping rules by name, with their options: what a sweep file's
/// `early_stopping: {rule: asha, reduction_factor: 3}` refers to.
public enum EarlyStoppingRule: String, CaseIterable, Sendable {
    /// `MedianStopping`.
    case median
    /// `SuccessiveHalving` (asynchronous successive halving).
    case asha
    /// `Hyperband`.
    case hyperband
    /// `ThresholdStopping`.
    case threshold
    /// `PatienceStopping`.
    case patience

    /// What the rule does, one sentence.
    public var summary: String {
        switch self {
        case .median:
            return "stop a trial whose best value so far is worse than the median of the other trials' best values at the same step"
        case .asha:
            return "asynchronous successive halving: at each rung only the top 1/reduction_factor of the trials that reached it continue"
        case .hyperband:
            return "several asha brackets with different first rungs; each trial is assigned to one bracket by its number"
        case .threshold:
            return "stop a trial whose latest value is worse than a fixed bound, or NaN"
        case .patience:
            return "stop a trial that has not improved by at least min_delta for patience steps"
        }
    }

    /// The rule's options, in the order documentation lists them.
    public var options: [EarlyStoppingOption] {
        let warmup = EarlyStoppingOption(
            "warmup_steps", default: .value(0), .integer(atLeast: 0),
            "points at steps below this are never stopped")
        let minResource = EarlyStoppingOption(
            "min_resource", default: .value(1), .integer(atLeast: 1),
            "the step of the first rung (the grace period every trial gets)")
        // Judging every trial after its first report lost the digits example's best trial in
        // most launch orders (README, "asha"); a tenth of the full length kept it.
        var ashaMinResource = minResource
        ashaMinResource.defaultValue = .derived("max_resource / 10, at least 1 (1 without max_resource)")
        let reductionFactor = EarlyStoppingOption(
            "reduction_factor", default: .value(3), .integer(atLeast: 2),
            "η: rung k sits at step min_resource·η^k, and the top 1/η of the trials at a rung continue")
        switch self {
        case .median:
            return [
                warmup,
                EarlyStoppingOption(
                    "min_trials", default: .value(5), .integer(atLeast: 1),
                    "how many other trials must have reached the step before any trial is stopped"),
            ]
        case .asha:
            return [
                ashaMinResource, reductionFactor,
                EarlyStoppingOption(
                    "max_resource", default: .none, .integer(atLeast: 2),
                    "the steps a full trial runs; rungs lie below it (none: rungs go on without end)"),
            ]
        case .hyperband:
            return [
                minResource,
                EarlyStoppingOption(
                    "max_resource", default: .required, .integer(atLeast: 2),
                    "the steps a full trial runs; it fixes the number of brackets"),
                reductionFactor,
            ]
        case .threshold:
            return [
                EarlyStoppingOption(
                    "bound", default: .required, .finite,
                    "the worst acceptable value: above it when minimizing, below it when maximizing"),
                warmup,
            ]
        case .patience:
            return [
                EarlyStoppingOption(
                    "patience", default: .required, .integer(atLeast: 1),
                    "how many steps a trial may go without improving"),
                EarlyStoppingOption(
                    "min_delta", default: .value(0), .nonNegative,
                    "the smallest change that counts as an improvement"),
                warmup,
            ]
        }
    }

    /// Builds a rule from its name and options, e.g. `make(name: "asha", options:
    /// ["reduction_factor": 4])`. Options not given take their defaults.
    ///
    /// - Throws: `EarlyStoppingError` for an unknown rule or option, a missing required
    ///   option, or a value the option does not accept.
    public static func make(name: String, options: [String: Double] = [:]) throws -> any EarlyStopping {
        guard let rule = EarlyStoppingRule(rawValue: name.lowercased()) else {
            throw EarlyStoppingError.unknownRule(name: name, suggestion: suggestion(forRule: name))
        }
        return try rule.make(options: options)
    }

    /// Builds this rule from options; see `make(name:options:)`.
    public func make(options given: [String: Double] = [:]) throws -> any EarlyStopping {
        let specs = options
        for key in given.keys.sorted() where !specs.contains(where: { $0.name == key }) {
            throw EarlyStoppingError.unknownOption(rule: rawValue, option: key, suggestion: suggestion(forOption: key))
        }
        var values: [String: Double] = [:]
        for spec in specs {
            if let v = given[spec.name] {
                try check(spec.name, v)
                values[spec.name] = v
            } else if case .value(let d) = spec.defaultValue {
                values[spec.name] = d
            } else if spec.defaultValue == .required {
                throw EarlyStoppingError.missingOption(rule: rawValue, option: spec.name)
            }
        }
        // Integer options were checked to be whole numbers within 2^53, so Int(_:) is exact.
        func int(_ name: String) -> Int { Int(values[name]!) }
        switch self {
        case .median:
            return try MedianStopping(warmupSteps: int("warmup_steps"), minTrials: int("min_trials"))
        case .asha:
            return try SuccessiveHalving(minResource: values["min_resource"].map { Int($0) }, reductionFactor: int("reduction_factor"),
                                         maxResource: values["max_resource"].map { Int($0) })
        case .hyperband:
            return try Hyperband(minResource: int("min_resource"), maxResource: int("max_resource"),
                                 reductionFactor: int("reduction_factor"))
        case .threshold:
            return try ThresholdStopping(bound: values["bound"]!, warmupSteps: int("warmup_steps"))
        case .patience:
            return try PatienceStopping(patience: int("patience"), minDelta: values["min_delta"]!,
                                        warmupSteps: int("warmup_steps"))
        }
    }

    /// Checks one option's value against its requirement; the rules' initializers call this
    /// too, so Swift callers and sweep files get the same messages.
    func check(_ option: String, _ value: Double) throws {
        guard let spec = options.first(where: { $0.name == option }) else {
            preconditionFailure("\(rawValue) has no option \(option)")
        }
        guard spec.requirement.accepts(value) else {
            var phrase = spec.requirement.phrase
            if case .integer = spec.requirement, value.isFinite, abs(value) > EarlyStoppingOption.Requirement.largestInteger {
                phrase += " and at most 2^53"
            }
            throw EarlyStoppingError.invalidOption(rule: rawValue, option: option, value: value, requirement: phrase)
        }
    }
}
