import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One controller per run: an exclusive `flock(2)` on `<run>/lock`, held for as long as a
/// controller (`hpo run`, `hpo search`, `hpo resume`) works on the run.
///
/// - The kernel drops the lock when the holder's last descriptor closes, however it ends
///   (`kill -9`, a crash, a reboot), so a lock is never held by a dead process. The descriptor
///   is close-on-exec and trials close every inherited descriptor, so no trial keeps it.
/// - The file says who holds it, `pid host since` (`4242 gpu-7 2025-06-15T13:02:11Z`), for
///   the message of a second controller, which fails at once rather than waiting. A clean
///   release empties it; the file itself is never removed (removing it would let two
///   processes lock two different files of the same name).
/// - Taking the lock over a file that still names someone is normal after a crash: on the
///   same host that process is gone (the kernel dropped its lock), so the lock is taken with
///   a warning (`previous`). A file naming another host cannot be checked from here: on a
///   network file system whose locks stay local to each client (NFS mounted with
///   `local_lock`), that hpo may still run. It is refused unless `takeOver` says the person
///   checked (`hpo resume --take-over`).
public final class RunLock {
    /// The lock file.
    public let path: String
    /// This process, as written in the file.
    public let holder: RunLockHolder
    /// Who the file named when the lock was taken: a controller that ended without
    /// releasing it (killed, crashed), or nil.
    public let previous: RunLockHolder?
    private var fd: Int32

    /// The lock file's name in a run directory.
    public static let fileName = "lock"

    private init(path: String, holder: RunLockHolder, previous: RunLockHolder?, fd: Int32) {
        self.path = path
        self.holder = holder
        self.previous = previous
        self.fd = fd
    }

    /// Locks the run in `directory`, or fails at once naming the holder.
    /// - Parameters:
    ///   - takeOver: take a lock whose file names a process on another host (which cannot be
    ///     checked from here).
    ///   - now: the time written as `since`.
    /// - Throws: `RunLockError.held` while another process holds it, `.otherHost` for a
    ///   file naming another host without `takeOver`, `.system` when the file cannot be used.
    public static func acquire(directory: String, takeOver: Bool = false, now: Date = Date()) throws(RunLockError) -> RunLock {
        let path = RunLayout.join(directory, fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RunLockError.system(path: path, operation: "open", code: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = RunLockHolder.parse(readAll(fd))
            close(fd)
            if code == EWOULDBLOCK { throw RunLockError.held(path: path, holder: holder) }
            throw RunLockError.system(path: path, operation: "lock", code: code)
        }
        // Whole seconds: what the file keeps.
        let me = RunLockHolder(pid: getpid(), host: RunLockHolder.hostName,
                               since: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
        let previous = RunLockHolder.parse(readAll(fd))
        if let previous, previous.host != me.host, !takeOver {
            close(fd)
            throw RunLockError.otherHost(path: path, holder: previous)
        }
        let text = Array(me.text.utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.count, 0) == text.count else {
            let code = errno
            close(fd)
            throw RunLockError.system(path: path, operation: "write", code: code)
        }
        return RunLock(path: path, holder: me, previous: previous, fd: fd)
    }

    /// Empties the file and drops the lock; later calls do nothing.
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// Who holds (or last held) the lock of the run in `directory`, from its file; nil when
    /// the file is empty or missing. Whether it is held now only `acquire` can tell.
    public static func recordedHolder(directory: String) -> RunLockHolder? {
        let fd = open(RunLayout.join(directory, fileName), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return RunLockHolder.parse(readAll(fd))
    }

    /// The file's text (it is one short line).
    static func readAll(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }
}

/// A controller as the lock file names it.
public struct RunLockHolder: Hashable, Sendable, CustomStringConvertible {
    /// Its process id.
    public var pid: Int32
    /// The host it runs on (`gethostname`).
    public var host: String
    /// When it took the lock.
    public var since: Date

    /// A holder.
    public init(pid: Int32, host: String, since: Date) {
        self.pid = pid
        self.host = host
        self.since = since
    }

    /// `pid 4242 on host gpu-7 since 2025-06-15T13:02:11Z`.
    public var description: String {
        "pid \(pid) on host \(host) since \(RunLockHolder.format(since))"
    }

    /// The file's line: `4242 gpu-7 2025-06-15T13:02:11Z`.
    var text: String { "\(pid) \(host) \(RunLockHolder.format(since))\n" }

    /// Reads the file's line; nil for an empty or foreign text.
    static func parse(_ text: String) -> RunLockHolder? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 3, let pid = Int32(fields[0]), pid > 0,
              let since = ISO8601DateFormatter().date(from: String(fields[2])) else { return nil }
        return RunLockHolder(pid: pid, host: String(fields[1]), since: since)
    }

    static func format(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// This machine's name; `localhost` when it has none.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: " ", with: "_")
    }
}

/// A run could not be locked for this controller.
public enum RunLockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process holds the lock now (its holder as the file names it, when it does).
    case held(path: String, holder: RunLockHolder?)
    /// The file names a controller on another host, whose process cannot be checked from here.
    case otherHost(path: String, holder: RunLockHolder)
    /// The lock file could not be opened, locked or written.
    case system(path: String, operation: String, code: Int32)

    public var description: String {
        switch self {
        case .held(let path, let holder?):
            return "another hpo controls this run: \(holder) (lock \(path)); wait for it to end, or stop it "
                + "(Ctrl-C in its terminal, or kill -TERM \(holder.pid) on \(holder.host)) and run hpo resume"
        case .held(let path, nil):
            return "another hpo controls this run (lock \(path) is held); wait for it to end, or stop it and run hpo resume"
        case .otherHost(let path, let holder):
            return "this run was last controlled by \(holder) (lock \(path)); hpo cannot check a process on another "
                + "host: if it no longer runs there, resume with --take-over"
        case .system(let path, let operation, let code):
            return "cannot \(operation) the lock file \(path): \(SystemError.message(code))"
        }
    }
}
