import Foundation

/// How a run's trials are run — what the sweep file does not say but `hpo resume` must
/// repeat: the working directory the command's relative paths mean something in, the slots,
/// time limits, how metrics are read, the failure and retry budgets. Written at the run's
/// start as `<run>/settings.json` and reused by `hpo resume` unless options override them.
/// The environment is not kept (it may hold secrets): a resumed run's trials get the
/// environment of the shell that resumes it.
public struct RunSettings: Codable, Hashable, Sendable {
    /// The directory trials start in (the snapshot's, for a run whose trials have copies).
    public var workingDirectory: String
    /// Each trial's own copy of the snapshot (absent: every trial runs in
    /// `workingDirectory`, as runs of an hpo before per-trial copies did).
    public var trialWorkspace: TrialWorkspace?
    /// The GPU ids handed out (empty for a CPU run).
    public var gpus: [Int]
    /// GPUs a trial gets.
    public var gpusPerTrial: Int
    /// Trials that may share a GPU.
    public var trialsPerGPU: Int
    /// Trials at once.
    public var capacity: Int
    /// Seconds between SIGTERM and SIGKILL.
    public var graceSeconds: Double
    /// A trial's time limit in seconds, if any.
    public var timeoutSeconds: Double?
    /// A trial's stall limit in seconds, if any.
    public var stallTimeoutSeconds: Double?
    /// `last`, `min`, `max` or `best`.
    public var objective: String
    /// The stdout metric pattern: `default` for the standard one, else the regex.
    public var metricPattern: String?
    /// The metric a regex without a `name` group reports.
    public var metricPatternMetric: String?
    /// The failure budget's explicit limit.
    public var maximumFailures: Int?
    /// `--retries`.
    public var retries: Int
    /// `--max-preemptions`.
    public var maximumPreemptions: Int
    /// The datastores (absent from runs of an hpo before them).
    public var datastores: [Datastore]?
    /// The backend, when not local (absent: local).
    public var backend: BackendChoice?
    /// The ranks of a trial, when more than one (absent: one process).
    public var ranks: RankLayout?
    /// `--allow-missing-metric` (absent: the check is on).
    public var allowsMissingMetric: Bool?

    /// The file's name in a run directory.
    public static let fileName = "settings.json"

    /// The settings of a run started with `options` on `slots`.
    public init(options: ExecutionOptions, slots: SlotLedger) {
        workingDirectory = options.workingDirectory
        trialWorkspace = options.trialWorkspace
        gpus = slots.gpus
        gpusPerTrial = slots.gpusPerTrial
        trialsPerGPU = slots.trialsPerGPU
        capacity = slots.capacity
        graceSeconds = RunSettings.seconds(options.grace)
        timeoutSeconds = options.trialTimeout.map(RunSettings.seconds)
        stallTimeoutSeconds = options.stallTimeout.map(RunSettings.seconds)
        objective = options.objective.rawValue
        if let pattern = options.stdoutPattern {
            metricPattern = pattern.source ?? "default"
            if case .value(_, _, let metric, _) = pattern.matcher { metricPatternMetric = metric }
        }
        maximumFailures = options.maximumFailures
        retries = options.retryPolicy.retries
        maximumPreemptions = options.retryPolicy.maximumPreemptions
        datastores = options.datastores.isEmpty ? nil : options.datastores
        backend = options.backend == .local ? nil : options.backend
        ranks = options.ranks == .single ? nil : options.ranks
        allowsMissingMetric = options.allowsMissingMetric ? true : nil
    }

    /// Execution options with these settings and `environment` for the trials.
    public func executionOptions(environment: [String: String]) throws -> ExecutionOptions {
        var options = ExecutionOptions(workingDirectory: workingDirectory, environment: environment)
        options.trialWorkspace = trialWorkspace
        options.grace = RunSettings.duration(graceSeconds)
        options.trialTimeout = timeoutSeconds.map(RunSettings.duration)
        options.stallTimeout = stallTimeoutSeconds.map(RunSettings.duration)
        options.objective = ObjectiveReduction(rawValue: objective) ?? .last
        if let metricPattern {
            options.stdoutPattern = metricPattern == "default"
                ? .standard : try MetricPattern(regex: metricPattern, metric: metricPatternMetric ?? "objective")
        }
        options.maximumFailures = maximumFailures
        options.retryPolicy = RetryPolicy(retries: retries, maximumPreemptions: maximumPreemptions)
        options.datastores = datastores ?? []
        options.backend = backend ?? .local
        options.ranks = ranks ?? .single
        options.allowsMissingMetric = allowsMissingMetric ?? false
        return options
    }

    /// The slot ledger these settings describe.
    public func slotLedger() throws -> SlotLedger {
        gpus.isEmpty ? try SlotLedger(parallel: capacity)
            : try SlotLedger(gpus: gpus, gpusPerTrial: gpusPerTrial, trialsPerGPU: trialsPerGPU, parallel: capacity)
    }

    /// The settings of the run in `layout`; nil when it has none (made by an older hpo).
    public static func load(_ layout: RunLayout) throws -> RunSettings? {
        let path = RunLayout.join(layout.directory, fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(RunSettings.self, from: data)
        } catch {
            throw SweepError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes `<run>/settings.json` atomically.
    public func save(_ layout: RunLayout) throws {
        let path = RunLayout.join(layout.directory, RunSettings.fileName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SweepError.unwritable(path: path, reason: error.localizedDescription)
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func duration(_ s: Double) -> Duration { .milliseconds(Int((s * 1000).rounded())) }
}
