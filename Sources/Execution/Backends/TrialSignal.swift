/// The two signals hpo ever sends a trial, always to the trial's whole process group
/// (or, for a batch backend, the whole job).
public enum TrialSignal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Ask to stop: SIGTERM. A trial may save a checkpoint and exit during the grace period.
    case terminate
    /// Stop now: SIGKILL. Cannot be caught or ignored.
    case kill

    /// The signal number sent for a local process group.
    public var number: Int32 {
        switch self {
        case .terminate: 15  // SIGTERM
        case .kill: 9        // SIGKILL
        }
    }

    public var description: String {
        switch self {
        case .terminate: "SIGTERM"
        case .kill: "SIGKILL"
        }
    }
}
