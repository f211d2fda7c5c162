/// Why the tailer could not watch a file.
public enum TailerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `inotify_init1` failed (too many instances, or no inotify in this kernel) and the
    /// tailer was told to use inotify only.
    case inotifyUnavailable(reason: String)
    /// The directory of a file could not be watched and the tailer was told to use inotify only.
    case watchFailed(directory: String, reason: String)
    /// A file was added under a key already in use.
    case duplicateKey(path: String)

    public var description: String {
        switch self {
        case .inotifyUnavailable(let reason):
            return "cannot use inotify to follow metric files: \(reason)"
        case .watchFailed(let directory, let reason):
            return "cannot watch \(directory) for metric lines: \(reason)"
        case .duplicateKey(let path):
            return "\(path) is already followed under the same key"
        }
    }
}

/// New complete lines of one followed file.
public struct TailUpdate<Key: Hashable & Sendable>: Sendable {
    /// The key the file was added under.
    public var key: Key
    /// The file.
    public var path: String
    /// Complete lines since the last drain, in file order.
    public var lines: [FileLine]
    /// Oversize lines skipped.
    public var warnings: [MetricWarning]
    /// True when the file shrank or was replaced: reading started again from its beginning,
    /// and line numbers restart at 0.
    public var restarted: Bool
}
