import Execution

extension SuggestionContext {
    /// The question the run's strategy would be asked now, rebuilt from its store as
    /// `hpo resume` rebuilds it (`ControllerCore.restore`): the final trials in trial order
    /// with their outcomes and curves, the others pending with their curves so far, the rule's
    /// rungs. What a view passes to a model to show its current best guess
    /// (`BayesStrategy.bestGuess(context:)`, issue 15 §3).
    ///
    /// - Parameter curves: the objective's points per trial in the order they were stored
    ///   (`RunStore.metricPoints(name:)`): of two points at one step the later one counts.
    public init(stored snapshot: RunSnapshot, space: SearchSpace, curves: [Int: [MetricPoint]]) {
        self.init(trials: snapshot.trials, run: snapshot.summary.run, space: space, curves: curves)
    }

    /// The same from the run's trials and facts.
    public init(trials: [TrialRecord], run: RunInfo, space: SearchSpace, curves: [Int: [MetricPoint]]) {
        var completed: [Observation] = []
        var pending: [Configuration] = []
        var pendingCurves: [Configuration: [LearningCurve.Point]] = [:]
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            let points = (curves[trial.number] ?? []).map { LearningCurve.Point(step: $0.step, value: $0.value) }
            let curve = LearningCurve(trial: trial.number, points: points).points
            if let outcome = trial.outcome {
                completed.append(Observation(trial.configuration, outcome, curve: curve))
            } else {
                pending.append(trial.configuration)
                if !curve.isEmpty && pendingCurves[trial.configuration] == nil { pendingCurves[trial.configuration] = curve }
            }
        }
        self.init(space: space, goal: run.goal, seed: run.seed, completed: completed, pending: pending,
                  pendingCurves: pendingCurves, resources: RungTally.rule(of: run)?.ladder)
    }
}
