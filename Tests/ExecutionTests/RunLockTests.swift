import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// One controller per run: the flock on `<run>/lock` and what its file says.
@Suite struct RunLockTests {
    @Test func aSecondControllerFailsAtOnceNamingTheHolder() throws {
        let dir = TemporaryDirectory()
        let since = Date(timeIntervalSince1970: 1_750_000_000)
        let first = try RunLock.acquire(directory: dir.path, now: since)
        let start = ContinuousClock.now
        #expect(throws: RunLockError.held(path: dir.file("lock"), holder: RunLockHolder(pid: getpid(), host: RunLockHolder.hostName,
                                                                                          since: since))) {
            try RunLock.acquire(directory: dir.path)
        }
        #expect(ContinuousClock.now - start < .milliseconds(500))
        let message = "\(RunLockError.held(path: "runs/x/lock", holder: first.holder))"
        #expect(message.hasPrefix("another hpo controls this run: pid \(getpid()) on host \(RunLockHolder.hostName) since 2025-06-15T15:06:40Z"))
        first.release()
        let second = try RunLock.acquire(directory: dir.path)
        #expect(second.previous == nil)   // a clean release leaves no stale holder
    }

    @Test func theLockOfAKilledHolderIsTakenOverNamingIt() throws {
        let dir = TemporaryDirectory()
        // Another process takes the lock the way hpo does, then is killed with SIGKILL.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, os, socket, time
            fd = os.open("\(dir.file("lock"))", os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()} 2025-01-02T03:04:05Z\\n".encode())
            print("locked", flush=True)
            time.sleep(60)
            """]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData   // "locked"
        #expect(throws: RunLockError.self) { try RunLock.acquire(directory: dir.path) }
        if case .held(_, let named)? = (Result(catching: { try RunLock.acquire(directory: dir.path) }).failure as? RunLockError) {
            #expect(named?.pid == holder.processIdentifier)
        } else {
            Issue.record("the lock was not reported held")
        }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let lock = try RunLock.acquire(directory: dir.path)
        #expect(lock.previous?.pid == holder.processIdentifier)
        #expect(lock.previous?.since == Date(timeIntervalSince1970: 1_735_787_045))
        #expect(RunLock.recordedHolder(directory: dir.path) == lock.holder)
    }

    @Test func aLockFileNamingAnotherHostNeedsTakeOver() throws {
        let dir = TemporaryDirectory()
        try "4242 far-away-node 2025-01-02T03:04:05Z\n".write(toFile: dir.file("lock"), atomically: true, encoding: .utf8)
        let named = RunLockHolder(pid: 4242, host: "far-away-node", since: Date(timeIntervalSince1970: 1_735_787_045))
        #expect(throws: RunLockError.otherHost(path: dir.file("lock"), holder: named)) {
            try RunLock.acquire(directory: dir.path)
        }
        #expect("\(RunLockError.otherHost(path: "l", holder: named))".contains("hpo cannot check a process on another host"))
        let lock = try RunLock.acquire(directory: dir.path, takeOver: true)
        #expect(lock.previous == named)
    }
}

extension Result where Failure == any Error {
    init(catching body: () throws -> Success) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }

    var failure: (any Error)? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
