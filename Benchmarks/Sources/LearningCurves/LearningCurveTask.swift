import Search

/// A learning-curve task of the multi-fidelity benchmark: a space, the full length of a trial
/// in steps, and the best full-length value when it is known in closed form.
public struct LearningCurveTask: Sendable {
    /// Its name in tables and on the command line (`branin-mf`, `mlp-digits`, …).
    public let name: String
    /// The space searched.
    public let space: SearchSpace
    /// R: the steps of a full trial; a value at step R is a full-fidelity value.
    public let length: Int
    /// The best value at step R, known for the synthetic functions; nil for training tasks.
    public let optimum: Double?

    /// Creates a task.
    public init(name: String, space: SearchSpace, length: Int, optimum: Double?) {
        self.name = name
        self.space = space
        self.length = length
        self.optimum = optimum
    }
}
