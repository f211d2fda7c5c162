/// A whole sweep: what to run, what to search, how, and with which budget. Read from a sweep
/// file, from a command line, or both merged (`merged(with:)`, the command line wins); the
/// executor stores it as the run's resolved configuration (`yaml`), which loads back to an
/// equal value.
public struct SweepSpec: Hashable, Sendable {
    /// The run's name, if one was given.
    public var name: String?
    /// The trial command; empty until a file or a command line gives one.
    public var command: CommandTemplate
    /// The (first) objective: which metric, minimized or maximized.
    public var metric: SweepMetric
    /// The second and later objectives of a run with several (`metrics:`); empty with one.
    public var furtherMetrics: [SweepMetric] = []
    /// Outcome constraints (`constraints:`, `--constraint`): bounds on reported metrics that a
    /// trial must respect to count; an infeasible trial is never the best.
    public var constraints: [OutcomeConstraint] = []
    /// The search strategy.
    public var strategy: StrategyKind
    /// How many trials to run; nil means "the whole grid" (grid search only).
    public var trials: Int?
    /// The run's seed: fixes random suggestions and pre-sampled draws.
    public var seed: UInt64
    /// How many trials run at once.
    public var parallel: Int
    /// The GPU device ids trials may use (empty: no GPUs are handed out).
    public var gpus: [Int]
    /// The parameters. Pre-sampled draws (`uniform(0, 1, 5)`) are already drawn here.
    public var space: SearchSpace
    /// The early-stopping rule and its options, if any.
    public var earlyStopping: EarlyStoppingSpec?
    /// Dataset directories every trial gets as `HPO_DATA_<NAME>` (`datastores:`), in the
    /// order written; paths as written (relative ones are taken from where hpo starts).
    public var datastores: [SweepDatastore] = []
    /// Where trials run (`backend:`); nil for local processes.
    public var backend: SweepBackend?
    /// Nodes a trial spans (`nodes:`, Slurm only).
    public var nodes = 1
    /// Processes (ranks) a trial runs on each node (`ranks_per_node:`).
    public var ranksPerNode = 1
    /// How ranks are started (`launcher:`): `torchrun` or `mpi`.
    public var launcher = "torchrun"
    /// Earlier runs of the same root whose finished trials the strategy learns from
    /// (`warm_start:`, `--warm-start`), in the order named.
    public var warmStart: [String] = []

    /// Creates a spec; the defaults are those of a sweep file that leaves the key out.
    public init(name: String? = nil, command: CommandTemplate = CommandTemplate(arguments: []),
                metric: SweepMetric = SweepMetric(), strategy: StrategyKind = .grid, trials: Int? = nil,
                seed: UInt64 = 0, parallel: Int = 1, gpus: [Int] = [], space: SearchSpace,
                earlyStopping: EarlyStoppingSpec? = nil) {
        self.name = name
        self.command = command
        self.metric = metric
        self.strategy = strategy
        self.trials = trials
        self.seed = seed
        self.parallel = parallel
        self.gpus = gpus
        self.space = space
        self.earlyStopping = earlyStopping
    }
}

/// One entry of a sweep file's `datastores:` mapping.
public struct SweepDatastore: Hashable, Sendable {
    /// The name, as written (it becomes `HPO_DATA_<NAME>` upper-cased).
    public var name: String
    /// The directory, as written.
    public var path: String

    /// A datastore entry.
    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// True when `name` can be part of an environment variable's name: letters, digits and
    /// `_`, not starting with a digit.
    public static func isValidName(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, first == "_" || isLetter(first)
        else { return false }
        return scalars.allSatisfy { $0 == "_" || isLetter($0) || ("0"..."9").contains($0) }
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
}
