import Foundation

/// A file under a trial's artifacts directory named by URL path components, resolved so
/// that nothing outside the directory can be reached: `..` and `.` components, empty ones
/// (an absolute path, `//`), percent-encoded dots, slashes and backslashes, and NUL bytes are
/// refused as bad paths; a file whose real path (symbolic links followed) lies outside the
/// directory is answered as not found, like a missing one.
public enum ArtifactPath {
    /// The real path of the file `components` name under `directory`.
    /// - Throws: `DashboardError.badPath` or `.notFound`.
    public static func resolve(_ components: [String], under directory: String) throws(DashboardError) -> String {
        guard !components.isEmpty else { throw .badPath("no file named") }
        for component in components {
            if component.isEmpty { throw .badPath("an empty path component (an absolute path, or //)") }
            if component == "." || component == ".." { throw .badPath("'\(component)' is not allowed") }
            let lowered = component.lowercased()
            if ["%2e", "%2f", "%5c", "%00"].contains(where: lowered.contains) || component.contains("\0")
                || component.contains("/") || component.contains("\\") {
                throw .badPath("encoded dots, slashes and backslashes are not allowed")
            }
        }
        guard let base = realPath(directory) else { throw .notFound("the trial has no artifacts") }
        let joined = ([directory] + components).joined(separator: "/")
        guard let real = realPath(joined), real.hasPrefix(base + "/") else {
            throw .notFound(components.joined(separator: "/"))
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .notFound(components.joined(separator: "/"))
        }
        return real
    }

    /// `realpath(3)`, or nil when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
