import Foundation

/// Where a run as a whole is.
public enum RunState: String, Hashable, Sendable, CaseIterable, Codable {
    /// A controller is (or was, until it was killed) working on it.
    case running
    /// The budget was spent and every trial finished.
    case completed
    /// Stopped on request (`hpo cancel RUN`, Ctrl-C).
    case cancelled
    /// Stopped by an error of hpo's.
    case failed
    /// Never stored: what readers show for a run stored `running` whose controller is gone
    /// (killed, crashed, its machine restarted), see `RunLiveness`. `hpo resume` continues it.
    case interrupted
}

/// What a run is: stored once when it is created (its state changes later).
public struct RunInfo: Hashable, Sendable {
    /// The run's name (its directory under the root).
    public var name: String
    /// When it was created.
    public var createdAt: Date
    /// The resolved configuration, as YAML text (also written to sweep.yaml).
    public var configurationYAML: String
    /// The seed of the strategy's random numbers.
    public var seed: UInt64
    /// The strategy's name (`grid`, `random`, `bayes`).
    public var strategy: String
    /// Minimize or maximize the objective.
    public var goal: Goal
    /// The objective metric's name.
    public var metric: String
    /// The parameter names in declared order: the order of results.csv columns and of
    /// each trial's stored parameters.
    public var parameterNames: [String]
    /// Where the run is.
    public var state: RunState
    /// When `state` last changed.
    public var updatedAt: Date

    /// Creates run information; `state` starts as `running`.
    public init(name: String, createdAt: Date, configurationYAML: String, seed: UInt64, strategy: String,
                goal: Goal, metric: String, parameterNames: [String], state: RunState = .running) {
        self.name = name
        self.createdAt = createdAt
        self.configurationYAML = configurationYAML
        self.seed = seed
        self.strategy = strategy
        self.goal = goal
        self.metric = metric
        self.parameterNames = parameterNames
        self.state = state
        self.updatedAt = createdAt
    }
}
