import Execution

extension RunComparison {
    /// One row of the side-by-side table: a label, then a cell per run ("" where it has none).
    public struct Row: Hashable, Sendable {
        /// What the row shows (indented by two spaces under a heading row).
        public var label: String
        /// A cell per run, in the order of `reports`.
        public var cells: [String]
    }

    /// The facts of every run side by side, the same in `hpo compare` and the compare page:
    /// strategy, objective, state, tags, best (value and trial), trials and their counts by
    /// state, slot time, then the best trial's configuration, a parameter a row. `number`
    /// and `duration` write values and slot-seconds as the medium wants them.
    public func rows(number: (Double) -> String, duration: (Double) -> String) -> [Row] {
        func row(_ label: String, _ cell: (RunReport) -> String) -> Row { Row(label: label, cells: reports.map(cell)) }
        var rows = [
            row("strategy") { $0.run.strategy },
            row("objective") { "\($0.run.goal.rawValue) \($0.run.metric)" },
            row("state") { $0.run.state.rawValue },
        ]
        if reports.contains(where: { !$0.tags.tags.isEmpty }) { rows.append(row("tags") { $0.tags.tags.joined(separator: ",") }) }
        rows.append(row("best") { report in
            report.snapshot.summary.best.flatMap { best in best.objective.map { "\(number($0)) (trial \(best.number))" } } ?? ""
        })
        rows.append(row("trials") { String($0.snapshot.summary.total) })
        for state in TrialState.allCases where reports.contains(where: { ($0.snapshot.summary.counts[state] ?? 0) > 0 }) {
            rows.append(row("  " + state.rawValue) { ($0.snapshot.summary.counts[state]).map(String.init) ?? "" })
        }
        rows.append(row("slot time") { duration(RunComparison.slotSeconds($0)) })
        rows.append(Row(label: "best configuration", cells: reports.map { _ in "" }))
        for name in parameterNames {
            rows.append(row("  " + name) { $0.snapshot.summary.best?.configuration[name]?.commandLineText ?? "" })
        }
        return rows
    }

    /// What to say of the runs' bests: which run is best, or that the objectives differ and
    /// the bests are not compared (`hpo compare` and the compare page print it under the table).
    public func verdict(number: (Double) -> String) -> String {
        if !sameObjective {
            let list = objectives.map { o in
                "\(o.goal.rawValue) \(o.metric): " + o.runs.map { reports[$0].run.name }.joined(separator: ", ")
            }.joined(separator: "; ")
            return "the runs optimize different objectives (\(list)); their bests are not compared"
        }
        guard let i = bestRun, let best = reports[i].snapshot.summary.best, let value = best.objective else {
            return "no run has a best trial yet"
        }
        let run = reports[i].run
        return "best: \(run.name), trial \(best.number), \(run.metric) \(number(value)) (\(run.goal.rawValue))"
    }
}
