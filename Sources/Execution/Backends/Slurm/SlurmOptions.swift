/// What every trial's job asks Slurm for: `--backend slurm` with its flags, or the sweep
/// file's `backend: {slurm: {…}}`. Nil fields are left to the cluster's defaults.
public struct SlurmOptions: Sendable, Hashable, Codable {
    /// `--partition`.
    public var partition: String?
    /// `--account`.
    public var account: String?
    /// `--qos`.
    public var qos: String?
    /// `--time`, in Slurm's forms (`30`, `2:00:00`, `1-00:00:00`).
    public var timeLimit: String?
    /// `--constraint`.
    public var constraint: String?
    /// GPUs per trial: `--gres=gpu:K` (per node).
    public var gpusPerTrial: Int?
    /// `--cpus-per-task`.
    public var cpusPerTrial: Int?
    /// `--mem` (per node): `8G`, `16000M`.
    public var memoryPerTrial: String?
    /// Further `sbatch` arguments, each one argument (`--exclusive`, `--reservation=x`).
    public var extraArguments: [String]

    /// Options; nothing asked beyond the cluster's defaults.
    public init(partition: String? = nil, account: String? = nil, qos: String? = nil, timeLimit: String? = nil,
                constraint: String? = nil, gpusPerTrial: Int? = nil, cpusPerTrial: Int? = nil,
                memoryPerTrial: String? = nil, extraArguments: [String] = []) {
        self.partition = partition
        self.account = account
        self.qos = qos
        self.timeLimit = timeLimit
        self.constraint = constraint
        self.gpusPerTrial = gpusPerTrial
        self.cpusPerTrial = cpusPerTrial
        self.memoryPerTrial = memoryPerTrial
        self.extraArguments = extraArguments
    }

    /// The `sbatch` arguments these options give, in a fixed order.
    var sbatchArguments: [String] {
        var arguments: [String] = []
        if let partition { arguments.append("--partition=\(partition)") }
        if let account { arguments.append("--account=\(account)") }
        if let qos { arguments.append("--qos=\(qos)") }
        if let timeLimit { arguments.append("--time=\(timeLimit)") }
        if let constraint { arguments.append("--constraint=\(constraint)") }
        if let gpusPerTrial { arguments.append("--gres=gpu:\(gpusPerTrial)") }
        if let cpusPerTrial { arguments.append("--cpus-per-task=\(cpusPerTrial)") }
        if let memoryPerTrial { arguments.append("--mem=\(memoryPerTrial)") }
        return arguments + extraArguments
    }
}
