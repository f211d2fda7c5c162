import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A copy of the directory a sweep was started from, made at the run's start in
/// `<run>/workspace/`, that each trial's own copy starts from (`TrialWorkspace`): code edited
/// while a long sweep runs does not change the trials still to come, and the run keeps the
/// code that made its results.
public struct WorkspaceSnapshot: Hashable, Sendable, Codable {
    /// The directory copied (absolute).
    public var source: String
    /// Where the copy is (`<run>/workspace`).
    public var directory: String
    /// Regular files copied.
    public var files: Int
    /// Their bytes.
    public var bytes: Int64
    /// Symbolic links kept (their targets stay inside the copy).
    public var links: Int
    /// Entries left out by ignore files.
    public var ignored: Int
    /// Entries left out for another reason (links leaving the tree, FIFOs, devices).
    public var skipped: Int
    /// SHA-256 over the snapshot's manifest: each entry in path order with its kind, its
    /// executable bit, and its content's SHA-256 or its link target. Two snapshots with the
    /// same hash hold the same code.
    public var contentHash: String
    /// The git commit of the source, when it is in a repository.
    public var git: GitState?

    /// A snapshot as recorded.
    public init(source: String, directory: String, files: Int, bytes: Int64, links: Int, ignored: Int, skipped: Int,
                contentHash: String, git: GitState?) {
        self.source = source
        self.directory = directory
        self.files = files
        self.bytes = bytes
        self.links = links
        self.ignored = ignored
        self.skipped = skipped
        self.contentHash = contentHash
        self.git = git
    }

    /// The default size above which a warning comes before copying: 1 GiB.
    public static let defaultSizeLimit: Int64 = 1 << 30

    /// Copies what `scan` selected into `directory` (which must not exist yet), hashing as
    /// it goes.
    public static func copy(_ scan: WorkspaceScan, into directory: String) throws(WorkspaceError) -> WorkspaceSnapshot {
        try makeDirectory(directory)
        var manifest = SHA256()
        var files = 0, links = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for entry in scan.entries {
            let destination = directory + "/" + entry.path
            switch entry {
            case .directory(let path):
                try makeDirectory(destination)
                manifest.update("D \(path)\n")
            case .file(let path, _, let executable):
                let digest = try copyFile(from: scan.root + "/" + path, to: destination, executable: executable,
                                          buffer: &buffer)
                manifest.update("F \(path) \(executable ? "x" : "-") \(digest)\n")
                files += 1
            case .link(let path, let target):
                guard symlink(target, destination) == 0 else {
                    throw .copyFailed(path: path, reason: String(cString: strerror(errno)))
                }
                manifest.update("L \(path) \(target)\n")
                links += 1
            }
        }
        return WorkspaceSnapshot(source: scan.root, directory: directory, files: files, bytes: scan.totalBytes,
                                 links: links, ignored: scan.ignoredCount, skipped: scan.skipped.count,
                                 contentHash: manifest.finalize(), git: GitState.read(directory: scan.root))
    }

    /// Where a trial starts inside the snapshot for a sweep started in `workingDirectory`:
    /// the same place relative to the workspace root, or the snapshot's root when the
    /// sweep was started outside the workspace.
    public func trialDirectory(for workingDirectory: String) -> String {
        let start = startPath(for: workingDirectory)
        return start.isEmpty ? directory : directory + "/" + start
    }

    /// That place relative to the snapshot's root: "" for the root.
    public func startPath(for workingDirectory: String) -> String {
        let start = WorkspaceScan.realPath(workingDirectory) ?? workingDirectory
        return start.hasPrefix(source + "/") ? String(start.dropFirst(source.count + 1)) : ""
    }

    /// Trials that each run in a copy of this snapshot, started where a sweep started in
    /// `workingDirectory` would be.
    public func trialWorkspace(for workingDirectory: String) -> TrialWorkspace {
        TrialWorkspace(snapshot: directory, start: startPath(for: workingDirectory))
    }

    private static func makeDirectory(_ path: String) throws(WorkspaceError) {
        guard mkdir(path, 0o755) == 0 else {
            throw .copyFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Copies one regular file, keeping its executable bit; returns its content's SHA-256.
    private static func copyFile(from source: String, to destination: String, executable: Bool,
                                 buffer: inout [UInt8]) throws(WorkspaceError) -> String {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .copyFailed(path: source, reason: String(cString: strerror(errno))) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0o755 : 0o644)
        guard output >= 0 else { throw .copyFailed(path: destination, reason: String(cString: strerror(errno))) }
        defer { close(output) }
        var digest = SHA256()
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .copyFailed(path: source, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            let failure: WorkspaceError? = buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                digest.update(chunk)
                var written = 0
                while written < count {
                    let n = write(output, chunk.baseAddress! + written, count - written)
                    if n < 0 {
                        if errno == EINTR { continue }
                        return .copyFailed(path: destination, reason: String(cString: strerror(errno)))
                    }
                    written += n
                }
                return nil
            }
            if let failure { throw failure }
        }
        return digest.finalize()
    }
}
