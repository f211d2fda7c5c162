/// One intermediate value a trial reported: a point of its learning curve.
public struct CurvePoint: Hashable, Sendable {
    /// The training step (an epoch, an iteration): strictly increasing along a curve.
    public var step: Int
    /// The objective measured at that step.
    public var value: Double

    /// Creates a point.
    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}
