/// A command line with sweep values in it, the Grid.ai way:
///
///     python3 train.py --lr "[0.1, 0.01]" --optimizer "['sgd', 'adam']" --epochs 3
///
/// Every `--flag VALUE` and `--flag=VALUE` (one dash works too) whose value is a sweep
/// expression (`SweepSyntax.isExpression`) becomes a parameter named after the flag
/// (`--food_item` → `food_item`), and its value's place in the argv becomes the parameter's
/// placeholder, so the trials keep the order of the original command. Everything else — the
/// program, literal values, flags without values, positional arguments — passes through
/// byte for byte. Parameters are declared in order of appearance: the first varies fastest
/// in a grid.
///
/// A value may end in a condition, `--momentum "uniform(0, 0.99) when optimizer == 'sgd'"`
/// (`SweepSyntax.parameter(of:…)`): the flag and its value leave the command, and a trial
/// where the condition holds gets `--momentum value` appended (a trial where it does not,
/// nothing).
public struct CommandLineSweep: Hashable, Sendable {
    /// The swept parameters, in order of appearance (after the `base` parameters, when given).
    public var space: SearchSpace
    /// The command with a placeholder where each swept value was.
    public var template: CommandTemplate

    /// Reads a command line.
    /// - Parameters:
    ///   - seed: the run's seed, which fixes pre-sampled draws such as `uniform(0, 1, 5)`.
    ///   - base: a sweep file's parameters the command line adds to: the space is then the
    ///     file's with the command line's merged in (replacing by name in place, new ones
    ///     after), so a condition may name a parameter of the file.
    /// - Throws: `SweepSyntaxError` for a malformed expression, a flag swept twice, or a
    ///   condition the merged space refuses.
    public init(parsing argv: [String], seed: UInt64, base: [Parameter] = []) throws(SweepSyntaxError) {
        var parameters: [Parameter] = []
        var flags: [String: String] = [:]
        var texts: [String: String] = [:]
        var arguments: [[CommandTemplate.Segment]] = []
        var i = 0
        while i < argv.count {
            let element = argv[i]
            if i > 0, let (flag, name, inlineValue) = CommandLineSweep.flag(element) {
                let value = inlineValue ?? (i + 1 < argv.count ? argv[i + 1] : nil)
                if let value, SweepSyntax.isExpression(value) {
                    if let earlier = flags[name] {
                        throw SweepSyntaxError(flag: flag, text: value, column: 1,
                                               message: "parameter '\(name)' is already swept by \(earlier)")
                    }
                    let parameter = try SweepSyntax.parameter(of: value, flag: flag, parameter: name, seed: seed)
                    parameters.append(parameter)
                    flags[name] = flag
                    texts[name] = value
                    if parameter.condition != nil {
                        // Absent when inactive: no placeholder; `render` appends `--name value`
                        // when the condition holds.
                        i += inlineValue != nil ? 1 : 2
                    } else if inlineValue != nil {
                        arguments.append([.text(flag + "="), .parameter(name)])
                        i += 1
                    } else {
                        arguments += [[.text(element)], [.parameter(name)]]
                        i += 2
                    }
                    continue
                }
            }
            arguments.append([.text(element)])
            i += 1
        }
        var merged = base
        for p in parameters {
            if let i = merged.firstIndex(where: { $0.name == p.name }) { merged[i] = p } else { merged.append(p) }
        }
        do {
            self.space = try SearchSpace(merged)
        } catch {
            // Parsing already refused what SearchSpace refuses on one parameter; the space
            // checks the conditions between parameters.
            let name = (error as? SearchSpaceError)?.parameter ?? parameters.last?.name
            let flag = name.flatMap { flags[$0] } ?? argv.first ?? ""
            let text = name.flatMap { texts[$0] } ?? ""
            let column = SweepSyntax.splitCondition(text)?.2 ?? 1
            throw SweepSyntaxError(flag: flag, text: text, column: column, message: "\(error)")
        }
        self.template = CommandTemplate(arguments: arguments)
    }

    /// Splits `--name`, `-name` or `--name=value` into the flag, the parameter name and the
    /// inline value; nil when the element is not a flag (`-1`, `--`, `file.txt`).
    static func flag(_ element: String) -> (flag: String, name: String, value: String?)? {
        guard element.hasPrefix("-") else { return nil }
        let dashes = element.hasPrefix("--") ? 2 : 1
        let body = element.dropFirst(dashes)
        let name: Substring
        let value: String?
        if let eq = body.firstIndex(of: "=") {
            name = body[..<eq]
            value = String(body[body.index(after: eq)...])
        } else {
            name = body
            value = nil
        }
        guard CommandTemplate.isPlaceholderName(name) else { return nil }
        return (String(element.prefix(dashes)) + name, String(name), value)
    }

    /// The argv prefix that runs a script the way Grid.ai does: `python3` for `.py`, `bash`
    /// for `.sh`, nothing (the script runs itself) otherwise.
    public static func launcher(for script: String) -> [String] {
        if script.hasSuffix(".py") { return ["python3"] }
        if script.hasSuffix(".sh") { return ["bash"] }
        return []
    }
}
