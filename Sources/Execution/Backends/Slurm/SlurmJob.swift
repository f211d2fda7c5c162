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

    public var launchRecord: LaunchRecord { .job(id: id) }

    /// `Slurm job 4242`.
    public var description: String { "Slurm job \(id)" }
}
