/// A study with several objectives: told a vector per trial, its best is a Pareto front.
///
///     let study = try Study(space: space, strategy: .random, objectives: [
///         Objective(metric: "val_loss", goal: .minimize), Objective(metric: "latency_ms", goal: .minimize)])
///     let trial = try study.ask()
///     try study.tell(trial, values: [0.31, 12.5])
///     print(study.bestTrials)   // the trials no other beats in every objective
///
/// The first objective is the study's `goal` and the value `tell(_:values:)` hands on as the
/// trial's value (early stopping follows it); the others are kept as metrics named after
/// their objective, which the strategy hears as `Observation.furtherValues`.
extension Study {
    /// Creates a study with several objectives (one works too: it is the single-goal study).
    /// - Throws: `StudyObjectivesError` for no objectives or a metric named twice; what the
    ///   strategy throws for a space it cannot search.
    public convenience init(space: SearchSpace, strategy: StrategyChoice, objectives: [Objective], seed: UInt64 = 0,
                            earlyStopping: (any EarlyStopping)? = nil, constraints: [OutcomeConstraint] = []) throws {
        guard let first = objectives.first else { throw StudyObjectivesError.noObjectives }
        if let repeated = objectives.enumerated().first(where: { i, o in objectives[..<i].contains { $0.metric == o.metric } }) {
            throw StudyObjectivesError.repeatedMetric(repeated.element.metric)
        }
        try self.init(space: space, strategy: strategy, goal: first.goal, seed: seed, earlyStopping: earlyStopping,
                      constraints: constraints)
        self.objectives = objectives
    }

    /// True when the study has more than one objective.
    public var isMultiObjective: Bool { objectives.count > 1 }

    /// Finishes a trial with one value per objective, in `objectives`' order, and any other
    /// metrics it measured (the constrained ones). A NaN first value fails the trial, as
    /// `tell(_:value:)` does; a NaN later value completes it, off the front.
    /// - Throws: `StudyObjectivesError.valueCount` when `values` does not match
    ///   `objectives`; `StudyError.alreadyFinished`, `StudyError.unknownTrial`.
    public func tell(_ trial: Trial, values: [Double], metrics: [String: Double] = [:]) throws {
        guard values.count == objectives.count else {
            throw StudyObjectivesError.valueCount(trial: trial.number, given: values.count,
                                                  objectives: objectives.map(\.metric))
        }
        var all = metrics
        for (k, objective) in objectives.enumerated().dropFirst() { all[objective.metric] = values[k] }
        try tell(trial, value: values[0], metrics: all)
    }

    /// Every objective's value of a completed trial (the later ones NaN where not told);
    /// nil before it completes.
    public func values(of trial: Trial) -> [Double]? {
        locked {
            let r = records[trial.number]
            guard r.state == .completed, let first = r.value else { return nil }
            return [first] + objectives.dropFirst().map { r.metrics[$0.metric] ?? .nan }
        }
    }

    /// The Pareto front: the completed feasible trials with finite values that no other such
    /// trial beats in every objective, sorted by the first objective (best first; the earlier
    /// trial first among equals). With one objective: every trial tied for `bestTrial`'s value.
    public var bestTrials: [Trial] {
        locked {
            var numbers: [Int] = []
            var vectors: [[Double]] = []
            for (n, r) in records.enumerated() where r.state == .completed && feasible(r) {
                guard let first = r.value else { continue }
                numbers.append(n)
                vectors.append([first] + objectives.dropFirst().map { r.metrics[$0.metric] ?? .nan })
            }
            let front = ParetoFront.nonDominated(vectors, goals: objectives.map(\.goal))
            let sorted = front.sorted { a, b in
                vectors[a][0] == vectors[b][0] ? numbers[a] < numbers[b] : goal.isBetter(vectors[a][0], than: vectors[b][0])
            }
            return sorted.map { Trial(number: numbers[$0], parameters: records[numbers[$0]].parameters, study: self) }
        }
    }
}

/// Why a `Study` with several objectives refused a call.
public enum StudyObjectivesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `objectives:` was empty.
    case noObjectives
    /// Two objectives name the same metric.
    case repeatedMetric(String)
    /// `tell(_:values:)` got a vector of the wrong length.
    case valueCount(trial: Int, given: Int, objectives: [String])

    public var description: String {
        switch self {
        case .noObjectives:
            return "a study needs at least one objective, e.g. objectives: [Objective(metric: \"loss\", goal: .minimize)]"
        case .repeatedMetric(let metric):
            return "the objective '\(metric)' is given twice; each objective is a different metric"
        case .valueCount(let n, let given, let objectives):
            return "trial \(n): told \(given) value\(given == 1 ? "" : "s") for \(objectives.count) objectives "
                + "(\(objectives.joined(separator: ", "))); give one value per objective, in that order"
        }
    }
}
