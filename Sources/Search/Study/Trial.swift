/// One trial of a `Study`: its number, its parameters, and a live view of its state.
///
/// A handle, not a snapshot: `state`, `value` and `curve` read the study each time, so a
/// trial kept from `ask()` shows its result once told. Two handles are equal when they name
/// the same trial of the same study.
public struct Trial: Sendable, Hashable, CustomStringConvertible {
    /// The trial's number: 0 for the first trial asked, then 1, 2, …
    public let number: Int
    /// The parameter values to train with.
    public let parameters: Configuration
    /// The study the trial came from.
    let study: Study

    init(number: Int, parameters: Configuration, study: Study) {
        self.number = number
        self.parameters = parameters
        self.study = study
    }

    /// Running until told; then completed, failed or pruned.
    public var state: Trial.State { study.record(number).state }

    /// The objective: the value told to a completed trial, or a pruned trial's last value;
    /// nil while running and for failed trials.
    public var value: Double? { study.record(number).value }

    /// The intermediate values reported so far, in step order: the trial's learning curve.
    public var curve: [CurvePoint] { study.record(number).curve }

    /// Records the objective measured at `step` (an epoch, an iteration) of this running trial.
    /// - Throws: `StudyError.stepNotIncreasing` when `step` is not after the previous one;
    ///   `StudyError.reportAfterFinish` once the trial has been told its result.
    public func report(step: Int, value: Double) throws {
        try study.report(self, step: step, value: value)
    }

    /// `trial 3 completed 0.412: lr=0.001 batch=32`.
    public var description: String {
        let r = study.record(number)
        let value = r.value.map { " \($0)" } ?? ""
        return "trial \(number) \(r.state)\(value): \(study.text(of: parameters))"
    }

    public static func == (a: Trial, b: Trial) -> Bool {
        a.study === b.study && a.number == b.number
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(study))
        hasher.combine(number)
    }
}
