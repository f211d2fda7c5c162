import Foundation
import Synchronization
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

@Suite("Local backend: noticing exits and reaping")
struct LocalExitWatchingTests {
    @Test("a trial's pidfd wakes poll(2) when it exits, and not before")
    func pidfdWakeup() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        // Exits once the test creates `go`: its exit comes after the first poll, by construction.
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "while [ ! -e go ]; do sleep 0.01; done"]))
        let descriptors = backend.exitDescriptors
        #expect(descriptors.count == 1)
        #expect(backend.maximumPollInterval == nil)
        #expect(backend.collectExits().isEmpty)

        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        #expect(poll(&fds, nfds_t(fds.count), 0) == 0, "the pidfd was readable while the trial ran")
        scratch.write("go", "")
        // Generous: only a missing wakeup would take this long.
        let ready = poll(&fds, nfds_t(fds.count), 30_000)
        #expect(ready == 1)
        #expect(fds[0].revents & Int16(POLLIN) != 0)
        #expect(backend.collectExits().map(\.untimed) == [TrialExit(handle: handle, termination: .exited(0))])
        #expect(backend.exitDescriptors.isEmpty)
    }

    @Test("without pidfds the loop is asked to poll every 10 ms and still sees every exit")
    func pollingFallback() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend(options: .init(usePidfd: false))
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "exit 4"]))
        #expect(backend.exitDescriptors.isEmpty)
        #expect(backend.maximumPollInterval == .milliseconds(10))
        #expect(backend.waitForExit(handle) == .exited(4))
        #expect(backend.maximumPollInterval == nil)
    }

    @Test("every exit is reported exactly once")
    func exactlyOnce() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handles = try (0..<5).map { code in
            try backend.launch(scratch.request(["/bin/sh", "-c", "exit \(code)"]))
        }
        let seen = collectAll(from: backend, count: handles.count)
        for _ in 0..<3 { #expect(backend.collectExits().isEmpty) }
        for (code, handle) in handles.enumerated() {
            #expect(seen[handle] == [.exited(Int32(code))])
        }
    }

    @Test("a daemon left behind by a trial that exited normally is killed and reaped")
    func leftoverDaemonKilled() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(scratch.request(
            ["/bin/sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $! > daemon.pid; exit 0"]))
        #expect(backend.waitForExit(handle) == .exited(0))
        let daemon = try #require(Int32(scratch.read("daemon.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(groupVanishes(handle.processGroup, backend: backend))
        #expect(!processExists(daemon), "the daemon (or its zombie) is gone")
        #expect(backend.waitForLeftovers())
    }

    @Test("an orphan that left its trial's session and environment is adopted and reaped")
    func escapedOrphanReaped() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        // The escapee writes its pid once it has its own session; the leader waits for that.
        // Without HPO_ATTEMPT_ID and with its parent gone, the teardown cannot tell it is the
        // trial's (the README's limit): it lives on, and is reaped when it exits.
        let escapee = "setsid env -i PATH=/usr/bin:/bin sh -c 'echo $$ > escaped.tmp; mv escaped.tmp escaped.pid; sleep 0.3' &"
        let handle = try backend.launch(scratch.request(
            ["/bin/sh", "-c", escapee + " while [ ! -e escaped.pid ]; do sleep 0.01; done; exit 0"]))
        #expect(backend.waitForExit(handle) == .exited(0))
        let escaped = try #require(Int32(scratch.read("escaped.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(getsid(escaped) != handle.pid, "it left the trial's session, so the group kill missed it")
        #expect(ProcStat.read(escaped)?.parent == getpid(), "adopted by hpo (subreaper), not by init")
        let deadline = ContinuousClock.now + .seconds(3)
        while processExists(escaped) && ContinuousClock.now < deadline {
            _ = backend.collectExits()
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))
        }
        #expect(!processExists(escaped), "its zombie was reaped by hpo, its subreaper")
    }

    @Test("reaping orphans never takes another backend's trial leader")
    func orphanReapingSparesLeaders() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let reaper = LocalBackend()
        let owner = LocalBackend()
        let handle = try owner.launch(scratch.request(["/bin/sh", "-c", "exit 5"]))
        // Wait until the leader is a zombie, then let the other backend reap orphans.
        let deadline = ContinuousClock.now + .seconds(3)
        while ProcStat.read(handle.pid)?.isZombie != true && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(5))
        }
        reaper.reapOrphans()
        #expect(owner.collectExits().map(\.untimed) == [TrialExit(handle: handle, termination: .exited(5))])
    }

    @Test("a handle is alive only while the same process runs")
    func isAlive() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(scratch.request(["/bin/sleep", "5"]))
        #expect(handle.startTime == ProcStat.read(handle.pid)?.startTime)
        #expect(handle.startTime > 0)
        #expect(backend.isAlive(handle))
        var recycled = handle
        recycled.startTime += 1  // same pid, another process
        #expect(!backend.isAlive(recycled))
        #expect(!backend.signal(recycled, .kill))
        #expect(backend.isAlive(handle))

        #expect(backend.terminateAndWait(handle, grace: .seconds(2)) == .signaled(SIGTERM))
        #expect(!backend.isAlive(handle))
        #expect(!backend.signal(handle, .kill), "an ended trial is never signalled")
    }

    @Test("a handle survives a round trip through JSON, as the store keeps it")
    func handleCodable() throws {
        let handle = ProcessHandle(pid: 4242, processGroup: 4242, startTime: 987_654_321)
        let data = try JSONEncoder().encode(handle)
        #expect(try JSONDecoder().decode(ProcessHandle.self, from: data) == handle)
        let exit = Termination.signaled(9)
        #expect(try JSONDecoder().decode(Termination.self, from: JSONEncoder().encode(exit)) == exit)
    }

    @Test("/proc/<pid>/stat is parsed from the last parenthesis")
    func statParsing() throws {
        let line = "1234 (a) b (c)) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 55667788 1000 100"
        let stat = try #require(ProcStat.parse(ArraySlice(line.utf8)))
        #expect(stat.state == "S")
        #expect(stat.parent == 1)
        #expect(stat.processGroup == 1234)
        #expect(stat.session == 1234)
        #expect(stat.startTime == 55_667_788)
    }
}

