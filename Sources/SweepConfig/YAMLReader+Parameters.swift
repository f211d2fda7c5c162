import Yams

/// The `parameters` section. Each parameter is one of:
///
/// - a sweep-syntax string: `"loguniform(1e-5, 1e-1)"`, `"[32, 64]"`, `"range(1, 5)"`;
/// - a list: `[sgd, adam]` (numbers only: ordered; otherwise categorical);
/// - a mapping: `{distribution: uniform | log_uniform | int_uniform | log_int_uniform |
///   categorical, min, max, values, grid_points}` or `{value: x}`;
/// - any other scalar: a constant passed to every trial (`epochs: 10`, `model: bert`).
///
/// A mapping may carry `when: "optimizer == 'sgd'"` (or `in [...]`, `!=`, `not in [...]`),
/// and a sweep-syntax string may end in `when …`: the parameter then exists only in trials
/// where the condition holds (`Condition`).
extension YAMLReader {
    /// The keys of a parameter given as a mapping.
    static let parameterKeys = ["distribution", "min", "max", "values", "value", "grid_points", "when"]

    /// The distributions a mapping may name (`log_uniform_values` is W&B's name for `log_uniform`).
    static let distributions = ["uniform", "log_uniform", "log_uniform_values", "int_uniform", "log_int_uniform", "categorical"]

    func parameter(_ name: String, _ node: Node, seed: UInt64) throws(SweepFileError) -> Parameter {
        let what = "parameter '\(name)'"
        switch node {
        case .scalar(let s) where YAMLReader.tag(node) == .str && SweepSyntax.isExpression(s.string):
            do {
                return try SweepSyntax.parameter(of: s.string, flag: name, parameter: name, seed: seed)
            } catch {
                // Point into the line: quoted scalars start one column before their text.
                let quote = s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0
                throw self.error(node, "\(what): \"\(s.string)\": \(error.message)", columnOffset: quote + error.column - 1)
            }
        case .scalar:
            return Parameter(name, .constant(try value(node, what)))
        case .sequence:
            return Parameter(name, try list(try sequence(node, what), what, at: node, categorical: false))
        case .mapping:
            return try mappingParameter(name, node, what)
        }
    }

    /// A list of scalar values: ordinal when all are numbers (and `categorical` is false).
    private func list(_ elements: [Node], _ what: String, at node: Node, categorical: Bool) throws(SweepFileError) -> Domain {
        guard !elements.isEmpty else { throw error(node, "\(what) needs at least one value") }
        var values: [ParameterValue] = []
        var seen = Set<ParameterValue>()
        for e in elements {
            let v = try value(e, "a value of \(what)")
            let key = v.numericValue.map { ParameterValue.real($0) } ?? v
            guard seen.insert(key).inserted else { throw error(e, "\(what): value \(v) is listed twice") }
            values.append(v)
        }
        return !categorical && values.allSatisfy({ $0.numericValue != nil }) ? .ordinal(values) : .categorical(values)
    }

    private func mappingParameter(_ name: String, _ node: Node, _ what: String) throws(SweepFileError) -> Parameter {
        var n: [String: Node] = [:]
        for e in try mapping(node, what) {
            if e.key == "parameters" {
                // W&B's nested blocks: said plainly, with the spelling hpo reads instead.
                throw error(e.keyNode, "\(what): nested 'parameters:' blocks (W&B's spelling) are not read; declare each "
                            + "nested parameter at the top level, with `when:` if it exists only for some values of "
                            + "another, e.g. momentum: {min: 0, max: 0.99, when: \"optimizer == 'sgd'\"}")
            }
            try checkKey(e.key, at: e.keyNode, in: what, known: YAMLReader.parameterKeys)
            n[e.key] = e.value
        }
        var parameter = try mappingDomain(name, node, what, n.filter { $0.key != "when" })
        if let w = n["when"] { parameter.condition = try condition(w, what) }
        return parameter
    }

