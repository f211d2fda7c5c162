import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A dataset directory every trial of a run reads, as `HPO_DATA_<NAME>` (Gradient's
/// datastores, Grid's datastores): checked at the run's start, never copied.
///
/// Read-only is a convention hpo cannot enforce for an unprivileged user on Linux (that
/// takes a read-only bind mount, which needs root or a user namespace); the path given is
/// the path the trials get.
public struct Datastore: Hashable, Sendable, Codable {
    /// The name as it appears in the variable: upper case, `[A-Z_][A-Z0-9_]*`.
    public var name: String
    /// The directory, absolute.
    public var path: String

    /// `HPO_DATA_<NAME>`.
    public var variable: String { "HPO_DATA_" + name }

    /// A datastore named `name` (any case; letters, digits and `_`, not starting with a
    /// digit) at `path` (relative paths are taken from `directory`).
    public init(name: String, path: String, relativeTo directory: String = FileManager.default.currentDirectoryPath)
        throws(DatastoreError) {
        guard SweepDatastore.isValidName(name) else { throw .badName(name) }
        let upper = name.uppercased()
        guard !path.isEmpty else { throw .badSpecification("\(name)=") }
        self.name = upper
        self.path = path.hasPrefix("/") ? path : RunLayout.join(directory, path)
    }

    /// Parses `NAME=PATH` (the `--datastore` flag).
    public init(specification: String, relativeTo directory: String = FileManager.default.currentDirectoryPath)
        throws(DatastoreError) {
        guard let equals = specification.firstIndex(of: "=") else { throw .badSpecification(specification) }
        try self.init(name: String(specification[..<equals]), path: String(specification[specification.index(after: equals)...]),
                      relativeTo: directory)
    }

    /// Throws unless `path` is a directory this process can read.
    public func check() throws(DatastoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unusable(name: name, path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .unusable(name: name, path: path, reason: "not a directory")
        }
        guard access(path, R_OK | X_OK) == 0 else {
            throw .unusable(name: name, path: path, reason: "not readable")
        }
    }
}

/// A datastore that cannot be used.
public enum DatastoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not `NAME=PATH`.
    case badSpecification(String)
    /// The name cannot be part of an environment variable's name.
    case badName(String)
    /// The directory is missing, not a directory, or unreadable.
    case unusable(name: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .badSpecification(let text):
            return "datastore '\(text)': expected NAME=PATH, e.g. --datastore imagenet=/data/imagenet"
        case .badName(let name):
            return "datastore name '\(name)': use letters, digits and _, not starting with a digit (it becomes HPO_DATA_<NAME>)"
        case .unusable(let name, let path, let reason):
            return "datastore \(name) at \(path): \(reason)"
        }
    }
}
