/// Typed access to a trial's parameters, for training code that wants a `Double` or an `Int`.
extension Trial {
    /// A real parameter (`Domain.real`, `ParameterValue.real`) as a `Double`; integers convert.
    /// The accessors are named after the value's case: `real`, `int`, `string`, `bool`.
    /// - Throws: `StudyError.missingParameter`, or `StudyError.parameterType` for a string or a boolean.
    public func real(_ name: String) throws -> Double {
        let v = try value(named: name)
        guard let x = v.numericValue else { throw typeError(name, "a number", v) }
        return x
    }

    /// `real(_:)` under its former name.
    @available(*, deprecated, renamed: "real(_:)", message: "named after ParameterValue.real, as int, string and bool are")
    public func double(_ name: String) throws -> Double { try real(name) }

    /// An integer parameter.
    /// - Throws: `StudyError.missingParameter`, or `StudyError.parameterType` for anything but an integer.
    public func int(_ name: String) throws -> Int {
        let v = try value(named: name)
        guard case .int(let x) = v else { throw typeError(name, "an integer", v) }
        return x
    }

    /// A string parameter (a categorical choice such as an optimizer's name).
    /// - Throws: `StudyError.missingParameter`, or `StudyError.parameterType` for anything but a string.
    public func string(_ name: String) throws -> String {
        let v = try value(named: name)
        guard case .string(let x) = v else { throw typeError(name, "a string", v) }
        return x
    }

    /// A boolean parameter.
    /// - Throws: `StudyError.missingParameter`, or `StudyError.parameterType` for anything but a boolean.
    public func bool(_ name: String) throws -> Bool {
        let v = try value(named: name)
        guard case .bool(let x) = v else { throw typeError(name, "a boolean", v) }
        return x
    }

    private func value(named name: String) throws -> ParameterValue {
        guard let v = parameters[name] else { throw StudyError.missingParameter(trial: number, name: name) }
        return v
    }

    private func typeError(_ name: String, _ expected: String, _ value: ParameterValue) -> StudyError {
        .parameterType(trial: number, name: name, expected: expected, value: value)
    }
}
