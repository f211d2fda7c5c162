import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sleeping until something happens, never longer than the nearest deadline.
extension Controller {
    /// Blocks in `poll(2)` on the metric source, the backend's exit descriptors, the signal
    /// pipe and the strategy's answer pipe, until one is readable or the nearest deadline
    /// comes; tells the backend which exit descriptors woke it.
    func wait() {
        var descriptors: [pollfd] = []
        if let fd = metrics.fileDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        if let fd = signalPipe?.readDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        descriptors.append(pollfd(fd: suggestions.readDescriptor, events: Int16(POLLIN), revents: 0))
        let firstExit = descriptors.count
        for fd in backend.exitDescriptors { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let timeout = pollTimeout(now: clock.now)
        let result = descriptors.withUnsafeMutableBufferPointer { buffer in
            poll(buffer.baseAddress, nfds_t(buffer.count), timeout)
        }
        // Which trials may have ended (an interrupted poll tells nothing: the backend looks itself).
        guard result >= 0 else { return }
        backend.exitDescriptorsReady(descriptors[firstExit...].filter { $0.revents != 0 }.map(\.fd))
    }

    /// Milliseconds until the core's nearest deadline, capped by the backend's and the
    /// metric source's polling.
    func pollTimeout(now: ContinuousClock.Instant) -> Int32 {
        guard let deadline = core.nextDeadline() else { return 0 }
        var wait = deadline - now
        if let cap = backend.maximumPollInterval { wait = min(wait, cap) }
        if let seconds = metrics.pollingInterval { wait = min(wait, .milliseconds(Int(seconds * 1000))) }
        let ms = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms + (wait > .zero ? 1 : 0)))
    }
}
