// How SweepConfig's errors end a command: all of them are about what the person wrote.

/// Bad input: the sweep file, at its line and column.
extension SweepFileError: BadInputError {}
/// Bad input: a sweep without a command or without a budget.
extension SweepPlanError: BadInputError {}
/// Bad input: a GPU list.
extension GPUList.Problem: BadInputError {}
