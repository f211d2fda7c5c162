import Foundation

/// What the workers of one `optimize` call share: how many of their trials finished and
/// failed, and whether the call must stop (too many failures, or an error of the study's own,
/// such as a storage that cannot write). Thread-safe.
final class OptimizeProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let maximumFailures: Int?
    private var failures = 0
    private var finished = 0
    private var stopError: (any Error)?

    /// The default rule, as the CLI's: stop once this many trials failed and failures are
    /// more than half of the finished trials.
    static let defaultMinimumFailures = 5

    init(maximumFailures: Int?) {
        self.maximumFailures = maximumFailures
    }

    private var strategyExhausted = false

    /// True once the strategy had nothing left to suggest (a grid walked to its end).
    var exhausted: Bool {
        get { lock.withLock { strategyExhausted } }
        set { lock.withLock { strategyExhausted = newValue } }
    }

    /// The error that stops the call, if one did.
    var error: (any Error)? { lock.withLock { stopError } }

    /// True once the call must ask no more trials.
    var isStopped: Bool { error != nil }

    /// Stops the call with `error`, unless it was stopped already.
    func stop(_ error: any Error) {
        lock.withLock { if stopError == nil { stopError = error } }
    }

    /// Counts a finished trial; `failure` is the message of the error that failed it.
    func record(failure: String?) {
        lock.withLock {
            finished += 1
            guard let failure else { return }
            failures += 1
            let tooMany = maximumFailures.map { failures >= $0 }
                ?? (failures >= OptimizeProgress.defaultMinimumFailures && 2 * failures > finished)
            if tooMany && stopError == nil {
                stopError = StudyError.tooManyFailures(failures: failures, finished: finished, last: failure)
            }
        }
    }
}
