/// Why configurations could not be enqueued: each names the parameter, the value and where
/// it was given (a row and column of a CSV file, or the command line).
public enum EnqueueError: Error, Equatable, CustomStringConvertible {
    /// A name the run's space does not have.
    case unknownParameter(name: String, place: String, suggestion: String?, known: [String])
    /// A value the parameter's domain does not hold (or that is not of its kind).
    case badValue(name: String, value: String, place: String, expected: String)
    /// A searched parameter left out of a configuration that needs it.
    case missingParameter(name: String, place: String)
    /// A value given for a conditional parameter whose condition does not hold.
    case inactiveParameter(name: String, place: String, condition: String)
    /// A CSV file without a column of any of the run's parameters, or without rows.
    case emptyFile(path: String, reason: String)
    /// A file that cannot be read.
    case unreadable(path: String, reason: String)
    /// Command-line values not in `--name value` pairs.
    case malformed(String)

    public var description: String {
        switch self {
        case .unknownParameter(let name, let place, let suggestion, let known):
            let hint = suggestion.map { "; did you mean \($0)?" } ?? ""
            return "\(place): the run has no parameter '\(name)'\(hint) (its parameters: \(known.joined(separator: ", ")))"
        case .badValue(let name, let value, let place, let expected):
            return "\(place): \(name) \(value) is not one of the run's values (\(name) takes \(expected))"
        case .missingParameter(let name, let place):
            return "\(place): no value for \(name); give every parameter the run searches"
        case .inactiveParameter(let name, let place, let condition):
            return "\(place): \(name) is given but its condition (\(condition)) does not hold; leave it out"
        case .emptyFile(let path, let reason):
            return "\(path): \(reason)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformed(let text):
            return text
        }
    }
}

extension EnqueueError: BadInputError {}
