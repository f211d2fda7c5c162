import Search

/// Trains trials of a learning-curve task one step at a time: the seam between the simulated
/// run and the Python tasks (`PythonEvaluator`), so that the run's accounting can be tested
/// against curves written down in a test.
public protocol LearningCurveEvaluator: AnyObject {
    /// The task's space, length and known optimum.
    func describe(task: String) throws -> LearningCurveTask
    /// Starts trial number `trial` of `task` with `configuration`; it has taken no step yet.
    func start(trial: Int, task: String, configuration: Configuration) throws
    /// Advances `trial` by one step and returns its objective there (lower is better).
    func step(trial: Int) throws -> Double
    /// Forgets `trial` (finished, stopped, or left running when the budget ran out).
    func stop(trial: Int) throws
}
