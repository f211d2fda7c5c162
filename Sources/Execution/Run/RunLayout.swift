/// The paths of one run under a root directory:
///
///     <root>/<run>/run.db          the store (SQLite, WAL)
///     <root>/<run>/sweep.yaml      the resolved configuration
///     <root>/<run>/results.csv     one row per finished trial
///     <root>/<run>/workspace/      snapshot of the code
///     <root>/<run>/storage/        HPO_STORAGE: what the trials share
///     <root>/<run>/trials/<n>/     stdout.log, stderr.log, metrics.jsonl, artifacts/, checkpoints/,
///                                  work/ (the trial's own copy of the workspace, where it runs)
///
/// A value: building one touches no file. `createDirectories()` makes them.
public struct RunLayout: Hashable, Sendable {
    /// The root that holds runs (default `./runs`).
    public let root: String
    /// The run's name: one path component, validated.
    public let name: String

    /// The layout of run `name` under `root`; throws when the name is not a safe path component.
    public init(root: String, name: String) throws {
        try RunLayout.validateName(name)
        self.root = root
        self.name = name
    }

    /// `<root>/<run>`.
    public var directory: String { RunLayout.join(root, name) }
    /// `<root>/<run>/run.db`.
    public var database: String { RunLayout.join(directory, "run.db") }
    /// `<root>/<run>/sweep.yaml`.
    public var sweepFile: String { RunLayout.join(directory, "sweep.yaml") }
    /// `<root>/<run>/results.csv`.
    public var resultsFile: String { RunLayout.join(directory, "results.csv") }
    /// `<root>/<run>/workspace`.
    public var workspace: String { RunLayout.join(directory, "workspace") }
    /// `<root>/<run>/storage` (`HPO_STORAGE`): a directory all trials of the run share.
    public var storage: String { RunLayout.join(directory, "storage") }
    /// `<root>/<run>/trials`.
    public var trialsDirectory: String { RunLayout.join(directory, "trials") }

    /// The files of trial `number`.
    public func trial(_ number: Int) -> TrialLayout {
        TrialLayout(directory: RunLayout.join(trialsDirectory, String(number)))
    }

    /// Joins path components with one `/`.
    public static func join(_ base: String, _ component: String) -> String {
        if base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }
}

/// The files of one trial: `<root>/<run>/trials/<n>/`.
public struct TrialLayout: Hashable, Sendable {
    /// `trials/<n>`.
    public let directory: String

    /// What the process writes to its standard output.
    public var stdout: String { RunLayout.join(directory, "stdout.log") }
    /// What the process writes to its standard error.
    public var stderr: String { RunLayout.join(directory, "stderr.log") }
    /// `HPO_METRICS_FILE`: one JSON object a line.
    public var metrics: String { RunLayout.join(directory, "metrics.jsonl") }
    /// `HPO_ARTIFACTS_DIR`: files left here are kept with the trial.
    public var artifacts: String { RunLayout.join(directory, "artifacts") }
    /// `HPO_CHECKPOINT_DIR`: survives a retry of the same trial.
    public var checkpoints: String { RunLayout.join(directory, "checkpoints") }
    /// The trial's own copy of the workspace snapshot, where it runs (`TrialWorkspace`);
    /// absent for a run in place (`--no-snapshot`).
    public var work: String { RunLayout.join(directory, "work") }
}