    /// Where a parameter's condition is written: its `when:` value, the `when` of its sweep
    /// text, or else the parameter's value itself.
    func conditionPlace(of node: Node) -> (node: Node?, columnOffset: Int) {
        let at = node.mapping?["when"] ?? node
        guard let scalar = at.scalar else { return (at, 0) }
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        let column = at == node ? SweepSyntax.splitCondition(scalar.string)?.2 ?? 1 : 1
        return (at, quote + column - 1)
    }

    /// A `when:` condition, errors pointing into its text.
    private func condition(_ node: Node, _ what: String) throws(SweepFileError) -> Condition {
        let text = try string(node, "\(what): when")
        do {
            return try SweepSyntax.condition(of: text, flag: what)
        } catch {
            let quote = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted ? 1 : 0 } ?? 0
            throw self.error(node, "\(what): when \"\(text)\": \(error.message)", columnOffset: quote + error.column - 1)
        }
    }

    private func mappingDomain(_ name: String, _ node: Node, _ what: String, _ n: [String: Node]) throws(SweepFileError) -> Parameter {
        let distribution = try n["distribution"].map { d throws(SweepFileError) -> String in
            let text = try string(d, "\(what): distribution")
            guard YAMLReader.distributions.contains(text) else {
                let hint = NameSuggestion.closest(to: text, among: YAMLReader.distributions).map { "; did you mean \($0)?" } ?? ""
                throw error(d, "\(what): unknown distribution '\(text)'; use one of "
                    + YAMLReader.distributions.joined(separator: ", ") + hint)
            }
            return text
        }
        let gridPoints = try n["grid_points"].map { g throws(SweepFileError) in try integer(g, "\(what): grid_points", minimum: 1) }
        if let v = n["value"] {
            if let other = n.keys.sorted().first(where: { $0 != "value" }) {
                throw error(n[other], "\(what): a constant 'value' takes no '\(other)'")
            }
            return Parameter(name, .constant(try value(v, what)))
        }
        if let valuesNode = n["values"] {
            if let other = ["min", "max", "grid_points"].first(where: { n[$0] != nil }) {
                throw error(n[other], "\(what): '\(other)' does not go with 'values'")
            }
            if let d = distribution, d != "categorical" {
                throw error(n["distribution"], "\(what): distribution \(d) takes min and max, not values")
            }
            let domain = try list(try sequence(valuesNode, "\(what): values"), what, at: valuesNode,
                                  categorical: distribution == "categorical")
            return Parameter(name, domain)
        }
        if distribution == "categorical" { throw error(node, "\(what): distribution categorical needs values") }
        guard let minNode = n["min"], let maxNode = n["max"] else {
            throw error(node, "\(what) needs min and max, values, or value")
        }
        let low = try value(minNode, "\(what): min"), high = try value(maxNode, "\(what): max")
        let bothIntegers: Bool = { if case .int = low, case .int = high { return true } else { return false } }()
        let kind = distribution ?? (bothIntegers ? "int_uniform" : "uniform")
        let log = kind.hasPrefix("log")
        if kind.contains("int") {
            guard case .int(let a) = low else { throw error(minNode, "\(what): min of \(kind) must be a whole number, got \(low)") }
            guard case .int(let b) = high else { throw error(maxNode, "\(what): max of \(kind) must be a whole number, got \(high)") }
            if log && a <= 0 { throw error(minNode, "\(what): min of \(kind) must be > 0, got \(a)") }
            guard a < b else { throw error(maxNode, "\(what): max \(b) must be above min \(a)") }
            return Parameter(name, .integer(low: a, high: b, log: log), gridPoints: gridPoints)
        }
        guard let a = low.numericValue else { throw error(minNode, "\(what): min must be a number, got \(low)") }
        guard let b = high.numericValue else { throw error(maxNode, "\(what): max must be a number, got \(high)") }
        if log && a <= 0 {
            throw error(minNode, "\(what): min of \(kind) must be > 0, got \(low) (bounds are values, not exponents as in W&B's log_uniform)")
        }
        guard a < b else { throw error(maxNode, "\(what): max \(high) must be above min \(low)") }
        return Parameter(name, .real(low: a, high: b, log: log), gridPoints: gridPoints)
    }
}
