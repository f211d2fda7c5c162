/// A parsed sweep expression, before it is turned into a domain.
///
/// Grammar (Python literal syntax, no nesting):
///
///     expression := list | call
///     list       := '[' [ value { ',' value } [','] ] ']'
///     call       := NAME '(' [ value { ',' value } [','] ] ')'
///     value      := ['+' | '-'] NUMBER | STRING | 'True' | 'False'
enum SweepExpression: Equatable {
    /// `[v1, v2, …]`; `column` is that of the `[`.
    case list([SweepLiteral], column: Int)
    /// `name(a, b, …)`; `closeColumn` is that of the `)`, where missing arguments are reported.
    case call(name: String, column: Int, arguments: [SweepLiteral], closeColumn: Int)
}

/// One literal value of an expression and where it was written.
struct SweepLiteral: Equatable {
    /// The value: `.int`, `.real`, `.string` or `.bool`.
    var value: ParameterValue
    /// 1-based column of its first character (its sign, if any).
    var column: Int

    /// The value as a number, when it is an integer or a real (never a boolean).
    var number: Double? { value.numericValue }
}
