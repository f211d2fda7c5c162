import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// Opens for reading a file that a trial controls — its metrics file, its `stdout.log` and
/// `stderr.log` — so that nothing the trial puts there can hold hpo or make it read elsewhere:
///
/// - the open never blocks (`O_NONBLOCK`): a FIFO opens at once instead of waiting for a writer;
/// - only a regular file is read: a FIFO, socket, device or directory is refused;
/// - a symbolic link is followed only while it stays inside the file's directory (the trial's
///   directory): one pointing elsewhere (`metrics.jsonl -> /etc/shadow`) is refused. With
///   openat2 (Linux 5.6+) the kernel checks every step of the resolution; without it, any
///   symbolic link in place of the file is refused.
public enum TrialFile {
    /// What an open found.
    public enum Outcome {
        /// A regular file, open for reading (the caller closes `descriptor`).
        case opened(descriptor: Int32, info: stat)
        /// Nothing there yet: try again later.
        case missing
        /// The open failed otherwise (`errno`: permissions, no descriptor left…).
        case failed(errno: Int32)
        /// Something there that hpo will not read, and why (for a warning).
        case refused(reason: String)
    }

    /// Opens `path` for reading (or, `appending`, for reading and appending) under the rules above.
    public static func open(_ path: String, appending: Bool = false) -> Outcome {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let fd = hpo_open_beneath(directory, name, (appending ? O_RDWR | O_APPEND : O_RDONLY) | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case EXDEV, ELOOP:
                return .refused(reason: "a symbolic link out of the trial's directory")
            case ENXIO:
                return .refused(reason: "a socket, not a regular file")
            case ENOENT, ENOTDIR:
                return .missing
            case let code:
                return .failed(errno: code)
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            return .failed(errno: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .refused(reason: "\(kind(info.st_mode)), not a regular file")
        }
        return .opened(descriptor: fd, info: info)
    }

    /// The identity (device, inode) of what is at `path` itself, a symbolic link not
    /// followed: used to warn once about a refused file rather than at every read.
    public static func identity(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), type: UInt32(info.st_mode & S_IFMT),
                            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

    /// `a FIFO`, `a directory`… for a file type.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }
}

/// What tells a file apart from another put under the same name: its device and inode, and,
/// since a removed file's inode is soon given to the next one, its type and the time its
/// inode last changed.
public struct FileIdentity: Hashable, Sendable {
    /// `st_dev`.
    public var device: UInt64
    /// `st_ino`.
    public var inode: UInt64
    /// `st_mode & S_IFMT`.
    public var type: UInt32
    /// `st_ctim` in nanoseconds.
    public var changed: Int64
}