/// The controller's loop in miniature, written against the `Backend` protocol only: poll the
/// backend's descriptors (at most its polling interval), then collect.
func collectAll<B: Backend>(from backend: B, count: Int, timeout: Duration = .seconds(5)) -> [B.Handle: [Termination]] {
    var seen: [B.Handle: [Termination]] = [:]
    let deadline = ContinuousClock.now + timeout
    while seen.values.map(\.count).reduce(0, +) < count && ContinuousClock.now < deadline {
        for exit in backend.collectExits() { seen[exit.handle, default: []].append(exit.termination) }
        var fds = backend.exitDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let wait = backend.maximumPollInterval.map { Int32($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? 1000
        _ = poll(&fds, nfds_t(fds.count), min(wait, 100))
    }
    return seen
}

extension TrialExit {
    /// The exit without the time the backend noted: what tests compare when the time is
    /// the real clock's.
    var untimed: TrialExit {
        var exit = self
        exit.endedAt = nil
        return exit
    }
}

/// A wall clock that says `first` when first read and `later` after; `firstRead` is
/// signalled by the first read.
private final class SteppingWallClock: Sendable {
    let reads = Mutex(0)
    let firstRead = DispatchSemaphore(value: 0)
    let first = Date(timeIntervalSince1970: 1_000), later = Date(timeIntervalSince1970: 2_000)

    func now() -> Date {
        let count = reads.withLock { count in
            count += 1
            return count
        }
        if count == 1 { firstRead.signal() }
        return count == 1 ? first : later
    }
}

@Suite("Local backend: the end recorded is the process's")
struct LocalExitTimeTests {
    /// The controller collects exits only between its other work; the exit watcher's thread
    /// notes the time as the process ends, so a late collection keeps the real end.
    @Test func anExitCollectedLateKeepsTheTimeTheProcessEnded() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let clock = SteppingWallClock()
        let backend = LocalBackend(wallClock: { clock.now() })
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "exit 3"]))
        // The watcher reads the clock when the process ends (generous: only a missed exit waits long).
        #expect(clock.firstRead.wait(timeout: .now() + 30) == .success)
        _ = clock.now()  // the loop "gets around to it" later
        let exits = backend.collectExits()
        #expect(exits == [TrialExit(handle: handle, termination: .exited(3), endedAt: clock.first)])
    }

    @Test func withoutPidfdsNoTimeIsNotedAndTheLoopsObservationCounts() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend(options: .init(usePidfd: false), wallClock: { Date(timeIntervalSince1970: 1) })
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "exit 4"]))
        #expect(backend.waitForExit(handle) == .exited(4))
        #expect(backend.exitWatcher == nil)
    }
}
