#if canImport(Glibc)
import Glibc
#endif

/// Whether a directory lives on a file system whose writes from other machines inotify
/// cannot see (NFS, Lustre, GPFS, CIFS, Ceph, BeeGFS, FUSE mounts such as sshfs, 9p …).
/// On those, the tailer polls: inotify only reports writes made through this kernel, so on
/// a cluster a trial running on another node would produce no events at all.
///
/// The type comes from `/proc/self/mountinfo` (the mount with the longest mount point that
/// contains the directory's real path): Swift's Glibc module does not export `statfs`.
enum FileSystemKind {
    /// File system types (mountinfo's field after `-`) that are network or cluster file
    /// systems; `fuse.*` counts too.
    static let networkTypes: Set<String> = [
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "lustre", "gpfs", "ceph", "beegfs", "9p",
        "afs", "coda", "gfs2", "ocfs2", "panfs", "glusterfs", "fuse", "fuseblk", "orangefs", "pvfs2",
    ]

    /// True when `path` is on a network or cluster file system; false when unknown.
    static func isNetwork(_ path: String) -> Bool {
        guard let type = type(of: path) else { return false }
        return networkTypes.contains(type) || type.hasPrefix("fuse.")
    }

    /// The file system type of the mount holding `path`, e.g. `ext4`, `nfs4`, `fuse.sshfs`.
    static func type(of path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        let real = String(cString: resolved)
        free(resolved)
        guard let table = readFile("/proc/self/mountinfo") else { return nil }
        return type(of: real, mountinfo: table)
    }

    /// The type of the mount with the longest mount point containing `path`, from the text
    /// of a mountinfo table: `36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw`.
    static func type(of path: String, mountinfo: String) -> String? {
        var best: (length: Int, type: String)?
        for line in mountinfo.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 5, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count else { continue }
            let mountPoint = unescape(String(fields[4]))
            let contains = mountPoint == "/" || path == mountPoint || path.hasPrefix(mountPoint + "/")
            if contains && mountPoint.count > (best?.length ?? -1) {
                best = (mountPoint.count, String(fields[dash + 1]))
            }
        }
        return best?.type
    }

    /// mountinfo writes space, tab, newline and backslash as octal escapes (`\040`).
    private static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count,
               let value = UInt8(String(decoding: utf8[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A whole small file (procfs reports size 0, so read until EOF).
    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
