import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a snapshot of a workspace will hold: a walk of the tree that applies the ignore
/// files and decides, for every entry, to copy it, keep it as a link, or skip it and why.
/// The walk never follows a symbolic link, so a link loop cannot make it go round.
public struct WorkspaceScan: Sendable {
    /// One thing the snapshot will hold, by its path relative to the workspace root.
    public enum Entry: Hashable, Sendable {
        case directory(path: String)
        case file(path: String, size: Int64, executable: Bool)
        /// A link whose target stays inside the workspace; `target` is what to write,
        /// relative to the link's directory, so the copy points into the copy.
        case link(path: String, target: String)

        /// The entry's path below the workspace root.
        public var path: String {
            switch self {
            case .directory(let p), .file(let p, _, _), .link(let p, _): return p
            }
        }
    }

    /// Something left out, with the reason, for the warning printed before copying.
    public struct Skipped: Hashable, Sendable, CustomStringConvertible {
        /// Relative path.
        public var path: String
        /// Why, for the person at the terminal.
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The workspace root, absolute and with links resolved.
    public let root: String
    /// What will be copied, parents before children.
    public private(set) var entries: [Entry] = []
    /// Links leaving the tree, loops, FIFOs, sockets and devices.
    public private(set) var skipped: [Skipped] = []
    /// The entries an ignore file excluded, by relative path (a directory once, not what
    /// it holds), in walk order.
    public private(set) var ignored: [String] = []
    /// How many entries an ignore file excluded (a directory counts once).
    public var ignoredCount: Int { ignored.count }
    /// The bytes of the regular files to copy.
    public private(set) var totalBytes: Int64 = 0
    /// The ignore files read (`IgnoreRules.fileNames(forRoot:)`).
    public private(set) var ignoreFileNames: [String] = []
    /// Bytes by top-level entry, to say what makes a snapshot large.
    public private(set) var bytesByTopLevel: [String: Int64] = [:]

    /// Walks `root`, leaving out `.git`, every path in `excluding` (absolute; the run root
    /// when it lies inside the workspace) and what the ignore files exclude.
    public init(root: String, excluding: [String] = []) throws(WorkspaceError) {
        guard let resolved = WorkspaceScan.realPath(root) else {
            throw .notADirectory(path: root, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .notADirectory(path: root, reason: "not a directory")
        }
        self.root = resolved
        let excluded = Set(excluding.compactMap(WorkspaceScan.realPath))
        var rules = IgnoreRules(fileNames: IgnoreRules.fileNames { name in
            access(resolved + "/" + name, F_OK) == 0
        })
        ignoreFileNames = rules.fileNames
        try walk(relative: "", rules: &rules, excluded: excluded)
    }

    private mutating func walk(relative: String, rules: inout IgnoreRules, excluded: Set<String>) throws(WorkspaceError) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw .unreadable(path: directory, reason: error.localizedDescription)
        }
        for name in rules.fileNames where names.contains(name) {
            if let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) {
                rules.add(contents: text, base: relative)
            }
        }
        for name in names where name != ".git" {
            let path = relative.isEmpty ? name : relative + "/" + name
            let absolute = directory + "/" + name
            if excluded.contains(absolute) { continue }
            var info = stat()
            guard lstat(absolute, &info) == 0 else {
                skipped.append(Skipped(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))"))
                continue
            }
            let type = info.st_mode & S_IFMT
            if rules.isIgnored(path, isDirectory: type == S_IFDIR) {
                ignored.append(path)
                continue
            }
            switch type {
            case S_IFDIR:
                entries.append(.directory(path: path))
                try walk(relative: path, rules: &rules, excluded: excluded)
            case S_IFREG:
                let size = Int64(info.st_size)
                entries.append(.file(path: path, size: size, executable: info.st_mode & 0o111 != 0))
                totalBytes += size
                bytesByTopLevel[String(path.prefix { $0 != "/" }), default: 0] += size
            case S_IFLNK:
                addLink(path: path, absolute: absolute)
            case S_IFIFO:
                skipped.append(Skipped(path: path, reason: "a FIFO (named pipe), not copied"))
            case S_IFSOCK:
                skipped.append(Skipped(path: path, reason: "a socket, not copied"))
            default:
                skipped.append(Skipped(path: path, reason: "a device file, not copied"))
            }
        }
    }

    private mutating func addLink(path: String, absolute: String) {
        guard let target = WorkspaceScan.realPath(absolute) else {
            let reason = errno == ELOOP ? "a symbolic link loop, not copied" : "a symbolic link to nothing, not copied"
            skipped.append(Skipped(path: path, reason: reason))
            return
        }
        guard target == root || target.hasPrefix(root + "/") else {
            skipped.append(Skipped(path: path, reason: "a symbolic link that leaves the workspace (to \(target)), not copied"))
            return
        }
        let inside = target == root ? "" : String(target.dropFirst(root.count + 1))
        entries.append(.link(path: path, target: WorkspaceScan.relativeTarget(from: path, to: inside)))
    }

    /// The path from the directory holding `link` to `target`, both relative to the root:
    /// `relativeTarget(from: "a/b/l", to: "c/f")` is `../../c/f`.
    static func relativeTarget(from link: String, to target: String) -> String {
        var from = link.split(separator: "/").dropLast().map(String.init)
        var to = target.split(separator: "/").map(String.init)
        while let a = from.first, let b = to.first, a == b {
            from.removeFirst()
            to.removeFirst()
        }
        let up = Array(repeating: "..", count: from.count)
        let path = (up + to).joined(separator: "/")
        return path.isEmpty ? "." : path
    }

    /// `realpath(3)`; nil with `errno` set when the path cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
