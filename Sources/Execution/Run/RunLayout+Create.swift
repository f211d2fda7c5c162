#if canImport(Glibc)
import Glibc
#endif

/// A directory of a run could not be made.
public struct RunLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The directory.
    public let path: String
    /// `strerror` of the failure.
    public let reason: String

    public var description: String { "cannot create directory \(path): \(reason)" }
}

extension RunLayout {
    /// Makes `<root>/<run>/`, `trials/` and `storage/` (and the root itself when missing).
    public func createDirectories() throws {
        try RunLayout.makeDirectory(root, parents: true)
        try RunLayout.makeDirectory(directory)
        try RunLayout.makeDirectory(trialsDirectory)
        try RunLayout.makeDirectory(storage)
    }

    /// Makes `trials/<n>/` with `artifacts/` and `checkpoints/`; existing ones are kept
    /// (a retry reuses its checkpoints).
    @discardableResult
    public func createTrialDirectories(_ number: Int) throws -> TrialLayout {
        let trial = trial(number)
        try RunLayout.makeDirectory(trial.directory)
        try RunLayout.makeDirectory(trial.artifacts)
        try RunLayout.makeDirectory(trial.checkpoints)
        return trial
    }

    /// `mkdir`, accepting an existing directory; with `parents`, like `mkdir -p`.
    static func makeDirectory(_ path: String, parents: Bool = false) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST {
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw RunLayoutError(path: path, reason: "a file of that name exists")
        }
        if code == ENOENT && parents {
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !parent.isEmpty && parent != path {
                try makeDirectory(parent, parents: true)
                return try makeDirectory(path)
            }
        }
        throw RunLayoutError(path: path, reason: String(cString: strerror(code)))
    }
}
