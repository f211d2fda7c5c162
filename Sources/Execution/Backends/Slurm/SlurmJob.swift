/// A trial's Slurm job: what the store keeps (its id) and where the job leaves its exit
/// status when Slurm has already forgotten it.
public struct SlurmJob: TrialHandle {
    /// The job id `sbatch --parsable` printed.
    public var id: String
    /// The file the batch script writes the command's exit status to.
    public var exitStatusPath: String

    /// A job handle.
    public init(id: String, exitStatusPath: String) {
        self.id = id
        self.exitStatusPath = exitStatusPath
    }

    /// The file the batch script writes the wall time its command started to, beside the
    /// exit status (`started_at` in the trial's directory).
    public var startStampPath: String { Self.startStampPath(besideExitStatus: exitStatusPath) }

    /// `started_at` in the directory of `exitStatusPath`.
    static func startStampPath(besideExitStatus exitStatusPath: String) -> String {
        guard let slash = exitStatusPath.lastIndex(of: "/") else { return "started_at" }
        return exitStatusPath[...slash] + "started_at"
    }

    public var launchRecord: LaunchRecord { .job(id: id) }

    /// `Slurm job 4242`.
    public var description: String { "Slurm job \(id)" }
}
