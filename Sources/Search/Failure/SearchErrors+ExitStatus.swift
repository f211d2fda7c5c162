// How each of Search's errors ends a command. Kept together so that no file of a rule or a
// strategy needs to know of exit codes; each switch is exhaustive, so a new case must choose.

extension SweepSyntaxError: ExitStatusError {
    /// Bad input: the sweep expression as typed.
    public var exitStatus: ExitStatus { .badInput }
}

extension CommandTemplateError: ExitStatusError {
    /// Bad input: the command's placeholders.
    public var exitStatus: ExitStatus { .badInput }
}

extension SearchSpaceError: ExitStatusError {
    /// Bad input: a parameter's definition.
    public var exitStatus: ExitStatus { .badInput }
}

extension EarlyStoppingError: ExitStatusError {
    /// Bad input: a rule's name or options.
    public var exitStatus: ExitStatus { .badInput }
}

extension StrategyError: ExitStatusError {
    /// Bad input: a space the strategy cannot search (a continuous parameter in a grid).
    public var exitStatus: ExitStatus { .badInput }
}

extension StudyError: ExitStatusError {
    /// Bad input: the API used against its contract.
    public var exitStatus: ExitStatus { .badInput }
}

extension LinearAlgebraError: ExitStatusError {
    /// hpo's own: a factorization that failed is no fault of the sweep.
    public var exitStatus: ExitStatus { .fault }
}

extension GaussianProcessError: ExitStatusError {
    /// hpo's own: the model could not be fitted.
    public var exitStatus: ExitStatus { .fault }
}
