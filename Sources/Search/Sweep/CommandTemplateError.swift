/// Why a command template cannot be read or filled.
public enum CommandTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `{name}` whose name is not a parameter.
    case unknownPlaceholder(name: String, parameters: [String])
    /// A `{name}` whose parameter has a condition: a trial where it is inactive has no value
    /// to put there.
    case conditionalPlaceholder(name: String, condition: String)
    /// A brace that opens no valid placeholder; `index` is the 0-based argument, `column` 1-based.
    case malformedPlaceholder(argument: String, index: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case .unknownPlaceholder(let name, let parameters):
            let known = parameters.isEmpty ? "there are no parameters" : "parameters are " + parameters.joined(separator: ", ")
            return "the command uses {\(name)}, but no parameter is named '\(name)' (\(known))"
        case .conditionalPlaceholder(let name, let condition):
            return "the command uses {\(name)}, but '\(name)' exists only when \(condition), so a trial without it "
                + "would have nothing to put there; remove {\(name)} from the command: trials where it is active get "
                + "--\(name) VALUE appended"
        case .malformedPlaceholder(let argument, let index, let column, let reason):
            return "command argument \(index + 1) \"\(argument)\": \(reason) (column \(column))"
        }
    }
}
