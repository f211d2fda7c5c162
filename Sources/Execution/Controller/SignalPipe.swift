import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM, SIGHUP and SIGUSR1 (`hpo cancel`'s nudge) as bytes on a pipe, so the
/// controller's `poll(2)` wakes for them and handles them in its own thread, not inside a
/// signal handler.
final class SignalPipe {
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard hpo_pipe_cloexec(&fds) == 0 else { throw SignalPipeError(call: "pipe2", message: SystemError.message(errno)) }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        guard hpo_forward_signals_to_fd(writeDescriptor) == 0 else { throw SignalPipeError(call: "sigaction", message: SystemError.message(errno)) }
    }

    /// The signals received since the last call.
    func drain() -> [Int32] {
        var out: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readDescriptor, &buffer, buffer.count)
            guard n > 0 else { break }
            out += buffer[0..<n].map { Int32($0) }
        }
        return out
    }

    deinit {
        hpo_restore_default_signals()
        close(readDescriptor)
        close(writeDescriptor)
    }
}

/// A pipe of the controller's loop (for signals, for the strategy's answers) could not be set up.
struct SignalPipeError: Error, CustomStringConvertible {
    var call: String
    var message: String
    /// What the pipe was for: `cannot <purpose>: …`.
    var purpose = "handle Ctrl-C"
    var description: String { "cannot \(purpose): \(call) failed: \(message)" }
}
