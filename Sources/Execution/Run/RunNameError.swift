/// Why a run name given by a person cannot be used.
public enum RunNameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name is empty.
    case empty
    /// The name contains a character that is unsafe in a directory name.
    case forbiddenCharacter(name: String, character: String)
    /// The name contains `..` or starts with `.` or `-`.
    case forbiddenForm(name: String, reason: String)
    /// The name is longer than a directory name may be.
    case tooLong(name: String, bytes: Int)

    public var description: String {
        switch self {
        case .empty:
            return "a run name cannot be empty"
        case .forbiddenCharacter(let name, let character):
            return "run name '\(name)' contains \(character); use letters, digits, '-', '_' and '.'"
        case .forbiddenForm(let name, let reason):
            return "run name '\(name)' \(reason)"
        case .tooLong(let name, let bytes):
            return "run name '\(name.prefix(40))…' is \(bytes) bytes long; the limit is \(RunLayout.maximumNameBytes)"
        }
    }
}
