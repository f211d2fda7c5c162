/// What results.csv's rows need beyond the trial records: each trial's further objectives'
/// values and whether it is on the Pareto front (runs with several objectives), and the last
/// value of every metric it reported and the best of each objective (every run).
public struct ResultsMarks: Hashable, Sendable {
    /// The last value of each further objective, by trial (NaN: never reported).
    public var furtherValues: [Int: [Double]]
    /// The trials on the Pareto front.
    public var front: Set<Int>
    /// The last value of every metric each trial reported, by trial and name.
    public var lastValues: [Int: [String: Double]] = [:]
    /// The best value of each objective, by trial (NaN: never reported).
    public var bestValues: [Int: [Double]] = [:]

    /// Marks as given (none by default).
    public init(furtherValues: [Int: [Double]] = [:], front: Set<Int> = []) {
        self.furtherValues = furtherValues
        self.front = front
    }
}

extension RunStore {
    /// The marks of every finished trial of the run, the front as it stands now.
    public func resultsMarks() throws(RunStoreError) -> ResultsMarks {
        let numbers = try trials().filter(\.state.isFinal).map(\.number)
        var marks = ResultsMarks()
        if isMultiObjective {
            marks = ResultsMarks(furtherValues: try furtherObjectiveValues(trials: numbers),
                                 front: Set(try paretoFront().map(\.number)))
        }
        marks.lastValues = try lastMetricValues(trials: numbers)
        marks.bestValues = try bestObjectiveValues(trials: numbers)
        return marks
    }

    /// The marks of trial `number` just finished: its values, and whether no trial that
    /// finished before it dominates it (a later one may: the file is rewritten at the run's end).
    func resultsMarks(ofFinished number: Int) throws(RunStoreError) -> ResultsMarks {
        var marks = ResultsMarks()
        if isMultiObjective {
            marks = ResultsMarks(furtherValues: try furtherObjectiveValues(trials: [number]),
                                 front: try isOnParetoFront(number) ? [number] : [])
        }
        marks.lastValues = try lastMetricValues(trials: [number])
        marks.bestValues = try bestObjectiveValues(trials: [number])
        return marks
    }
}
