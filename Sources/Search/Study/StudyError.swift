/// Why a `Study` refused a call. Messages name the trial and say what to do instead.
public enum StudyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The strategy has nothing left to suggest (a grid that has been walked to its end, a
    /// small discrete space whose every point was asked).
    case exhausted(strategy: String, trials: Int)
    /// `ask(count:)` was given a count below 1.
    case invalidCount(Int)
    /// The trial was handed out by another study.
    case unknownTrial(Int)
    /// The trial has already been told its result.
    case alreadyFinished(trial: Int, state: Trial.State)
    /// A value was reported after the trial was told its result.
    case reportAfterFinish(trial: Int, state: Trial.State)
    /// A reported step is not after the previous one.
    case stepNotIncreasing(trial: Int, step: Int, previous: Int)
    /// The strategy suggested a configuration outside the space (a bug in a custom strategy).
    case invalidSuggestion(strategy: String, configuration: String)
    /// A typed accessor asked for a parameter the trial does not have.
    case missingParameter(trial: Int, name: String)
    /// A typed accessor asked for the wrong type.
    case parameterType(trial: Int, name: String, expected: String, value: ParameterValue)
    /// The strategy cannot search the space (a grid over a continuous parameter).
    case strategyCannotSearch(strategy: String, StrategyError)
    /// `enqueue(_:)` was given a configuration outside the space.
    case enqueuedOutsideSpace(configuration: String, problem: String)
    /// A storage returned trials numbered with a gap.
    case storedTrialNumber(expected: Int, found: Int)
    /// A storage returned a trial the space does not contain: the space changed.
    case storedTrialOutsideSpace(trial: Int, configuration: String)
    /// `optimize` stopped because most of its trials failed.
    case tooManyFailures(failures: Int, finished: Int, last: String)
    /// `optimize` was given a budget or a number of workers below what it needs.
    case invalidOptimize(String)

    public var description: String {
        switch self {
        case .exhausted(let strategy, let trials):
            return "the \(strategy) strategy has nothing left to suggest after \(trials) trial\(trials == 1 ? "" : "s"): "
                + "every configuration of the search space has been asked"
        case .invalidCount(let n):
            return "ask(count:) needs a count of at least 1, got \(n)"
        case .unknownTrial(let n):
            return "trial \(n) was asked from another study; tell each study only its own trials"
        case .alreadyFinished(let n, let state):
            return "trial \(n) is already \(state); a trial is told its result once"
        case .reportAfterFinish(let n, let state):
            return "trial \(n) is already \(state); report intermediate values before telling its result"
        case .stepNotIncreasing(let n, let step, let previous):
            return "trial \(n): step \(step) reported after step \(previous); steps must increase"
        case .invalidSuggestion(let strategy, let configuration):
            return "the \(strategy) strategy suggested a configuration outside the search space: \(configuration)"
        case .missingParameter(let n, let name):
            return "trial \(n) has no parameter '\(name)'"
        case .parameterType(let n, let name, let expected, let value):
            return "trial \(n): parameter '\(name)' is \(value), not \(expected)"
        case .strategyCannotSearch(let strategy, .continuousParameterInGrid(let p)):
            return "the \(strategy) strategy cannot enumerate the continuous parameter '\(p)': give it a list "
                + "(.ordinal([…]) or .categorical([…])), give it gridPoints: in Parameter(_:_:gridPoints:), "
                + "or choose strategy: .random, .tpe() or .bayes()"
        case .strategyCannotSearch(let strategy, .gridTooLarge):
            return "the space has too many points for the \(strategy) strategy to enumerate; "
                + "choose strategy: .random, .tpe() or .bayes()"
        case .enqueuedOutsideSpace(let configuration, let problem):
            return "enqueue(_:) was given a configuration outside the search space (\(configuration)): \(problem)"
        case .storedTrialNumber(let expected, let found):
            return "the study's storage holds trial \(found) where trial \(expected) was expected; "
                + "its trials must be numbered from 0 without gaps"
        case .storedTrialOutsideSpace(let n, let configuration):
            return "stored trial \(n) (\(configuration)) is outside the search space given: open the study with the "
                + "space it was created with, or give it a new storage (a new run name)"
        case .tooManyFailures(let failures, let finished, let last):
            return "optimize stopped: \(failures) of \(finished) trials failed; the last failure: \(last). "
                + "Fix the objective, or pass optimize(trials:workers:maxFailures:) a limit to go on"
        case .invalidOptimize(let problem):
            return "optimize(trials:workers:): \(problem)"
        }
    }
}
