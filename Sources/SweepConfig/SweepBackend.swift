/// A sweep file's `backend:` — where trials run — as written: `backend: local`,
/// `backend: slurm`, or `backend: {slurm: {partition: gpu, time: "2:00:00", gpus_per_trial: 1}}`.
public struct SweepBackend: Hashable, Sendable {
    /// The backends there are.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case local
        case slurm
    }

    /// Which backend.
    public var kind: Kind
    /// Slurm's `--partition`.
    public var partition: String?
    /// Slurm's `--account`.
    public var account: String?
    /// Slurm's `--qos`.
    public var qos: String?
    /// Slurm's `--time` (`2:00:00`).
    public var time: String?
    /// Slurm's `--constraint`.
    public var constraint: String?
    /// GPUs each trial's job gets (`--gres=gpu:K`).
    public var gpusPerTrial: Int?
    /// CPUs each trial's job gets (`--cpus-per-task`).
    public var cpusPerTrial: Int?
    /// Memory each trial's job gets (`--mem`: `32G`).
    public var memoryPerTrial: String?
    /// Further `sbatch` arguments, one argument each.
    public var extraArguments: [String] = []

    /// The keys of `backend: {slurm: {…}}`.
    public static let slurmKeys = ["partition", "account", "qos", "time", "constraint", "gpus_per_trial",
                                   "cpus_per_trial", "mem_per_trial", "extra_args"]

    /// A backend with nothing asked beyond its defaults.
    public init(kind: Kind) {
        self.kind = kind
    }
}
