import Execution
import SweepConfig

extension RungTally {
    /// The multi-fidelity model's current best guess, shown under the rungs (issue 15 §3).
    public struct ModelGuess: Hashable, Sendable {
        /// The trial whose configuration the model bets on.
        public var trial: Int
        /// Its parameters as `name=value` pairs, in declared order.
        public var parameters: String
        /// The rung step the model was fitted at; nil when it learned from every rung at once
        /// (or from final values).
        public var level: Int?

        /// Creates a guess.
        public init(trial: Int, parameters: String, level: Int?) {
            self.trial = trial
            self.parameters = parameters
            self.level = level
        }
    }

    /// The guess of a bayes run's model (`BayesStrategy.bestGuess(context:)`), asked with the
    /// question its strategy would be asked now, rebuilt from the store; nil for other
    /// strategies, a configuration that does not load, or before any value.
    ///
    /// It fits the model: tens of milliseconds at a hundred trials, about a second at a few
    /// thousand. `hpo status RUN` and `hpo report` pay it; the dashboard's pages do not ask.
    public static func modelGuess(run: RunInfo, trials: [TrialRecord], curves: [Int: [MetricPoint]]) -> ModelGuess? {
        guard let spec = try? SweepSpec(yaml: run.configurationYAML, path: "run.db"),
              let bayes = spec.strategy.makeStrategy() as? BayesStrategy else { return nil }
        let snapshotTrials = trials.sorted { $0.number < $1.number }
        let context = SuggestionContext(trials: snapshotTrials, run: run, space: spec.space, curves: curves)
        guard let guess = bayes.bestGuess(context: context),
              let trial = snapshotTrials.first(where: { $0.configuration == guess.configuration }) else { return nil }
        let parameters = spec.space.names.compactMap { name in
            guess.configuration[name].map { "\(name)=\($0.displayText)" }
        }.joined(separator: " ")
        return ModelGuess(trial: trial.number, parameters: parameters, level: guess.level)
    }
}
