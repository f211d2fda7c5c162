import Execution
import Foundation

/// What a run builds on, for `hpo status`: the runs it was warm-started from (their trials
/// train the model but are not this run's) and the configurations enqueued by hand.
struct RunContinuation {
    /// The warm starts, in the order named.
    var warmStarts: [WarmStartSummary] = []
    /// Every enqueued configuration, run or waiting, oldest first.
    var enqueued: [EnqueuedConfiguration] = []

    /// Reads both from the run's store.
    init(store: RunStore) throws {
        warmStarts = try store.warmStarts()
        enqueued = try store.enqueued(waitingOnly: false)
    }

    init() {}

    /// Where each trial that ran an enqueued configuration got it, by trial number.
    var sources: [Int: String] {
        Dictionary(enqueued.compactMap { e in e.trial.map { ($0, e.source) } }, uniquingKeysWith: { a, _ in a })
    }

    /// `warm start: 40 prior trials from run lr-1 (…), not counted here` and
    /// `enqueued: 2 configurations waiting to run next`.
    var lines: [String] {
        var lines = warmStarts.map { "warm start: \($0.line), not counted here" }
        let waiting = enqueued.filter { $0.trial == nil }.count
        if waiting > 0 {
            lines.append("enqueued: \(waiting == 1 ? "1 configuration waits" : "\(waiting) configurations wait") to run next")
        }
        return lines
    }

    /// `{"warm_start": [{"run", "finished", "taken", "dropped"}], "enqueued": [{"parameters", "source", "trial"}]}`.
    func json(order: [String]) -> [(String, JSONOutput)] {
        [("warm_start", .array(warmStarts.map {
            .object([("run", .string($0.run)), ("finished", .int($0.finished)), ("taken", .int($0.taken)),
                     ("dropped", .string($0.dropped))])
        })),
         ("enqueued", .array(enqueued.map {
            .object([("parameters", JSONOutput.parameters($0.configuration, order: order)), ("source", .string($0.source)),
                     ("trial", .int($0.trial))])
        }))]
    }
}
