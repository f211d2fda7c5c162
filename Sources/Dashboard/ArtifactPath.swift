import Foundation

/// A file under a trial's artifacts directory named by URL path components (decoded once),
/// checked before the file system is touched: `..` and `.` components, empty ones (an
/// absolute path, `//`), percent-encoded dots, slashes and backslashes left after decoding,
/// slashes, backslashes and NUL bytes are refused as bad paths. Where the named file really
/// is, links followed, is `ServedFile`'s to check.
public enum ArtifactPath {
    /// `directory/components…`, once every component is checked.
    /// - Throws: `DashboardError.badPath`.
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
        return ([directory] + components).joined(separator: "/")
    }

    /// `realpath(3)`, or nil when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
