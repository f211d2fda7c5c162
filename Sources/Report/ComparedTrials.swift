import Execution

/// The trials the parameter views (parallel coordinates, importance) compare, and the value
/// each is compared on.
///
/// With early stopping most trials end pruned, and the few that succeed are the best of
/// their rungs: importance from 2 succeeded trials, or lines for 2 trials, would read as a
/// finding where there is none. So:
///
/// - when at least `minimum` trials succeeded, their objectives (`objective`);
/// - else, every succeeded, pruned or running trial at the highest step that at least
///   `minimum` of them reached, each with the value of its first report at or past that step
///   (`step`): under ASHA or Hyperband that step is a rung, and the value is the one the
///   rule compared there;
/// - else too few to tell (`tooFew`): the views say so instead of ranking parameters.
public struct ComparedTrials: Sendable {
    /// What the trials are compared on.
    public enum Basis: Hashable, Sendable {
        /// The succeeded trials' objectives.
        case objective
        /// The metric at the first report at or past this step.
        case step(Int)
        /// Fewer than `minimum` comparable trials.
        case tooFew
    }

    /// The fewest trials the views compare: below it, figures are mostly chance (pure noise
    /// split into k groups of n trials scores η² ≈ (k − 1)/(n − 1)).
    public static let minimum = 8

    /// How the trials were chosen.
    public var basis: Basis
    /// The compared trials (with `tooFew`, the succeeded ones, for the lines alone).
    public var trials: [TrialRecord]
    /// Each trial's value, in `trials` order.
    public var values: [Double]
    /// How many trials succeeded with an objective.
    public var succeeded: Int

    /// The trials `report`'s parameter views compare.
    public init(_ report: RunReport) {
        let scored = report.scored
        succeeded = scored.count
        if scored.count >= Self.minimum {
            (basis, trials, values) = (.objective, scored, scored.map { $0.objective! })
            return
        }
        let candidates = report.snapshot.trials.filter { [.succeeded, .pruned, .running].contains($0.state) }
            .compactMap { trial in report.curves[trial.number].map { (trial, $0) } }
        let reached = candidates.compactMap { $0.1.last?.step }.sorted(by: >)
        if reached.count >= Self.minimum {
            let step = reached[Self.minimum - 1]
            let atStep = candidates.compactMap { trial, curve in
                curve.first { $0.step >= step }.flatMap { $0.value.isFinite ? (trial, $0.value) : nil }
            }
            if atStep.count >= Self.minimum {
                (basis, trials, values) = (.step(step), atStep.map(\.0), atStep.map(\.1))
                return
            }
        }
        (basis, trials, values) = (.tooFew, scored, scored.map { $0.objective! })
    }

    /// How many compared trials were pruned.
    public var pruned: Int { trials.filter { $0.state == .pruned }.count }

    /// Which trials these are, for a view's caption (HTML-escaped).
    public func caption(metric: String) -> String {
        let m = ReportPage.e(metric)
        switch basis {
        case .objective:
            return "\(trials.count) succeeded trials, on their \(m)"
        case .step(let step):
            return "\(trials.count) trials on their \(m) at step \(step), the highest step that \(Self.minimum) or more "
                + "trials reached, as only \(succeeded) succeeded (\(pruned) of the \(trials.count) were pruned)"
        case .tooFew:
            return "too few trials to tell: \(succeeded) succeeded, and no step was reached by \(Self.minimum) trials"
        }
    }
}

extension ComparedTrials.Basis {
    /// The step of `.step`, else nil.
    public var step: Int? {
        if case .step(let step) = self { return step }
        return nil
    }
}
