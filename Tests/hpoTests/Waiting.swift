import Foundation

/// How hpoTests wait for what another process does, with a deadline and never for a fixed time.
enum Waiting {
    /// Runs `process` and returns a wait for its exit: the termination handler signals it,
    /// so the test wakes on the exit itself. The wait returns false when `seconds` pass first.
    static func run(_ process: Process) throws -> (Double) -> Bool {
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        return { seconds in
            guard exited.wait(timeout: .now() + seconds) == .success else { return false }
            exited.signal()  // a later wait on the same exit returns at once
            return true
        }
    }

    /// Checks `condition` until it holds or `seconds` pass; returns whether it held. For what
    /// another process writes to files or to a run's store: nothing there notifies a test, so
    /// this is the one place that looks again, every 20 ms.
    static func until(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
