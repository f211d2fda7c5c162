/// Literals for parameter values, so that spaces and configurations read as Swift:
/// `.ordinal([16, 32, 64])`, `.categorical(["adam", "sgd"])`, `["lr": 0.01, "batch_size": 32]`.
/// An integer literal is `.int`, a floating-point one `.real`, a string `.string`, `true` and
/// `false` `.bool`.
extension ParameterValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral {
    /// `.int(value)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `.real(value)`.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// `.string(value)`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `.bool(value)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
