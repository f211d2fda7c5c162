/// What a study's next asks hand out before the strategy suggests anything, in this order:
/// trials a stopped driver left running (asked again under their own numbers), then the
/// configurations given to `Study.enqueue(_:)`, first in first out.
struct StudyQueue: Sendable {
    /// Numbers of trials to ask again.
    var retries: [Int] = []
    /// Configurations to ask as new trials.
    var configurations: [Configuration] = []

    /// True when nothing is queued.
    var isEmpty: Bool { retries.isEmpty && configurations.isEmpty }
}
