import Foundation
import GRDB

/// The priors of a warm-started run (`--warm-start`), copied into its store when it is made.
extension RunStore {
    /// Stores what warm-starting found: each source's counts and every prior (one transaction).
    public func recordWarmStart(_ sources: [WarmStartSource]) throws(RunStoreError) {
        let names = parameterNames
        try write { db in
            for source in sources {
                try db.execute(sql: "INSERT INTO warm_start (source_run, finished, taken, dropped) VALUES (?, ?, ?, ?)",
                               arguments: [source.run, source.finished, source.priors.count, source.droppedText])
                for prior in source.priors {
                    let values = JSONOutput.array(prior.observation.constraintValues.map { JSONOutput.real($0) }).compactText
                    let further = JSONOutput.array(prior.observation.furtherValues.map { JSONOutput.real($0) }).compactText
                    try db.execute(sql: """
                        INSERT INTO prior (source_run, source_trial, parameters, objective, constraint_values, further_values)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [source.run, prior.trial,
                                         ParameterJSON.encode(prior.observation.configuration, order: names),
                                         prior.observation.finiteValue ?? .nan, values, further])
                }
            }
        }
    }

    /// The priors the strategy hears, in the order they were stored.
    public func priorObservations() throws(RunStoreError) -> [Observation] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT parameters, objective, constraint_values, further_values FROM prior ORDER BY id
                """)
            let objectives = max(0, self.objectives.count - 1)
            return try rows.map { row in
                let text: String = row[0]
                guard let decoded = ParameterJSON.decode(text) else {
                    throw RunStoreError.badValue(path: path, detail: "prior parameters \(text)")
                }
                let objective: Double? = row[1]
                var observation = Observation(decoded.configuration, .value(objective ?? .nan))
                observation.constraintValues = Self.numbers(row[2] as String)
                // A prior stored before v6 carries none: NaN, as a trial that never reported them.
                let further = Self.numbers(row[3] as String? ?? "[]")
                if objectives > 0 {
                    observation.furtherValues = further.count == objectives
                        ? further : [Double](repeating: .nan, count: objectives)
                }
                return observation
            }
        }
    }

    /// The numbers of a stored JSON array (null for NaN); empty when it is not one.
    private static func numbers(_ text: String) -> [Double] {
        guard case .array(let values)? = try? JSONParser.parse(text) else { return [] }
        return values.map { if case .number(let x, _) = $0 { x } else { .nan } }
    }

    /// The runs this run was warm-started from, with their counts (no priors: see
    /// `priorObservations`); empty for a cold run.
    public func warmStarts() throws(RunStoreError) -> [WarmStartSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT source_run, finished, taken, dropped FROM warm_start ORDER BY id").map {
                WarmStartSummary(run: $0[0], finished: $0[1], taken: $0[2], dropped: $0[3])
            }
        }
    }

    /// The succeeded trials with a finite objective, by number, with the last value of each
    /// of `metrics` (NaN where none): what another run's warm start reads from this one.
    public func succeededTrials(withLastValuesOf metrics: [String]) throws(RunStoreError)
        -> [(trial: TrialRecord, values: [Double])] {
        let trials = try self.trials(in: [.succeeded]).filter { $0.objective?.isFinite ?? false }
        let values = try read { db in try lastValues(db, metrics: metrics, trials: trials.map(\.number)) }
        return trials.map { ($0, values[$0.number] ?? []) }
    }
}
