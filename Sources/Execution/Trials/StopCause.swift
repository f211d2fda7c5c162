/// Why hpo itself ended a trial's process, if it did. The reason hpo stopped a trial wins
/// over how the process then exited: a pruned trial that catches SIGTERM and exits 0 is
/// still pruned.
public enum StopCause: String, Hashable, Sendable, CaseIterable {
    /// hpo did not stop it: the process ended by itself (or something else killed it).
    case none
    /// It ran past its time limit.
    case timeout
    /// It stopped reporting metrics for longer than the stall limit.
    case stall
    /// A person (`hpo cancel`) or the run (budget reached, Ctrl-C) cancelled it.
    case cancel
    /// The early-stopping rule judged it hopeless (median, asha, hyperband, threshold): it
    /// ends `pruned` and is never the run's best.
    case prune
    /// The early-stopping rule found it done: it stopped improving (`patience`, as Keras'
    /// `EarlyStopping` ends training). It ends `succeeded`, its objective the best value it
    /// reported, and may be the run's best.
    case converge
    /// hpo itself is stopping (Ctrl-C twice, SIGTERM or SIGHUP to hpo, an error of hpo's):
    /// the trial did nothing wrong, so it is recorded `preempted` and runs again, as its
    /// next attempt, on `hpo resume` (see `AttemptVerdict`).
    case interrupt
}
