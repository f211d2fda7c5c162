import Execution
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Copies a log file to standard output as it grows, the way `tail -f` does: each `drain`
/// writes what was appended since the last one. The trial controls the file, so it is
/// opened as `TrialFile` allows: a FIFO, a socket or a link out of the trial's directory is
/// reported once and not read (a FIFO would block `hpo logs` forever). A file that does not
/// exist yet is opened once it appears; a file cut shorter (truncated for a retry) is read again from its
/// start; a file replaced by a new one (same path, other inode) is finished, then the new
/// one is read from its start.
final class LogFollower {
    /// The log file.
    let path: String
    private var descriptor: Int32 = -1
    private var offset: off_t = 0
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    /// What was refused at the path, so that it is reported once (see `TrialFile`).
    private var refused: FileIdentity?
    /// Why the file at the path is not read, while it is refused.
    private(set) var refusal: String?

    /// A follower of `path`; nothing is opened until the first `drain`.
    init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// True once the file has been opened.
    var isOpen: Bool { descriptor >= 0 }

    /// Writes everything appended since the last call to standard output. Returns how
    /// many bytes it wrote.
    @discardableResult
    func drain() -> Int {
        if descriptor < 0 {
            if let refused, TrialFile.identity(path) == refused { return 0 }
            switch TrialFile.open(path) {
            case .opened(let opened, _):
                descriptor = opened
                refused = nil
                refusal = nil
            case .missing, .failed:
                refused = nil
                return 0
            case .refused(let reason):
                refused = TrialFile.identity(path)
                refusal = "\(path) is \(reason)"
                Terminal.printError("hpo logs: \(refusal!): not read")
                return 0
            }
            offset = 0
        }
        var open = stat()
        guard fstat(descriptor, &open) == 0 else { return 0 }
        if open.st_size < offset {
            Terminal.printError("hpo logs: \(path) was truncated; reading it from the start")
            lseek(descriptor, 0, SEEK_SET)
            offset = 0
        }
        var written = copyToEnd()
        var named = stat()
        if stat(path, &named) == 0 && (named.st_ino != open.st_ino || named.st_dev != open.st_dev) {
            // Replaced: what the old file still held is written above; go on with the new one.
            close(descriptor)
            descriptor = -1
            written += drain()
        }
        return written
    }

    /// Reads from the current offset to the end of the file, writing each chunk at once.
    private func copyToEnd() -> Int {
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return total }
            buffer.withUnsafeBytes { StandardOutput.write(UnsafeRawBufferPointer(rebasing: $0.prefix(n))) }
            offset += off_t(n)
            total += n
        }
    }
}
