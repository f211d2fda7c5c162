/// Asking for particular configurations first, as Optuna's `enqueue_trial`: a known good
/// setting, the defaults of a paper, a configuration to compare against.
extension Study {
    /// Queues `configuration`: the next asks hand it out, in the order enqueued, before any
    /// suggestion of the strategy (after trials a stopped driver left running). It becomes a
    /// trial, numbered when asked, that the strategy then hears as any other.
    ///
    ///     try study.enqueue(["lr": 0.01, "batch_size": 32, "optimizer": "adam"])
    ///
    /// Give a value to every parameter that is active given the others, and none to the
    /// inactive ones. Enqueued configurations not yet asked are kept in memory only: a driver
    /// that restarts enqueues them again (those already asked are stored trials).
    /// - Throws: `StudyError.enqueuedOutsideSpace`, naming the parameter and what it accepts.
    public func enqueue(_ configuration: Configuration) throws {
        if let problem = problem(with: configuration) {
            throw StudyError.enqueuedOutsideSpace(configuration: text(of: configuration), problem: problem)
        }
        locked { queue.configurations.append(configuration) }
    }

    /// The first reason `configuration` is not a point of the space, said for a person.
    func problem(with configuration: Configuration) -> String? {
        if let unknown = configuration.values.keys.filter({ space[$0] == nil }).sorted().first {
            return "the space has no parameter '\(unknown)' (its parameters: \(space.names.joined(separator: ", ")))"
        }
        for p in space.parameters {
            let value = configuration[p.name]
            guard space.isActive(p, given: configuration.values) else {
                if value != nil { return "'\(p.name)' is inactive given the other values (\(p.condition!.text)); leave it out" }
                continue
            }
            guard let value else { return "'\(p.name)' needs a value" }
            if !p.domain.admits(value) {
                return "'\(p.name)' = \(value.commandLineText) is not in its domain, \(p.domain.readable)"
            }
        }
        return nil
    }
}

extension Domain {
    /// True when `value` lies in the domain (as `SearchSpace.contains` judges each value).
    fileprivate func admits(_ value: ParameterValue) -> Bool {
        switch self {
        case .real(let low, let high, _): return value.numericValue.map { $0 >= low && $0 <= high } ?? false
        case .integer(let low, let high, _):
            guard case .int(let x) = value else { return false }
            return x >= low && x <= high
        case .categorical(let values), .ordinal(let values): return values.contains(value)
        case .constant(let v): return v == value
        }
    }

    /// The domain as a person reads it: `a real in [0.001, 10]`, `one of 16, 32, 64`.
    fileprivate var readable: String {
        switch self {
        case .real(let low, let high, _): return "a real in [\(low), \(high)]"
        case .integer(let low, let high, _): return "an integer in [\(low), \(high)]"
        case .categorical(let values), .ordinal(let values):
            return "one of " + values.map(\.commandLineText).joined(separator: ", ")
        case .constant(let value): return "the constant \(value.commandLineText)"
        }
    }
}
