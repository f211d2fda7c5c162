/// Identifies one locally started trial process for as long as the run exists, across hpo
/// restarts: the store keeps it, and `hpo resume` uses it to find the process again.
///
/// A pid alone is not enough: pids are reused (this machine wraps at 32,768), so the start
/// time from `/proc/<pid>/stat` tells the original process apart from a later one that got
/// the same number.
public struct ProcessHandle: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The process id of the trial's leading process.
    public var pid: Int32
    /// The process group (equal to `pid`: each trial leads its own session and group);
    /// signals go to `-processGroup` so that every descendant receives them.
    public var processGroup: Int32
    /// The leader's start time in clock ticks after boot (field 22 of `/proc/<pid>/stat`).
    public var startTime: UInt64

    /// A handle for a known process; `LocalBackend.launch` makes these.
    public init(pid: Int32, processGroup: Int32, startTime: UInt64) {
        self.pid = pid
        self.processGroup = processGroup
        self.startTime = startTime
    }

    /// `pid 4242 (group 4242, started at tick 123456)`.
    public var description: String {
        "pid \(pid) (group \(processGroup), started at tick \(startTime))"
    }
}
