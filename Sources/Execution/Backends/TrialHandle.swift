/// What identifies a started trial across hpo restarts, and what the run store keeps of it.
public protocol TrialHandle: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The record the store keeps as soon as the trial is launched or submitted.
    var launchRecord: LaunchRecord { get }
}

/// A started trial as the run store keeps it.
public enum LaunchRecord: Sendable, Hashable {
    /// A local process: running from the moment it exists.
    case process(ProcessRecord)
    /// A batch job: submitted, and running once the scheduler says so.
    case job(id: String)
}

extension ProcessHandle: TrialHandle {
    public var launchRecord: LaunchRecord { .process(self) }
}
