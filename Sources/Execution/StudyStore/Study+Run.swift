import Foundation

/// A study kept as an hpo run, and its trials as a results.csv.
extension Study {
    /// Opens the study kept as run `name` under `root` (`runs` unless given), creating the run
    /// when there is none: every ask, report and tell is stored there as it happens, so that
    /// `hpo status`, `hpo best`, `hpo report` and `hpo ui` show it, and a driver started again
    /// after a crash resumes it (see `init(space:strategy:goal:seed:earlyStopping:constraints:storage:)`
    /// and `RunStudyStorage`).
    ///
    ///     let study = try Study.open(run: "logistic", space: space, strategy: .tpe(), seed: 7)
    ///
    /// - Parameter metric: the name the curves and values are stored under (`objective`).
    /// - Throws: `StudyRunError.differentStudy` when the run holds another space, goal, seed,
    ///   constraints or strategy; `StudyRunError.inUse` while another process has it open; what
    ///   the study's initializer throws.
    public static func open(run name: String, root: String = "runs", space: SearchSpace, strategy: StrategyChoice,
                            goal: Goal = .minimize, seed: UInt64 = 0, earlyStopping: (any EarlyStopping)? = nil,
                            constraints: [OutcomeConstraint] = [], metric: String = "objective") throws -> Study {
        try Study(space: space, strategy: strategy, goal: goal, seed: seed, earlyStopping: earlyStopping,
                  constraints: constraints, storage: RunStudyStorage(run: name, root: root, metric: metric))
    }

    /// Opens the study with several objectives kept as run `name` under `root`, creating the
    /// run when there is none, as `open(run:root:space:strategy:goal:seed:earlyStopping:constraints:metric:)`
    /// does. The run stores the first objective's points under its metric name and every
    /// objective in its sweep (`metrics:`), so `hpo status`, `hpo best` and `hpo report` show
    /// its Pareto front, and a run of other objectives is refused as another study.
    ///
    ///     let study = try Study.open(run: "small-and-fast", space: space, strategy: .random, objectives: [
    ///         Objective(metric: "val_loss", goal: .minimize), Objective(metric: "latency_ms", goal: .minimize)])
    ///
    /// - Throws: `StudyObjectivesError` for no objectives or a metric named twice; what
    ///   `open(run:…goal:…)` throws.
    public static func open(run name: String, root: String = "runs", space: SearchSpace, strategy: StrategyChoice,
                            objectives: [Objective], seed: UInt64 = 0, earlyStopping: (any EarlyStopping)? = nil,
                            constraints: [OutcomeConstraint] = []) throws -> Study {
        guard let first = objectives.first else { throw StudyObjectivesError.noObjectives }
        return try Study(space: space, strategy: strategy, objectives: objectives, seed: seed, earlyStopping: earlyStopping,
                         constraints: constraints, storage: RunStudyStorage(run: name, root: root, metric: first.metric))
    }

    /// Writes the finished trials to `path` as results.csv writes them — the same columns
    /// (`trial,state,<parameters>,objective,[feasible,]steps,duration_s,exit_code,attempts`)
    /// and the CLI's state words (`succeeded`, `failed`, `pruned`) — by trial number,
    /// atomically (temporary file, then rename). A study kept in a run exports its store
    /// (durations and attempts included); another leaves `duration_s` empty.
    public func exportCSV(to path: String) throws {
        if let run = storage as? RunStudyStorage, let store = run.store {
            return try ResultsFile.rebuild(at: path, from: store)
        }
        let table = ResultsTable(parameterNames: space.names, constrained: !constraints.isEmpty)
        let finished = trials.filter { $0.state.isFinished }
        let records = finished.map { trial in
            let outcome: Outcome = switch trial.state {
            case .completed: .value(trial.value ?? .nan)
            case .pruned: .pruned(value: trial.value)
            case .running, .failed: .failed
            }
            let (state, objective, explanation) = RunStudyStorage.finalState(of: StoredTrial(
                number: trial.number, parameters: trial.parameters, state: trial.state, outcome: outcome))
            return TrialRecord(number: trial.number, configuration: trial.parameters, state: state, createdAt: Date(),
                               objective: objective.flatMap { $0.isFinite ? $0 : nil }, steps: trial.curve.count,
                               explanation: explanation)
        }
        let infeasible = Set(finished.filter { $0.state == .completed && !isFeasible($0) }.map(\.number))
        try ResultsFile.rebuild(at: path, table: table, trials: records, infeasible: infeasible)
    }
}
