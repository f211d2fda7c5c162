#if canImport(Glibc)
import Glibc
#endif

extension LocalBackend {
    /// Stops one trial and waits for it: SIGTERM to its group, SIGKILL after `grace`, then
    /// waits until every process of the group is gone and reaped. Returns how the leader
    /// ended, or nil when `handle` is not a running trial of this backend.
    ///
    /// Blocking: for Ctrl-C pressed twice, shutdown and tests. The controller's loop uses
    /// `Teardown` and `signal` instead. Exits of other trials seen meanwhile are kept for
    /// the next `collectExits`.
    @discardableResult
    public func terminateAndWait(_ handle: ProcessHandle, grace: Duration = Teardown.defaultGrace) -> Termination? {
        guard running[handle.pid]?.handle == handle else { return nil }
        return stopAndWait([handle], grace: grace).first?.termination
    }

    /// Stops every running trial at once (one grace period for all) and waits until all of
    /// them and their groups are gone. Returns their exits.
    @discardableResult
    public func terminateAllAndWait(grace: Duration = Teardown.defaultGrace) -> [TrialExit<ProcessHandle>] {
        stopAndWait(runningHandles, grace: grace)
    }

    private func stopAndWait(_ handles: [ProcessHandle], grace: Duration) -> [TrialExit<ProcessHandle>] {
        var teardowns: [ProcessHandle: Teardown] = [:]
        let start = ContinuousClock.now
        for handle in handles {
            var teardown = Teardown(grace: grace)
            for signal in teardown.begin(now: start) { self.signal(handle, signal) }
            teardowns[handle] = teardown
        }
        var results: [TrialExit<ProcessHandle>] = []
        var others: [TrialExit<ProcessHandle>] = []
        while !teardowns.isEmpty {
            for exit in collectExits() {
                if teardowns.removeValue(forKey: exit.handle) != nil {
                    results.append(exit)
                } else {
                    others.append(exit)
                }
            }
            if teardowns.isEmpty { break }
            let now = ContinuousClock.now
            for handle in Array(teardowns.keys) {
                for signal in teardowns[handle]!.advance(now: now) { self.signal(handle, signal) }
            }
            let descriptors = teardowns.keys.compactMap { running[$0.pid].map(\.pidfd) }.filter { $0 >= 0 }
            var timeout = teardowns.values.compactMap(\.deadline).min().map { $0 - now } ?? .milliseconds(100)
            if descriptors.count < teardowns.count || !draining.isEmpty {
                timeout = min(timeout, Self.pollingInterval)
            }
            Self.waitForReadable(descriptors, timeout: timeout)
        }
        // The leaders are gone and their groups were sent SIGKILL; wait for the last members.
        let groups = Set(results.map(\.handle.processGroup))
        while draining.keys.contains(where: groups.contains) {
            Self.waitForReadable([], timeout: .milliseconds(1))
            for group in groups where draining[group] != nil { drain(group) }
        }
        pendingExits = others + pendingExits
        return results
    }

    /// `poll(2)` on `descriptors` for at most `timeout` (rounded up to whole milliseconds).
    static func waitForReadable(_ descriptors: [Int32], timeout: Duration) {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let (seconds, attoseconds) = max(timeout, .zero).components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        _ = poll(&fds, nfds_t(fds.count), Int32(clamping: milliseconds))
    }
}
