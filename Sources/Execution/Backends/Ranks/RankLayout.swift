/// How many processes one trial runs, and how they find each other: `--nodes N
/// --ranks-per-node M`. One rank is the usual trial.
///
/// Every rank gets torchrun's environment — `RANK` (0 ..< N·M), `LOCAL_RANK` (0 ..< M),
/// `WORLD_SIZE` (N·M), `MASTER_ADDR` and `MASTER_PORT` (rank 0's host and a free port there)
/// — so `torch.distributed.init_process_group("nccl")` works unchanged. Rank 0 writes the
/// trial's metrics file; rank k > 0 gets `metrics.rank<k>.jsonl` beside it, kept but not read,
/// so that ranks logging the same numbers do not count them N·M times.
public struct RankLayout: Sendable, Hashable, Codable {
    /// How the ranks are started.
    public enum Launcher: String, Sendable, Hashable, Codable, CaseIterable {
        /// One process per rank with torchrun's variables (srun on Slurm, forked locally).
        case torchrun
        /// An MPI launch: `srun --mpi=<plugin>` on Slurm, `mpirun -np` locally; the variables
        /// are set as well.
        case mpi
    }

    /// Nodes (Slurm only; a local trial has one).
    public var nodes: Int
    /// Ranks on each node.
    public var ranksPerNode: Int
    /// How they are started.
    public var launcher: Launcher
    /// The MPI plugin Slurm's `srun --mpi=` uses (`pmi2`, `pmix`).
    public var mpiPlugin: String

    /// One process: the default.
    public static let single = RankLayout()

    /// A layout; values below 1 are refused by `validate`.
    public init(nodes: Int = 1, ranksPerNode: Int = 1, launcher: Launcher = .torchrun, mpiPlugin: String = "pmi2") {
        self.nodes = nodes
        self.ranksPerNode = ranksPerNode
        self.launcher = launcher
        self.mpiPlugin = mpiPlugin
    }

    /// Every rank of the trial.
    public var worldSize: Int { nodes * ranksPerNode }

    /// True when the trial is more than one process.
    public var isDistributed: Bool { worldSize > 1 || launcher == .mpi }

    /// Checks the numbers, for the person at the terminal.
    public func validate(localBackend: Bool) throws(RankLayoutError) {
        if nodes < 1 { throw .invalid("--nodes \(nodes): must be at least 1") }
        if ranksPerNode < 1 { throw .invalid("--ranks-per-node \(ranksPerNode): must be at least 1") }
        if localBackend && nodes > 1 {
            throw .invalid("--nodes \(nodes): a local trial runs on this machine only; use --backend slurm for several nodes")
        }
    }
}

/// A rank layout that cannot run.
public enum RankLayoutError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text): text
        }
    }
}
