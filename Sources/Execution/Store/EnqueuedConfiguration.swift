import Foundation

/// A configuration asked for by hand (`hpo enqueue`, `hpo search --enqueue`): it runs before
/// the strategy's own suggestions, as the run's next trial.
public struct EnqueuedConfiguration: Hashable, Sendable {
    /// Increasing id: enqueued configurations run in this order.
    public var id: Int64
    /// The parameter values, checked against the run's space when enqueued.
    public var configuration: Configuration
    /// Where it came from: `hpo enqueue`, `results.csv row 3`.
    public var source: String
    /// The trial that ran it; nil while it waits.
    public var trial: Int?

    /// An enqueued configuration.
    public init(id: Int64, configuration: Configuration, source: String, trial: Int? = nil) {
        self.id = id
        self.configuration = configuration
        self.source = source
        self.trial = trial
    }
}
