/// A named hyperparameter and its domain.
public struct Parameter: Hashable, Sendable {
    /// The name a trial sees: `{name}` placeholders, `--name value`, `HPO_PARAMS` keys.
    public var name: String
    /// The values it may take.
    public var domain: Domain
    /// For the grid strategy only: how many evenly spaced points (in log space for log
    /// domains) stand for a continuous domain. Without it grid refuses a continuous domain.
    public var gridPoints: Int?
    /// When the parameter exists; nil: always. A configuration where the condition does not
    /// hold lacks the parameter (it is inactive).
    public var condition: Condition?

    /// Creates a parameter; `SearchSpace` validates it.
    public init(_ name: String, _ domain: Domain, gridPoints: Int? = nil, when condition: Condition? = nil) {
        self.name = name
        self.domain = domain
        self.gridPoints = gridPoints
        self.condition = condition
    }
}
