/// What kind of ending an error means for the person who ran the command, and so the exit
/// code hpo ends with (README, "Exit codes"). Each error type of the libraries says its own
/// (`ExitStatusError`); hpo's entry point is the one place that turns it into an exit.
public enum ExitStatus: Sendable, Hashable, CaseIterable {
    /// The command did what it was asked; the sweep completed.
    case completed
    /// The run ended without completing: the failure budget, a missing objective.
    case runFailed
    /// What the person gave is wrong: options, the sweep file, sweep syntax, a run name that
    /// is not there or is taken. Changing the command line fixes it.
    case badInput
    /// The run was cancelled: Ctrl-C, `hpo cancel`.
    case cancelled
    /// hpo itself could not do its work: the disk full, a file it writes refused, a damaged
    /// store, a process that would not end. No change of the command line fixes it.
    case fault

    /// The process exit code: 0, 1 for a run that failed and for hpo's own fault, 2 for bad
    /// input, 130 (128 + SIGINT, as a shell reports Ctrl-C) for a cancelled run.
    public var code: Int32 {
        switch self {
        case .completed: 0
        case .runFailed, .fault: 1
        case .badInput: 2
        case .cancelled: 130
        }
    }
}

/// An error that says how the command it stops should end. An error that does not conform
/// is taken for hpo's own fault (`ExitStatus.fault`), never for bad input: only an error that
/// knows the person can fix it by typing something else says `badInput`.
public protocol ExitStatusError: Error {
    /// How the command ends.
    var exitStatus: ExitStatus { get }
}

/// An error that is always bad input: conforming says so, with nothing more to write.
public protocol BadInputError: ExitStatusError {}

extension BadInputError {
    /// Bad input, always.
    public var exitStatus: ExitStatus { .badInput }
}

/// An error that is always hpo's own fault: conforming says so.
public protocol FaultError: ExitStatusError {}

extension FaultError {
    /// hpo's own fault, always.
    public var exitStatus: ExitStatus { .fault }
}
