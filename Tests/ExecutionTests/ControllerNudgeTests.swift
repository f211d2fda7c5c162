import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// `hpo cancel`'s SIGUSR1 to the controller: sent only to a live controller that catches it.
@Suite struct ControllerNudgeTests {
    @Test func theCaughtSignalsMaskIsRead() {
        #expect(ControllerNudge.catches(SIGUSR1, status: "Name:\thpo\nSigCgt:\t0000000000000200\n"))
        #expect(!ControllerNudge.catches(SIGUSR1, status: "Name:\tsleep\nSigCgt:\t0000000000004002\n"))
        #expect(!ControllerNudge.catches(SIGUSR1, status: "Name:\tnothing\n"))
    }

    /// A process that does not catch SIGUSR1 would die of it (an older hpo): it is left alone.
    @Test func aControllerThatDoesNotCatchTheSignalIsNotSentIt() throws {
        let dir = TemporaryDirectory()
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        // SIGKILL: the child may inherit the test thread's blocked SIGTERM.
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        try Self.writeLock(dir, pid: sleeper.processIdentifier)
        #expect(!ControllerNudge.send(directory: dir.path))
        #expect(kill(sleeper.processIdentifier, 0) == 0)
    }

    @Test func aControllerThatCatchesTheSignalIsWoken() throws {
        let dir = TemporaryDirectory()
        let script = """
            import signal, sys
            # Foundation's Process passes the test thread's blocked signals on.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
            signal.signal(signal.SIGUSR1, lambda *a: (print('woken', flush=True), sys.exit(0)))
            print('ready', flush=True)
            signal.pause()
            """
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["python3", "-c", script]
        let output = Pipe()
        listener.standardOutput = output
        let exited = DispatchSemaphore(value: 0)
        listener.terminationHandler = { _ in exited.signal() }
        try listener.run()
        defer { if listener.isRunning { kill(listener.processIdentifier, SIGKILL) } }
        // Its handler is installed once it says `ready` (a blocking read: the event itself).
        let reader = output.fileHandleForReading
        var said = Data()
        while !said.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            said += chunk
        }
        #expect(String(decoding: said, as: UTF8.self) == "ready\n")
        try Self.writeLock(dir, pid: listener.processIdentifier)
        #expect(ControllerNudge.send(directory: dir.path))
        #expect(exited.wait(timeout: .now() + 30) == .success)
        #expect(String(decoding: reader.readDataToEndOfFile(), as: UTF8.self).contains("woken"))
    }

    /// The lock file as a controller writes it, naming `pid` since now.
    static func writeLock(_ dir: TemporaryDirectory, pid: Int32) throws {
        let holder = RunLockHolder(pid: pid, host: RunLockHolder.hostName, since: Date())
        try holder.text.write(toFile: dir.file("lock"), atomically: true, encoding: .utf8)
    }
}
