// How Execution's errors end a command (README, "Exit codes"): bad input when the person can
// fix it by giving something else (a name, an option, a path), hpo's own fault when the
// machine or hpo's files stand in the way. Every switch is exhaustive, so a new case must
// choose.

extension SweepError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .runExists, .runNotFound, .notARun: .badInput
        case .unwritable, .unreadable: .fault
        }
    }
}

extension ResumeError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .sweepChanged, .tooManyJobs: .badInput
        case .processesSurvived, .workspaceMissing: .fault
        }
    }
}

extension SweepSettingError: ExitStatusError {
    /// Bad input: settings that contradict each other.
    public var exitStatus: ExitStatus { .badInput }
}

extension RunStoreError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .runNotFound, .runExists, .notARun, .trialNotFound, .trialExists: .badInput
        case .corrupt, .newerSchema, .olderSchema, .diskFull, .readOnly, .busy, .invalidTransition, .notFinal, .badValue,
             .database:
            .fault
        }
    }
}

extension RunLockError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .held, .otherHost: .badInput   // another hpo controls the run: wait, or --take-over
        case .system: .fault
        }
    }
}

extension RunNameError: ExitStatusError {
    /// Bad input: a run name.
    public var exitStatus: ExitStatus { .badInput }
}

extension RunLayoutError: ExitStatusError {
    /// hpo's own: a directory of the run that could not be made.
    public var exitStatus: ExitStatus { .fault }
}

extension ResultsFileError: ExitStatusError {
    /// hpo's own: results.csv could not be read or written.
    public var exitStatus: ExitStatus { .fault }
}

extension WorkspaceError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .notADirectory: .badInput   // a wrong --workspace
        case .unreadable, .copyFailed: .fault
        }
    }
}

extension DatastoreError: ExitStatusError {
    /// Bad input: a datastore's name or directory.
    public var exitStatus: ExitStatus { .badInput }
}

extension ArtifactError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .destinationExists: .badInput
        case .copyFailed: .fault
        }
    }
}

extension SlotError: ExitStatusError {
    /// Bad input: slot options (`--parallel`, `--gpus`…).
    public var exitStatus: ExitStatus { .badInput }
}

extension RankLayoutError: ExitStatusError {
    /// Bad input: `--nodes`, `--ranks-per-node`, `--launcher`.
    public var exitStatus: ExitStatus { .badInput }
}

extension MetricPatternError: ExitStatusError {
    /// Bad input: `--metric-pattern`.
    public var exitStatus: ExitStatus { .badInput }
}

extension LaunchError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .emptyCommand, .unrepresentable, .commandNotFound, .permissionDenied, .notExecutable, .interpreterNotFound:
            .badInput
        case .workingDirectoryUnavailable, .outputUnavailable, .system, .schedulerRefused:
            .fault
        }
    }
}

extension TailerError: ExitStatusError {
    /// hpo's own: metric files could not be followed.
    public var exitStatus: ExitStatus { .fault }
}

extension SlurmQueryError: ExitStatusError {
    /// hpo's own: Slurm did not answer.
    public var exitStatus: ExitStatus { .fault }
}

extension ControllerError: ExitStatusError {
    /// hpo's own: the store or a file failed in the middle of the run.
    public var exitStatus: ExitStatus { .fault }
}
