import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A regular file of a trial that the dashboard serves, opened so that nothing outside the trial's directory can be
/// read through it and nothing can make the dashboard wait.
///
/// The file's real path must lie below `directory` (links followed, so a trial that swaps
/// its artifacts directory or a log for a link out is refused) both before it is opened and,
/// read back from the open descriptor, after — so a link swapped in between is refused
/// too. It is opened non-blocking and must be a regular file: a FIFO, a socket or a device
/// is refused at once instead of blocking a worker. The descriptor closes when the value goes.
public final class ServedFile: @unchecked Sendable {
    /// The open descriptor, read-only.
    let descriptor: Int32
    /// The size when it was opened.
    public let size: Int64
    /// Its last modification, from the same `fstat`.
    public let modified: Date
    /// Device and inode, for an entity tag that changes when the file is replaced.
    let identity: (device: UInt64, inode: UInt64)

    /// Opens `path`, which must be a regular file whose real path lies below `directory` (a
    /// real path: no link in it) or, with `exactly`, is `path` itself (no link at all).
    /// - Throws: `DashboardError.notFound` for anything else, saying what was wrong.
    public static func open(_ path: String, within directory: String, exactly: Bool = false) throws(DashboardError)
        -> ServedFile {
        let shown = (path as NSString).lastPathComponent
        func allowed(_ real: String) -> Bool { exactly ? real == path : real.hasPrefix(directory + "/") }
        // Before opening: nothing outside the directory is opened at all (opening some
        // devices has effects).
        guard let real = ArtifactPath.realPath(path) else { throw .notFound(shown) }
        guard allowed(real) else { throw .notFound("\(shown) (a link out of the trial)") }
        let descriptor = systemOpen(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .notFound("\(shown) (unreadable)") }
        let file = ServedFile(descriptor: descriptor)
        guard (file.info.st_mode & S_IFMT) == S_IFREG else { throw .notFound("\(shown) (not a regular file)") }
        // After opening: where the descriptor really is, whatever was swapped meanwhile; where
        // the system cannot say (no /proc), the file at the checked path must be this one.
        if let opened = openedPath(descriptor) {
            guard allowed(opened) else { throw .notFound("\(shown) (a link out of the trial)") }
        } else {
            var now = stat()
            guard lstat(real, &now) == 0, UInt64(now.st_dev) == file.identity.device,
                  UInt64(now.st_ino) == file.identity.inode else { throw .notFound("\(shown) (replaced while opened)") }
        }
        return file
    }

    private let info: stat

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        var info = stat()
        if fstat(descriptor, &info) != 0 { info.st_mode = 0 }
        self.info = info
        size = Int64(info.st_size)
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        modified = Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    deinit { close(descriptor) }

    /// An entity tag of this version of the file: device, inode, size and modification time.
    public var entityTag: String {
        "\"\(String(identity.device, radix: 16))-\(String(identity.inode, radix: 16))-\(String(size, radix: 16))-"
            + "\(String(Int64(modified.timeIntervalSince1970 * 1000), radix: 16))\""
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file, or on an error).
    public func read(at offset: Int64, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset) + off_t(done))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return Array(bytes.prefix(done))
    }

    /// The last `bytes` of the file as text, from a line start when it was cut.
    public func tail(bytes: Int) -> String {
        let start = max(0, size - Int64(bytes))
        var text = String(decoding: read(at: start, count: Int(size - start)), as: UTF8.self)
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        return text
    }

    /// The path the kernel holds for an open descriptor; nil where it cannot say.
    static func openedPath(_ descriptor: Int32) -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN) + 1)
        guard fcntl(descriptor, F_GETPATH, &buffer) != -1 else { return nil }
        return String(cString: buffer)
        #endif
    }
}

/// `open(2)`, named apart from `ServedFile.open`.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags)
    #else
    Darwin.open(path, flags)
    #endif
}
