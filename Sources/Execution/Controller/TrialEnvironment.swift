import Foundation
import Search

/// The environment of DESIGN.md's trial contract: what every trial process receives on top
/// of the controller's own environment.
public struct TrialEnvironment: Sendable, Equatable {
    /// The run's name (`HPO_RUN`).
    public var run: String
    /// The trial's number (`HPO_TRIAL`).
    public var trial: Int
    /// The attempt of the trial, from 1 (`HPO_ATTEMPT`).
    public var attempt: Int
    /// The trial's parameters in declared order (`HPO_PARAMS`, a JSON object).
    public var parameters: [(name: String, value: ParameterValue)]
    /// Where the trial appends its JSON metric lines (`HPO_METRICS_FILE`).
    public var metricsFile: String
    /// Files left here are kept with the trial (`HPO_ARTIFACTS_DIR`).
    public var artifactsDirectory: String
    /// Survives a retry of the same trial (`HPO_CHECKPOINT_DIR`).
    public var checkpointDirectory: String
    /// The GPUs granted, as `CUDA_VISIBLE_DEVICES` text; nil leaves the inherited value alone.
    public var visibleDevices: String?
    /// The run's shared directory (`HPO_STORAGE`); nil leaves it unset.
    public var storageDirectory: String?
    /// Dataset directories (`HPO_DATA_<NAME>`).
    public var datastores: [Datastore] = []
    /// True when an earlier attempt of the trial left something in the checkpoint directory
    /// for this one to load (`HPO_RESUME=1`, else `0`).
    public var resume: Bool

    /// Creates the environment of one attempt.
    public init(run: String, trial: Int, attempt: Int, parameters: [(name: String, value: ParameterValue)],
                metricsFile: String, artifactsDirectory: String, checkpointDirectory: String,
                visibleDevices: String?, resume: Bool = false) {
        self.run = run
        self.trial = trial
        self.attempt = attempt
        self.parameters = parameters
        self.metricsFile = metricsFile
        self.artifactsDirectory = artifactsDirectory
        self.checkpointDirectory = checkpointDirectory
        self.visibleDevices = visibleDevices
        self.resume = resume
    }

    /// The variables this contract sets.
    public var variables: [String: String] {
        var v = [
            "HPO_RUN": run,
            "HPO_TRIAL": String(trial),
            "HPO_ATTEMPT": String(attempt),
            "HPO_PARAMS": TrialEnvironment.json(parameters),
            "HPO_METRICS_FILE": metricsFile,
            "HPO_ARTIFACTS_DIR": artifactsDirectory,
            "HPO_CHECKPOINT_DIR": checkpointDirectory,
            "HPO_RESUME": resume ? "1" : "0",
            "HPO_PREEMPTED_EXIT_CODE": String(AttemptVerdict.preemptedExitCode),
        ]
        if let visibleDevices { v["CUDA_VISIBLE_DEVICES"] = visibleDevices }
        if let storageDirectory { v["HPO_STORAGE"] = storageDirectory }
        for datastore in datastores { v[datastore.variable] = datastore.path }
        return v
    }

    /// `inherited` overlaid with this contract's variables: what the trial process gets.
    public func merged(over inherited: [String: String]) -> [String: String] {
        inherited.merging(variables) { _, new in new }
    }

    /// A JSON object of the parameters in declared order, as the store keeps them: numbers
    /// as numbers (`NaN`, `Infinity` as Python's `json` writes them), booleans as
    /// `true`/`false`, strings escaped per RFC 8259.
    public static func json(_ parameters: [(name: String, value: ParameterValue)]) -> String {
        JSONOutput.object(parameters.map { ($0.name, JSONOutput($0.value)) }).compactText
    }
}

extension TrialEnvironment {
    public static func == (a: TrialEnvironment, b: TrialEnvironment) -> Bool {
        a.variables == b.variables
    }
}
