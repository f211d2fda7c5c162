/// The ignore files of a workspace, applied as git applies `.gitignore` files: for a path,
/// every file in a directory above it counts, from the top down, lines in order, and the
/// last pattern that matches decides (a `!` pattern includes the path again).
///
/// Which files, decided by the workspace root: `.hpoignore` files when the root has one
/// (they replace the rest, for a snapshot that should differ from what git keeps); else
/// `.gridignore` files when the root has one (Grid.ai's file, which Grid.ai also puts before
/// the others); else every `.gitignore` and `.dockerignore`. The kind chosen is read at
/// every depth.
public struct IgnoreRules: Sendable {
    /// One ignore file: the directory it sits in (relative to the workspace, "" for the
    /// root) and its patterns.
    struct File: Sendable {
        var base: String
        var patterns: [IgnorePattern]
    }

    private(set) var files: [File] = []
    /// The names of the ignore files read in each directory.
    public let fileNames: [String]

    /// Rules reading `fileNames` in each directory (see `fileNames(forRoot:)`).
    public init(fileNames: [String]) {
        self.fileNames = fileNames
    }

    /// `[".hpoignore"]` when the workspace root has one, else `[".gridignore"]` when it has
    /// that, else `[".gitignore", ".dockerignore"]`.
    public static func fileNames(forRoot exists: (String) -> Bool) -> [String] {
        if exists(".hpoignore") { return [".hpoignore"] }
        if exists(".gridignore") { return [".gridignore"] }
        return [".gitignore", ".dockerignore"]
    }

    /// Adds the lines of an ignore file that sits in directory `base` (relative, "" for
    /// the root). Files must be added parents first, as a walk from the root meets them.
    public mutating func add(contents: String, base: String) {
        let patterns = contents.split(separator: "\n", omittingEmptySubsequences: false)
            .compactMap { IgnorePattern(line: String($0)) }
        if !patterns.isEmpty { files.append(File(base: base, patterns: patterns)) }
    }

    /// True when `path` (relative to the workspace root) is ignored. The caller never asks
    /// about a path inside an ignored directory: like git, the walk does not enter one, so
    /// nothing inside can be included again.
    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        var ignored = false
        for file in files {
            let relative: String
            if file.base.isEmpty {
                relative = path
            } else if path.hasPrefix(file.base + "/") {
                relative = String(path.dropFirst(file.base.count + 1))
            } else {
                continue
            }
            for pattern in file.patterns where pattern.matches(relative, isDirectory: isDirectory) {
                ignored = !pattern.negated
            }
        }
        return ignored
    }
}
