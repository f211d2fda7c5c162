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

/// Bad input: settings that contradict each other.
extension SweepSettingError: BadInputError {}

extension RunStoreError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .runNotFound, .neverCreated, .runExists, .notARun, .trialNotFound, .trialExists: .badInput
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

/// Bad input: a run name.
extension RunNameError: BadInputError {}

/// hpo's own: a directory of the run that could not be made.
extension RunLayoutError: FaultError {}

/// hpo's own: results.csv could not be read or written.
extension ResultsFileError: FaultError {}

extension WorkspaceError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .notADirectory: .badInput   // a wrong --workspace
        case .unreadable, .copyFailed: .fault
        }
    }
}

/// Bad input: a datastore's name or directory.
extension DatastoreError: BadInputError {}

extension ArtifactError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .destinationExists: .badInput
        case .copyFailed: .fault
        }
    }
}

/// Bad input: slot options (`--parallel`, `--gpus`…).
extension SlotError: BadInputError {}

/// Bad input: `--nodes`, `--ranks-per-node`, `--launcher`.
extension RankLayoutError: BadInputError {}

/// Bad input: `--metric-pattern`.
extension MetricPatternError: BadInputError {}

extension LaunchError: ExitStatusError {
    public var exitStatus: ExitStatus {
        switch self {
        case .emptyCommand, .unrepresentable, .commandNotFound, .permissionDenied, .notExecutable, .interpreterNotFound:
            .badInput
        case .workingDirectoryUnavailable, .outputUnavailable, .system, .schedulerRefused, .launcherUnavailable:
            .fault
        }
    }
}

/// hpo's own: metric files could not be followed.
extension TailerError: FaultError {}

/// hpo's own: Slurm did not answer.
extension SlurmQueryError: FaultError {}

/// hpo's own: the store or a file failed in the middle of the run.
extension ControllerError: FaultError {}
