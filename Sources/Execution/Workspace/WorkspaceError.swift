/// Why a workspace snapshot could not be made.
public enum WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The workspace to snapshot is missing or not a directory.
    case notADirectory(path: String, reason: String)
    /// A directory of the workspace could not be listed.
    case unreadable(path: String, reason: String)
    /// A file could not be copied into the snapshot.
    case copyFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notADirectory(let path, let reason):
            return "cannot snapshot workspace \(path): \(reason) (give --workspace DIR, or --no-snapshot to run in place)"
        case .unreadable(let path, let reason):
            return "cannot read \(path) for the workspace snapshot: \(reason) (list it in .hpoignore to leave it out)"
        case .copyFailed(let path, let reason):
            return "cannot copy \(path) into the workspace snapshot: \(reason)"
        }
    }
}
