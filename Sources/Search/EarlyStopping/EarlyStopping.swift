/// A rule that stops hopeless trials early: median stopping, asynchronous successive
/// halving, Hyperband, a threshold, patience — or one of your own.
///
/// A rule is a pure function of learning curves. It keeps no state between calls: the
/// executor may rebuild every curve from its store after a restart and ask again.
///
/// How to call it: once each time a trial reports a new point, with the trial's curve up to
/// and including that point and a `CurveHistory` of every trial's curve as it stands at that
/// moment (running, finished and stopped ones alike; the judged trial's own entry is left
/// out). The caller keeps the history, appending each point as it is read, so a decision
/// reads the values recorded at one step or rung instead of every curve. The decision is about that latest point. The
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

    /// What the rule compares a point with, for `CurveHistory` to index. The default,
    /// `.curves`, indexes nothing.
    var comparison: EarlyStoppingComparison { get }

    /// The group trial number `trial` is compared within (Hyperband's bracket). The default
    /// puts every trial in group 0.
    func cohort(ofTrial trial: Int) -> Int

    /// The rungs where the rule compares trials, for a strategy that learns from every
    /// curve (`SuggestionContext.resources`). The default, nil: the rule has no rungs.
    var resources: ResourceLadder? { get }

    /// Decides whether `trial` should stop now that its latest point was reported.
    ///
    /// - Parameters:
    ///   - trial: the trial's curve, its last point being the one just reported.
    ///   - history: every trial's curve, kept for this rule (`CurveHistory(rule:goal:)`);
    ///     its entry for `trial`'s number, if any, is left out of the comparison, so a
    ///     history holding every curve of the run is fine. Its `goal` says whether smaller or
    ///     larger values are better.
    ///
    /// Implement this or `decide(_:others:goal:)`: each has a default in terms of the other.
    func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision

    /// Decides from plain curves: the signature rules were written against before
    /// `CurveHistory`. The built-in rules build a history from `others` and decide on it; a
    /// rule of your own that implements only this keeps working, given every other curve
    /// (by trial number) on each decision, as before.
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

extension EarlyStopping {
    /// Nothing indexed: the rule reads curves.
    public var comparison: EarlyStoppingComparison { .curves }

    /// Every trial in one group.
    public func cohort(ofTrial trial: Int) -> Int { 0 }

    /// No rungs.
    public var resources: ResourceLadder? { nil }

    /// The bridge for rules written against `decide(_:others:goal:)`: every other curve of
    /// the history, by trial number (a pass over all trials per decision, as before).
    public func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision {
        decide(trial, others: history.curves(excluding: trial.trial), goal: history.goal)
    }

    /// Builds a history of `others` and `trial` and decides on it.
    public func decide(_ trial: LearningCurve, others: [LearningCurve], goal: Goal) -> EarlyStoppingDecision {
        let curves = others.filter { $0.trial != trial.trial } + [trial]
        return decide(trial, history: CurveHistory(rule: self, goal: goal, curves: curves))
    }
}
