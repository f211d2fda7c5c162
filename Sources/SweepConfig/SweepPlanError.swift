/// Why a sweep cannot be planned.
public enum SweepPlanError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Neither the file nor the command line gave a command.
    case noCommand
    /// Random or Bayesian search was given no number of trials.
    case needsTrials(StrategyKind)
    /// A constraint bounds the objective itself.
    case constraintOnObjective(String)

    public var description: String {
        switch self {
        case .noCommand:
            return "no command to run: give one after --, or a command list in the sweep file"
        case .constraintOnObjective(let metric):
            return "--constraint bounds the objective '\(metric)', which is optimized already; drop the constraint, "
                + "or constrain another metric the trials report"
        case .needsTrials(let kind):
            return "--strategy \(kind.rawValue) needs a budget: add --trials N (or trials: N in the sweep file)"
        }
    }
}
