import CSystemShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A copy of a directory tree made for one trial: the run's workspace snapshot, cloned into
/// `trials/<n>/work` so that what a trial writes in its current directory is its own.
///
/// Each regular file is first cloned with `FICLONE` (what `cp --reflink=auto` does): on
/// btrfs, XFS made with `reflink=1`, bcachefs or OCFS2 the copy shares the snapshot's blocks
/// and costs no data until one side writes a block, which the file system then copies — a
/// write never reaches the other file. Where the file system cannot (ext4, tmpfs, most
/// network file systems), `copy_file_range(2)` copies in the kernel (server-side on NFS 4.2),
/// and where that is refused too, `read`/`write`. Either way the copy is a file of its own.
///
/// Links to read-only files were considered and rejected: a process running as root (most
/// containers) writes through a symbolic link to a read-only file and changes the snapshot
/// for every trial; Python resolves the links of a script's directory (`sys.path[0]`,
/// `Path(__file__).resolve()`), so outputs placed next to the script would land in the
/// shared snapshot; and a script that rewrites a file of the workspace would fail. Hard
/// links share the file itself. Only a copy (or a reflink, which is one) is safe.
public struct WorkspaceClone: Hashable, Sendable {
    /// Regular files in the copy.
    public var files = 0
    /// Their bytes.
    public var bytes: Int64 = 0
    /// Files that share their blocks with the source (reflinked): no data was written.
    public var clonedFiles = 0
    /// Bytes written out by copying (0 when every file was reflinked).
    public var copiedBytes: Int64 = 0

    /// An empty report.
    public init() {}

    /// Copies the tree at `source` (directories, regular files with their permission bits,
    /// symbolic links as they are) into `destination`, which must not exist.
    public static func make(from source: String, at destination: String) throws(WorkspaceError) -> WorkspaceClone {
        var clone = WorkspaceClone()
        var reflinks = true
        try makeDirectory(destination)
        try clone.copyTree(source, destination, reflinks: &reflinks)
        try setMode(destination, 0o755)
        return clone
    }

    /// True when a file under `directory` can be reflinked into `directory`: tried on a
    /// one-byte file made and removed there. Says what `make` will do on that file system.
    public static func reflinksWork(in directory: String) -> Bool {
        let source = RunLayout.join(directory, ".hpo-reflink-probe-\(getpid())")
        let target = source + ".clone"
        defer { unlink(source); unlink(target) }
        let input = open(source, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard input >= 0 else { return false }
        defer { close(input) }
        guard write(input, "x", 1) == 1 else { return false }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { return false }
        defer { close(output) }
        return hpo_ficlone(output, input) == 0
    }

    private mutating func copyTree(_ source: String, _ destination: String, reflinks: inout Bool) throws(WorkspaceError) {
        guard let directory = opendir(source) else { throw .unreadable(path: source, reason: WorkspaceClone.reason()) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(directory)
        for name in names {
            let from = source + "/" + name, to = destination + "/" + name
            var info = stat()
            guard lstat(from, &info) == 0 else { throw .unreadable(path: from, reason: WorkspaceClone.reason()) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try WorkspaceClone.makeDirectory(to)
                try copyTree(from, to, reflinks: &reflinks)
                try WorkspaceClone.setMode(to, info.st_mode & 0o7777)
            case S_IFREG:
                try copyFile(from, to, mode: info.st_mode & 0o7777, size: Int64(info.st_size), reflinks: &reflinks)
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: 4097)
                let count = readlink(from, &buffer, buffer.count - 1)
                guard count >= 0 else { throw .unreadable(path: from, reason: WorkspaceClone.reason()) }
                let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                guard symlink(target, to) == 0 else { throw .copyFailed(path: to, reason: WorkspaceClone.reason()) }
            default:
                break  // a snapshot holds no other kind
            }
        }
    }

    /// One file: a reflink while the file system takes them, else a kernel copy, else
    /// read/write.
    private mutating func copyFile(_ source: String, _ destination: String, mode: mode_t, size: Int64,
                                   reflinks: inout Bool) throws(WorkspaceError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .unreadable(path: source, reason: WorkspaceClone.reason()) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard output >= 0 else { throw .copyFailed(path: destination, reason: WorkspaceClone.reason()) }
        defer { close(output) }
        files += 1
        bytes += size
        if reflinks {
            if hpo_ficlone(output, input) == 0 {
                clonedFiles += 1
                return
            }
            // Not on this file system (EOPNOTSUPP, EXDEV, EINVAL, ENOTTY): do not ask again.
            reflinks = false
        }
        var copied: Int64 = 0
        while true {
            let n = hpo_copy_file_range(input, output, 1 << 30)
            if n > 0 { copied += Int64(n); continue }
            if n == 0 { break }
            if errno == EINTR { continue }
            if copied == 0 && [EXDEV, ENOSYS, EINVAL, EOPNOTSUPP, EBADF, EPERM].contains(errno) {
                copied = try WorkspaceClone.readWrite(input, output, path: destination)
                break
            }
            throw .copyFailed(path: destination, reason: WorkspaceClone.reason())
        }
        copiedBytes += copied
        // The mode given to open(2) is cut by the umask: set it as the snapshot has it.
        _ = fchmod(output, mode)
    }

    private static func readWrite(_ input: Int32, _ output: Int32, path: String) throws(WorkspaceError) -> Int64 {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .copyFailed(path: path, reason: reason())
            }
            if count == 0 { return total }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .copyFailed(path: path, reason: reason())
                }
                written += n
            }
            total += Int64(count)
        }
    }

    /// Made writable for its owner while it is filled; `setMode` gives it its mode after.
    private static func makeDirectory(_ path: String) throws(WorkspaceError) {
        guard mkdir(path, 0o700) == 0 else { throw .copyFailed(path: path, reason: reason()) }
    }

    private static func setMode(_ path: String, _ mode: mode_t) throws(WorkspaceError) {
        guard chmod(path, mode) == 0 else { throw .copyFailed(path: path, reason: reason()) }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
