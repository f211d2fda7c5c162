/// One intermediate value a trial reported: a point of its learning curve, the same point
/// the early-stopping rules read.
public typealias CurvePoint = LearningCurve.Point
