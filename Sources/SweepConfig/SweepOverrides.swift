/// What a command line says about a sweep. Every field left nil (or empty) keeps the
/// file's setting; every field given replaces it.
public struct SweepOverrides: Hashable, Sendable {
    /// `--name`.
    public var name: String?
    /// The command after `--` (or the script and its arguments of `hpo run`), with its
    /// inline sweep values already turned into placeholders.
    public var command: CommandTemplate?
    /// The inline sweep parameters: each replaces the file's parameter of the same name in
    /// place, or is added after the file's parameters.
    public var parameters: [Parameter]
    /// `--metric`.
    public var metricName: String?
    /// `--goal`.
    public var goal: Goal?
    /// The second and later `--metric` objectives; set (empty with one `--metric`) whenever
    /// `--metric` is given: the command line's objectives replace the file's.
    public var furtherMetrics: [SweepMetric]?
    /// `--constraint` (every one given): they replace the file's `constraints:`.
    public var constraints: [OutcomeConstraint]?
    /// `--strategy`.
    public var strategy: StrategyKind?
    /// `--trials`.
    public var trials: Int?
    /// `--seed`.
    public var seed: UInt64?
    /// `--parallel`.
    public var parallel: Int?
    /// `--gpus`.
    public var gpus: [Int]?
    /// `--warm-start` (every one given): they replace the file's `warm_start:`.
    public var warmStart: [String]?

    /// Creates overrides; everything defaults to "not given".
    public init(name: String? = nil, command: CommandTemplate? = nil, parameters: [Parameter] = [],
                metricName: String? = nil, goal: Goal? = nil, strategy: StrategyKind? = nil, trials: Int? = nil,
                seed: UInt64? = nil, parallel: Int? = nil, gpus: [Int]? = nil, constraints: [OutcomeConstraint]? = nil) {
        self.constraints = constraints
        self.name = name
        self.command = command
        self.parameters = parameters
        self.metricName = metricName
        self.goal = goal
        self.strategy = strategy
        self.trials = trials
        self.seed = seed
        self.parallel = parallel
        self.gpus = gpus
    }
}
