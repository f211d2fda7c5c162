/// The parameter values of one trial, by parameter name.
public struct Configuration: Hashable, Sendable {
    /// Values by parameter name.
    public var values: [String: ParameterValue]

    /// Creates a configuration from values by name.
    public init(_ values: [String: ParameterValue]) {
        self.values = values
    }

    /// The value of the named parameter, if present.
    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

extension Configuration: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, ParameterValue)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}
