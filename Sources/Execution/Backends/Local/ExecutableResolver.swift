#if canImport(Glibc)
import Glibc
#endif

/// Finds the file `argv[0]` names, the way `execvp` would in the trial's environment, so
/// that a typo becomes a clear `command not found: X` before anything is started.
///
/// - A name with a `/` is a path, relative to the trial's working directory.
/// - Any other name is looked up in the trial's own `PATH` (its environment is the one that
///   counts, as with `env PATH=... cmd`), or in `/bin:/usr/bin` (glibc's default) without one.
///   An empty `PATH` entry means the working directory, as in `execvp`.
/// - A file that exists but is not executable is skipped, and reported as permission denied
///   when nothing better is found.
///
/// The result is absolute, because the child changes directory before it executes it.
enum ExecutableResolver {
    /// glibc's `confstr(_CS_PATH)`, what `execvp` searches when `PATH` is unset.
    static let defaultSearchPath = "/bin:/usr/bin"

    static func resolve(
        _ name: String, searchPath: String?, workingDirectory: String
    ) throws(LaunchError) -> String {
        guard !name.isEmpty else { throw .emptyCommand }
        let base = absolute(workingDirectory)
        if name.utf8.contains(UInt8(ascii: "/")) {
            let path = name.hasPrefix("/") ? name : join(base, name)
            switch check(path) {
            case .executable: return path
            case .notExecutable: throw .permissionDenied(path: path)
            case .missing: throw .commandNotFound(name)
            }
        }
        var denied: String?
        for entry in (searchPath ?? defaultSearchPath).split(separator: ":", omittingEmptySubsequences: false) {
            let directory = entry.isEmpty ? base : (entry.hasPrefix("/") ? String(entry) : join(base, String(entry)))
            let path = join(directory, name)
            switch check(path) {
            case .executable: return path
            case .notExecutable: denied = denied ?? path
            case .missing: continue
            }
        }
        if let denied { throw .permissionDenied(path: denied) }
        throw .commandNotFound(name)
    }

    private enum Check { case executable, notExecutable, missing }

    /// A regular file with execute permission for us; directories count as missing,
    /// like `execvp`, which moves on to the next `PATH` entry.
    private static func check(_ path: String) -> Check {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .missing }
        return access(path, X_OK) == 0 ? .executable : .notExecutable
    }

    /// `path` made absolute against this process's working directory.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return join(cwd, path)
    }

    /// `directory/name` without `.` components (`./train.py` reads better in messages as
    /// `/work/train.py`); `..` is kept, since it means something else behind a symlink.
    private static func join(_ directory: String, _ name: String) -> String {
        let parts = (directory + "/" + name).split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }
}
