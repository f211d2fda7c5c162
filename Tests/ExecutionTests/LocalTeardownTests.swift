import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

@Suite("Local backend: tearing trials down")
struct LocalTeardownTests {
    @Test("SIGTERM reaches every process of the group")
    func termReachesGroup() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "sleep 30 & sleep 30 & wait"]))
        let members = waitForMembers(handle.processGroup, count: 3)
        #expect(members == 3)
        let start = ContinuousClock.now
        #expect(backend.terminateAndWait(handle, grace: .seconds(5)) == .signaled(SIGTERM))
        #expect(seconds(since: start) < 2, "no need to wait for the grace period")
        #expect(processes(inGroup: handle.processGroup).isEmpty)
    }

    @Test("processes that ignore SIGTERM get SIGKILL after the grace period")
    func escalation() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        // Ignored signals survive exec, so the sleep ignores SIGTERM too.
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "trap '' TERM; sleep 30 & wait"]))
        #expect(waitForMembers(handle.processGroup, count: 2) == 2)
        let start = ContinuousClock.now
        #expect(backend.terminateAndWait(handle, grace: .milliseconds(300)) == .signaled(SIGKILL))
        let took = seconds(since: start)
        #expect(took >= 0.3 && took < 2, "took \(took) s")
        #expect(processes(inGroup: handle.processGroup).isEmpty, "no process or zombie of the group is left")
    }

    @Test("a grandchild that ignores SIGTERM dies with its trial, and nothing is left as a zombie")
    func grandchildIgnoringTerm() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let inner = "trap '' TERM; while :; do sleep 0.05; done"
        let handle = try backend.launch(scratch.request(
            ["/bin/sh", "-c", "sh -c \"$0\" & echo $! > grandchild.pid; wait", inner]))
        #expect(waitForMembers(handle.processGroup, count: 3) >= 2)
        let grandchild = try #require(Int32(scratch.read("grandchild.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(backend.terminateAndWait(handle, grace: .seconds(5)) == .signaled(SIGTERM))
        #expect(processes(inGroup: handle.processGroup).isEmpty)
        #expect(!processExists(grandchild))
    }

    @Test("stopping all trials at once returns every exit and leaves no process")
    func terminateAll() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handles = try (0..<3).map { _ in
            try backend.launch(scratch.request(["/bin/sh", "-c", "sleep 30 & wait"]))
        }
        let exits = backend.terminateAllAndWait(grace: .seconds(5))
        #expect(Set(exits.map(\.handle)) == Set(handles))
        #expect(exits.allSatisfy { $0.termination == .signaled(SIGTERM) })
        #expect(backend.runningHandles.isEmpty)
        for handle in handles { #expect(processes(inGroup: handle.processGroup).isEmpty) }
    }

    @Test("exits of other trials seen during a blocking teardown are kept for the loop")
    func otherExitsKept() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let quick = try backend.launch(scratch.request(["/bin/sh", "-c", "exit 2"]))
        let slow = try backend.launch(scratch.request(["/bin/sleep", "30"]))
        let deadline = ContinuousClock.now + .seconds(3)
        while ProcStat.read(quick.pid)?.isZombie != true && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(5))
        }
        #expect(backend.terminateAndWait(slow, grace: .seconds(2)) == .signaled(SIGTERM))
        #expect(backend.collectExits().map(\.untimed) == [TrialExit(handle: quick, termination: .exited(2))])
        #expect(backend.terminateAndWait(quick) == nil, "already ended")
    }

    /// Waits until the group has `count` members (a shell needs a moment to start its jobs).
    private func waitForMembers(_ group: Int32, count: Int) -> Int {
        let deadline = ContinuousClock.now + .seconds(3)
        while processes(inGroup: group).count < count && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))
        }
        return processes(inGroup: group).count
    }
}
