import Search

/// One benchmark run of a `Study` on a learning-curve task: k workers train trials step by
/// step on a virtual clock where every step takes one time unit, until the budget of steps is
/// spent.
///
/// Each worker holds one trial. The worker whose step ends first in virtual time (the lowest
/// worker number on ties) takes it: the evaluator advances the trial, the value is reported to
/// the study, and the study's rule is asked whether to stop. A trial ends at step R (told its
/// value: a full-fidelity result) or when stopped (told `.pruned`); the worker then asks the
/// study for a new trial at once, as a freed slot does under ASHA. So workers start, stop and
/// ask out of step with each other, as asynchronous workers do, and the run is deterministic:
/// the same seed gives the same run.
///
/// The resource is the sum of steps over all trials; the run stops when it reaches `budget`,
/// whatever the trials in flight are doing. After each step the trace holds the best
/// full-fidelity value found so far.
public struct SimulatedRun {
    /// The task's name, passed to the evaluator.
    public let task: String
    /// R: a trial ends at this step.
    public let length: Int
    /// Workers training at once (k).
    public let workers: Int
    /// The steps the run may spend, over all trials.
    public let budget: Int

    /// Creates a run; `workers` and `budget` below 1 count as 1.
    public init(task: String, length: Int, workers: Int, budget: Int) {
        self.task = task
        self.length = max(1, length)
        self.workers = max(1, workers)
        self.budget = max(1, budget)
    }

    /// A worker's trial: how far it has gone and when its current step ends.
    struct Slot {
        var trial: Trial
        var step = 0
        var clock: Int
    }

    /// Runs `study` against `evaluator` until `budget` steps are spent.
    /// - Throws: what the study or the evaluator throws.
    public func run(_ study: Study, evaluator: some LearningCurveEvaluator) throws -> RunTrace {
        var trace = RunTrace(budget: budget)
        var slots: [Slot] = []
        for _ in 0..<workers { slots.append(try start(study, evaluator, at: 0, trace: &trace)) }
        while trace.steps < budget {
            // The step that ends first in virtual time; the lowest worker on ties.
            let w = slots.indices.min { (slots[$0].clock, $0) < (slots[$1].clock, $1) }!
            slots[w].step += 1
            slots[w].clock += 1
            let trial = slots[w].trial, step = slots[w].step
            let value = try evaluator.step(trial: trial.number)
            try trial.report(step: step, value: value)
            var finished = true
            if step >= length {
                try study.tell(trial, value: value)
                trace.record(step: value)
                trace.fullTrials += 1
            } else if study.shouldStop(trial) {
                try study.tell(trial, .pruned(value: nil))
                trace.record(step: nil)
            } else {
                trace.record(step: nil)
                finished = false
            }
            if finished {
                try evaluator.stop(trial: trial.number)
                if trace.steps < budget { slots[w] = try start(study, evaluator, at: slots[w].clock, trace: &trace) }
            }
        }
        for slot in slots where slot.trial.state == .running { try evaluator.stop(trial: slot.trial.number) }
        return trace
    }

    /// Asks the study for a trial and starts it in the evaluator.
    private func start(_ study: Study, _ evaluator: some LearningCurveEvaluator, at clock: Int,
                       trace: inout RunTrace) throws -> Slot {
        let trial = try study.ask()
        try evaluator.start(trial: trial.number, task: task, configuration: trial.parameters)
        trace.trials += 1
        return Slot(trial: trial, clock: clock)
    }
}
