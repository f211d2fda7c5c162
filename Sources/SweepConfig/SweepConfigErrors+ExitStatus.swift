// How SweepConfig's errors end a command: all of them are about what the person wrote.

extension SweepFileError: ExitStatusError {
    /// Bad input: the sweep file, at its line and column.
    public var exitStatus: ExitStatus { .badInput }
}

extension SweepPlanError: ExitStatusError {
    /// Bad input: a sweep without a command or without a budget.
    public var exitStatus: ExitStatus { .badInput }
}

extension GPUList.Problem: ExitStatusError {
    /// Bad input: a GPU list.
    public var exitStatus: ExitStatus { .badInput }
}
