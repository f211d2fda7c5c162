import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// Runs a short helper command (not a trial) and captures its standard output, e.g.
/// `nvidia-smi --query-gpu=index`. Blocking, bounded in time and in output size.
/// Started like a trial (see `Spawner`), so orphan reaping leaves it alone while it runs.
enum CapturedCommand {
    /// The most output kept; the rest is read and dropped.
    static let outputLimit = 1 << 20

    /// Runs `arguments` with `environment`; returns how it ended and what it printed (on
    /// standard output, and standard error too when `includingErrors`).
    /// After `timeout` the command's group is killed and its termination is `.signaled(9)`.
    static func run(
        _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(10),
        includingErrors: Bool = false
    ) throws(LaunchError) -> (termination: Termination, output: String) {
        guard let program = arguments.first else { throw .emptyCommand }
        let executable = try ExecutableResolver.resolve(
            program, searchPath: environment["PATH"], workingDirectory: "/")
        var ends: [Int32] = [-1, -1]
        guard hpo_pipe_cloexec(&ends) == 0 else { throw .system(call: "pipe2", errno: errno) }
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(ends[0]); if devNull >= 0 { close(devNull) } }
        let pid: Int32
        do {
            pid = try LeaderRegistry.register { () throws(LaunchError) -> Int32 in
                try Spawner.spawn(
                    executable: executable, arguments: arguments,
                    environment: environment.map { $0.key + "=" + $0.value }, workingDirectory: "/",
                    standardOutput: ends[1], standardError: includingErrors || devNull < 0 ? ends[1] : devNull)
            }
        } catch {
            close(ends[1])
            throw error
        }
        close(ends[1])
        defer { LeaderRegistry.unregister(pid) }

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - .now
            if left <= .zero {
                _ = kill(-pid, SIGKILL)
                break
            }
            LocalBackend.waitForReadable([ends[0]], timeout: left)
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            if output.count < outputLimit { output.append(contentsOf: buffer[0..<min(count, outputLimit - output.count)]) }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        _ = kill(-pid, SIGKILL)  // anything it left behind in its group
        return (Termination(waitStatus: status), String(decoding: output, as: UTF8.self))
    }
}
