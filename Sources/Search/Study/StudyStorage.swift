/// Where a `Study` keeps its trials, so that a driver stopped by a crash or a kill resumes
/// its study when it starts again: the seam between `Search`, which knows no files, and a
/// store. `Execution`'s `RunStudyStorage` keeps a study as an hpo run (`runs/<name>/run.db`,
/// results.csv), which `hpo status`, `best`, `report` and `ui` read as any run.
///
/// The study calls each method holding its lock, in the order things happen, and changes
/// nothing in memory when one throws: a result the storage could not keep is not taken.
/// Calls are quick writes; they are never made while the strategy computes.
public protocol StudyStorage: AnyObject, Sendable {
    /// Opens the storage for `study` (called once, by the study's initializer) and returns
    /// the trials recorded so far, numbered from 0 without gaps. Trials a stopped driver left
    /// running come back `running`: the study hands them out again before anything new.
    /// - Throws: when what is stored is not this study (another space, goal or seed).
    func open(for study: Study) throws -> [StoredTrial]

    /// A new trial was asked.
    func trialAsked(number: Int, parameters: Configuration) throws

    /// A trial a stopped driver left running is asked again: its next attempt, whose curve
    /// starts afresh (the stopped attempt's points stay stored with it).
    func trialRetried(number: Int) throws

    /// A running trial reported a point of its learning curve.
    func pointReported(trial: Int, step: Int, value: Double) throws

    /// A trial was told its result: `trial.state` is final.
    func trialFinished(_ trial: StoredTrial) throws

    /// `optimize` finished its whole budget: every trial it asked has its result.
    func studyCompleted() throws
}

/// One trial as a `StudyStorage` keeps it.
public struct StoredTrial: Hashable, Sendable {
    /// Its number, from 0 in the order trials were asked.
    public var number: Int
    /// Its parameter values.
    public var parameters: Configuration
    /// Running (left so by a stopped driver, when loaded), or its final state.
    public var state: Trial.State
    /// What the strategy hears: `.value(v)` (also for a NaN value, which fails the trial),
    /// `.failed` or `.pruned(value:)`; nil while running.
    public var outcome: Outcome?
    /// Its learning curve (of its last attempt).
    public var curve: [CurvePoint]
    /// The other metrics told with its value (`tell(_:value:metrics:)`).
    public var metrics: [String: Double]
    /// Why it ended as it did, for a person (the error an `optimize` objective threw).
    public var explanation: String?

    /// A stored trial as given.
    public init(number: Int, parameters: Configuration, state: Trial.State, outcome: Outcome? = nil,
                curve: [CurvePoint] = [], metrics: [String: Double] = [:], explanation: String? = nil) {
        self.number = number
        self.parameters = parameters
        self.state = state
        self.outcome = outcome
        self.curve = curve
        self.metrics = metrics
        self.explanation = explanation
    }

    /// A study's record of trial `number`.
    init(number: Int, _ record: Study.Record, explanation: String?) {
        self.init(number: number, parameters: record.parameters, state: record.state, outcome: record.outcome,
                  curve: record.curve, metrics: record.metrics, explanation: explanation)
    }
}
