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
        defer { sleeper.terminate(); sleeper.waitUntilExit() }
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
            signal.signal(signal.SIGUSR1, lambda *a: (open(sys.argv[1], 'w').write('woken'), sys.exit(0)))
            open(sys.argv[2], 'w').write('ready')
            signal.pause()
            """
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["python3", "-c", script, dir.file("woken"), dir.file("ready")]
        try listener.run()
        defer { if listener.isRunning { listener.terminate() }; listener.waitUntilExit() }
        // Its handler is installed once it wrote `ready`.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: dir.file("ready")) && Date() < deadline { usleep(10_000) }
        try Self.writeLock(dir, pid: listener.processIdentifier)
        #expect(ControllerNudge.send(directory: dir.path))
        let woken = Date().addingTimeInterval(30)
        while listener.isRunning && Date() < woken { usleep(10_000) }
        #expect((try? String(contentsOfFile: dir.file("woken"), encoding: .utf8)) == "woken")
    }

    /// The lock file as a controller writes it, naming `pid` since now.
    static func writeLock(_ dir: TemporaryDirectory, pid: Int32) throws {
        let holder = RunLockHolder(pid: pid, host: RunLockHolder.hostName, since: Date())
        try holder.text.write(toFile: dir.file("lock"), atomically: true, encoding: .utf8)
    }
}
