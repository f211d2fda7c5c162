import Foundation
@testable import Search

/// A `StudyStorage` in memory for tests: it keeps the trials as a run store would, logs every
/// call in order, and can be told to refuse writes (a full disk).
final class MemoryStudyStorage: StudyStorage, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [StoredTrial]
    private var log: [String] = []
    private var refusing = false

    /// A storage holding `trials` (a study stopped earlier).
    init(_ trials: [StoredTrial] = []) { stored = trials }

    /// What was called, in order: `asked 0`, `point 0 1 0.5`, `finished 0 completed`, …
    var calls: [String] { lock.withLock { log } }
    /// The trials as stored now.
    var trials: [StoredTrial] { lock.withLock { stored } }
    /// Makes every later write throw.
    func refuseWrites() { lock.withLock { refusing = true } }

    struct Refused: Error {}

    private func write(_ entry: String, _ body: () -> Void) throws {
        try lock.withLock {
            if refusing { throw Refused() }
            log.append(entry)
            body()
        }
    }

    func open(for study: Study) throws -> [StoredTrial] { trials }

    func trialAsked(number: Int, parameters: Configuration) throws {
        try write("asked \(number)") { stored.append(StoredTrial(number: number, parameters: parameters, state: .running)) }
    }

    func trialRetried(number: Int) throws {
        try write("retried \(number)") { stored[number].curve = [] }
    }

    func pointReported(trial: Int, step: Int, value: Double) throws {
        try write("point \(trial) \(step) \(value)") { stored[trial].curve.append(CurvePoint(step: step, value: value)) }
    }

    func trialFinished(_ trial: StoredTrial) throws {
        try write("finished \(trial.number) \(trial.state)") { stored[trial.number] = trial }
    }

    func studyCompleted() throws {
        try write("completed") {}
    }
}
