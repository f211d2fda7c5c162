/// A rule that stops hopeless trials early: median stopping, asynchronous successive
/// halving, Hyperband, a threshold, patience — or one of your own.
///
/// A rule is a pure function of learning curves. It keeps no state between calls: the
/// executor may rebuild every curve from its store after a restart and ask again.
///
/// How to call it: once each time a trial reports a new point, with the trial's curve up to
/// and including that point and the other trials' curves as they stand at that moment
/// (running, finished and stopped ones alike). The decision is about that latest point. The
/// call is meant to be made when the point arrives: successive halving judges a trial at a
/// rung against the trials that reached the rung so far, so asking again later about the
/// same point may see more trials there. When several points arrive at once, replay them
/// one by one with `LearningCurve.prefix(_:)`.
///
/// NaN values never crash a rule: NaN ranks as the worst possible value.
public protocol EarlyStopping: Sendable {
    /// The rule's name for logs and configs: `median`, `asha`, `hyperband`, `threshold`,
    /// `patience`.
    var name: String { get }

    /// Decides whether `trial` should stop now that its latest point was reported.
    ///
    /// - Parameters:
    ///   - trial: the trial's curve, its last point being the one just reported.
    ///   - others: the other trials' curves; a curve with the same trial number as `trial`
    ///     is ignored, so passing every curve of the run is fine.
    ///   - goal: whether smaller or larger values are better.
    func decide(_ trial: LearningCurve, others: [LearningCurve], goal: Goal) -> EarlyStoppingDecision

    /// The smallest step at which a new point of trial number `trial`, following its point at
    /// `step` (nil when it has reported nothing), could be stopped by this rule; nil when no
    /// later point can be. Points at lower steps always continue, so the executor may skip
    /// asking about them. `Int.min` means any step.
    ///
    /// For successive halving and Hyperband this is the trial's next rung; for median and
    /// patience the next step past the warm-up (a lower bound); for threshold the next step,
    /// since a NaN is stopped even during the warm-up.
    func nextDecisionStep(after step: Int?, trial: Int) -> Int?
}
