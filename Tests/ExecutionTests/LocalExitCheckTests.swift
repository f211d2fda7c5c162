import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// What one turn of the loop costs the local backend: a `waitid` per trial whose pidfd is
/// readable, none for the trials still running (counted, not timed).
@Suite("Local backend: exit checks per turn")
struct LocalExitCheckTests {
    /// Four trials that run on and one that exits, with its pidfd readable.
    struct Trials {
        let scratch = Scratch()
        let backend: LocalBackend
        let ended: ProcessHandle
        /// The pidfds readable once `ended` exited (waited for in `poll(2)`, not in time).
        let ready: [Int32]

        init(options: LocalBackend.Options = .init()) throws {
            backend = LocalBackend(options: options)
            for _ in 0..<4 { _ = try backend.launch(scratch.request(["sleep", "60"])) }
            ended = try backend.launch(scratch.request(["/bin/sh", "-c", "exit 3"]))
            var fds = backend.exitDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            // Generous: only a missing wakeup would take this long.
            _ = poll(&fds, nfds_t(fds.count), 30_000)
            ready = fds.filter { $0.revents != 0 }.map(\.fd)
        }

        func cleanUp() {
            _ = backend.terminateAllAndWait(grace: .milliseconds(100))
            scratch.remove()
        }
    }

    @Test("the loop's poll names the readable pidfd: one waitid for the trial that ended, none for the others")
    func onlyReadyTrialsAreChecked() throws {
        let trials = try Trials()
        defer { trials.cleanUp() }
        #expect(trials.ready.count == 1)
        trials.backend.exitDescriptorsReady(trials.ready)
        let before = trials.backend.exitChecks
        #expect(trials.backend.collectExits().map(\.untimed) == [TrialExit(handle: trials.ended, termination: .exited(3))])
        #expect(trials.backend.exitChecks - before == 1)
        // A turn woken by something else (a metric line, a timeout): no trial is checked.
        trials.backend.exitDescriptorsReady([])
        #expect(trials.backend.collectExits().isEmpty)
        #expect(trials.backend.exitChecks - before == 1)
    }

    @Test("without word from the loop, collectExits looks at the pidfds itself and checks only the readable one")
    func unpolledTurnFindsTheReadyTrialItself() throws {
        let trials = try Trials()
        defer { trials.cleanUp() }
        let before = trials.backend.exitChecks
        #expect(trials.backend.collectExits().map(\.untimed) == [TrialExit(handle: trials.ended, termination: .exited(3))])
        #expect(trials.backend.exitChecks - before == 1)
        #expect(trials.backend.collectExits().isEmpty)
        #expect(trials.backend.exitChecks - before == 1)
    }

    @Test("without pidfds every running trial is checked each turn (the 10 ms fallback)")
    func fallbackChecksEveryTrial() throws {
        let scratch = Scratch()
        let backend = LocalBackend(options: .init(usePidfd: false))
        defer {
            _ = backend.terminateAllAndWait(grace: .milliseconds(100))
            scratch.remove()
        }
        for _ in 0..<3 { _ = try backend.launch(scratch.request(["sleep", "60"])) }
        backend.exitDescriptorsReady([])
        let before = backend.exitChecks
        #expect(backend.collectExits().isEmpty)
        #expect(backend.exitChecks - before == 3)
    }
}
