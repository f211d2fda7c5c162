import Foundation

/// A request from another process (`hpo cancel RUN [TRIAL]`, `hpo enqueue RUN`) to the run's controller,
/// passed through the store.
public struct ControlRequest: Hashable, Sendable {
    /// What is asked.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Cancel one trial, or the whole run when `trial` is nil.
        case cancel
        /// Take the configurations `hpo enqueue` stored (`RunStore.enqueued`).
        case enqueue
    }

    /// Increasing id: later requests have larger ids.
    public var id: Int64
    /// What is asked.
    public var kind: Kind
    /// The trial it is about; nil for the whole run.
    public var trial: Int?
    /// When it was asked.
    public var at: Date
    /// Who asked or why.
    public var note: String?
}
