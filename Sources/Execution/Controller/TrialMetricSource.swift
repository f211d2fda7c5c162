import Foundation

/// Where the controller reads trials' metric lines: `MetricsTailer` (inotify, or polling on
/// network file systems) unless `ExecutionOptions.metricSource` gives another, such as a
/// test's fake or a program's own reader.
///
/// Single-threaded: owned by the controller's loop.
public protocol TrialMetricSource: AnyObject {
    /// A descriptor that becomes readable when `drain()` may have lines; nil when there is
    /// none (then `pollingInterval` says how often to drain).
    var fileDescriptor: Int32? { get }
    /// Seconds between drains while some file is polled; nil when the descriptor suffices.
    var pollingInterval: Double? { get }
    /// Follows `path` from byte `offset` under `key`.
    func add(_ path: String, key: TrialStream, startingAt offset: Int64) throws
    /// Stops following `key`.
    func remove(key: TrialStream)
    /// Reads `key` again at the next drain whatever events said (its process exited).
    func markChanged(key: TrialStream)
    /// True when every complete line of `key` was handed out (true for a key not followed).
    func isCaughtUp(key: TrialStream) -> Bool
    /// New complete lines (and warnings) since the last drain, per file.
    func drain() -> [TailUpdate<TrialStream>]
}

extension MetricsTailer: TrialMetricSource where Key == TrialStream {}
