import Foundation

/// What warm-starting read from one earlier run: its succeeded trials that became priors of
/// this run, and how many were dropped and why (`PriorMapping`).
public struct WarmStartSource: Sendable {
    /// One prior: the other run's trial number and the observation this run's strategy hears.
    public struct Prior: Sendable {
        public var trial: Int
        public var observation: Observation
    }

    /// The run read.
    public var run: String
    /// Its succeeded trials with a finite objective (the ones considered).
    public var finished: Int
    /// Those that became priors.
    public var priors: [Prior]
    /// The dropped ones, counted by reason.
    public var dropped: [PriorMapping.Dropped: Int]

    /// `lr outside this run's values: 3; no value for the new parameter dropout: 2`; empty
    /// when none was dropped.
    public var droppedText: String {
        dropped.sorted { ($0.value, $0.key.description) > ($1.value, $1.key.description) }
            .map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

/// A warm start as `hpo status` shows it (`RunStore.warmStarts`).
public struct WarmStartSummary: Hashable, Sendable {
    /// The run read.
    public var run: String
    /// Its succeeded trials with a finite objective.
    public var finished: Int
    /// How many became priors.
    public var taken: Int
    /// Why the others were dropped (see `WarmStartSource.droppedText`).
    public var dropped: String

    /// `40 prior trials from run lr-1 (3 dropped: lr outside this run's values: 3)`.
    public var line: String {
        let base = "\(taken) prior trial\(taken == 1 ? "" : "s") from run \(run)"
        let lost = finished - taken
        return lost == 0 ? base : base + " (\(lost) dropped: \(dropped))"
    }
}
