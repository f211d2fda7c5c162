// How each of Search's errors ends a command. Kept together so that no file of a rule or a
// strategy needs to know of exit codes.

/// Bad input: the sweep expression as typed.
extension SweepSyntaxError: BadInputError {}
/// Bad input: the command's placeholders.
extension CommandTemplateError: BadInputError {}
/// Bad input: a parameter's definition.
extension SearchSpaceError: BadInputError {}
/// Bad input: a rule's name or options.
extension EarlyStoppingError: BadInputError {}
/// Bad input: a space the strategy cannot search (a continuous parameter in a grid).
extension StrategyError: BadInputError {}
/// Bad input: the API used against its contract.
extension StudyError: BadInputError {}
/// hpo's own: a factorization that failed is no fault of the sweep.
extension LinearAlgebraError: FaultError {}
/// hpo's own: the model could not be fitted.
extension GaussianProcessError: FaultError {}
