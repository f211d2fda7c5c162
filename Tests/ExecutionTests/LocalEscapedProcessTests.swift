import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// Processes that left their trial's process group (`setsid`) are torn down with it: real
/// grandchildren in sessions of their own, whose death is checked by pid.
@Suite("Local backend: processes that left the trial's group")
struct LocalEscapedProcessTests {
    /// A trial whose grandchild calls setsid, writes its pid to escaped.pid, then runs `tail`.
    func launch(_ backend: LocalBackend, _ scratch: Scratch, then leader: String,
                grandchild tail: String = "exec sleep 301") throws -> (handle: ProcessHandle, escaped: EscapedProcess) {
        let inner = "echo $$ > escaped.pid.tmp; mv escaped.pid.tmp escaped.pid; \(tail)"
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "setsid /bin/sh -c \"$0\" & \(leader)", inner]))
        let deadline = ContinuousClock.now + .seconds(10)
        while Int32(scratch.read("escaped.pid").trimmingCharacters(in: .whitespacesAndNewlines)) == nil
                && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))
        }
        let pid = try #require(Int32(scratch.read("escaped.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        let stat = try #require(ProcStat.read(pid))
        #expect(stat.session == pid, "the grandchild leads a session of its own")
        #expect(stat.processGroup != handle.processGroup)
        return (handle, EscapedProcess(pid: pid, startTime: stat.startTime))
    }

    /// Collects exits (which kills and reaps leftovers) until `process` is gone or 10 s pass.
    func dies(_ process: EscapedProcess, backend: LocalBackend) -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isAlive && ContinuousClock.now < deadline {
            _ = backend.collectExits()
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))
        }
        return !process.isAlive
    }

    @Test("stopping a trial stops its setsid grandchild too")
    func stoppedTrial() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let (handle, escaped) = try launch(backend, scratch, then: "sleep 100")
        #expect(backend.terminateAndWait(handle, grace: .seconds(5)) == .signaled(SIGTERM))
        #expect(dies(escaped, backend: backend))
    }

    @Test("a setsid grandchild that ignores SIGTERM is killed when its trial ends")
    func ignoringTerm() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let (handle, escaped) = try launch(backend, scratch, then: "sleep 100",
                                           grandchild: "trap '' TERM; while :; do sleep 0.05; done")
        #expect(backend.terminateAndWait(handle, grace: .seconds(5)) == .signaled(SIGTERM))
        #expect(dies(escaped, backend: backend))
    }

    @Test("a trial that exits normally takes its setsid grandchild with it")
    func normalExit() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let (handle, escaped) = try launch(backend, scratch, then: "while [ ! -s escaped.pid ]; do sleep 0.01; done")
        #expect(backend.waitForExit(handle, timeout: .seconds(10)) == .exited(0))
        #expect(dies(escaped, backend: backend))
    }

    @Test("a grandchild that cleared its environment is still found below the trial")
    func clearedEnvironment() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let (handle, escaped) = try launch(backend, scratch, then: "sleep 100", grandchild: "exec env -i sleep 302")
        let deadline = ContinuousClock.now + .seconds(10)
        while !TrialProcessScan.environment(of: escaped.pid).isEmpty && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))  // until `env -i` has exec'd
        }
        #expect(TrialProcessScan.environment(of: escaped.pid).isEmpty, "no HPO_ATTEMPT_ID to find it by")
        #expect(backend.terminateAndWait(handle, grace: .seconds(5)) == .signaled(SIGTERM))
        #expect(dies(escaped, backend: backend))
    }

    @Test("each attempt gets its own HPO_ATTEMPT_ID, whatever the request says")
    func tokens() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        var ids: [String] = []
        for _ in 0..<2 {
            let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "echo $HPO_ATTEMPT_ID >> ids"],
                                                            environment: ["PATH": "/usr/bin:/bin", "HPO_ATTEMPT_ID": "mine"]))
            #expect(backend.waitForExit(handle) == .exited(0))
        }
        ids = scratch.read("ids").split(separator: "\n").map(String.init)
        #expect(ids.count == 2 && Set(ids).count == 2)
        #expect(ids.allSatisfy { $0.count == 32 && $0 != "mine" })
    }

    @Test("looking for one attempt's escaped processes leaves other running attempts' trees unread")
    func otherAttemptsSkipped() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let other = try backend.launch(scratch.request(["/bin/sh", "-c", "sleep 300 & wait"]))
        let (handle, escaped) = try launch(backend, scratch, then: "sleep 100")
        let walked = try #require(AttemptProcesses.subtree(of: getpid(), skipping: [other.pid]))
        #expect(walked[other.pid] == nil)
        #expect(walked.values.allSatisfy { $0.session != other.pid })
        #expect(walked[handle.pid] != nil && walked[escaped.pid] != nil)
        #expect(backend.outside(handle.processGroup, token: backend.running[handle.pid]!.token, leader: handle.pid)
                    .contains(escaped))
        #expect(backend.terminateAndWait(handle, grace: .seconds(5)) == .signaled(SIGTERM))
        #expect(dies(escaped, backend: backend))
        #expect(backend.terminateAndWait(other, grace: .seconds(5)) == .signaled(SIGTERM))
    }
}
