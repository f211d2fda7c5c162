/// What results.csv's row of a run with several objectives needs beyond the trial record:
/// each trial's second and later objectives' values and the trials on the Pareto front.
public struct ParetoMarks: Hashable, Sendable {
    /// The last value of each further objective, by trial (NaN: never reported).
    public var furtherValues: [Int: [Double]]
    /// The trials on the Pareto front.
    public var front: Set<Int>

    /// Marks as given (none by default: a run with one objective).
    public init(furtherValues: [Int: [Double]] = [:], front: Set<Int> = []) {
        self.furtherValues = furtherValues
        self.front = front
    }
}

extension RunStore {
    /// The marks of every trial of the run, the front as it stands now; none with one objective.
    public func paretoMarks() throws(RunStoreError) -> ParetoMarks {
        guard isMultiObjective else { return ParetoMarks() }
        let numbers = try trials().filter(\.state.isFinal).map(\.number)
        return ParetoMarks(furtherValues: try furtherObjectiveValues(trials: numbers),
                           front: Set(try paretoFront().map(\.number)))
    }

    /// The marks of trial `number` just finished: its values, and whether no trial that
    /// finished before it dominates it (a later one may: the file is rewritten at the run's end).
    func paretoMarks(ofFinished number: Int) throws(RunStoreError) -> ParetoMarks {
        guard isMultiObjective else { return ParetoMarks() }
        let values = try furtherObjectiveValues(trials: [number])
        let onFront = try isOnParetoFront(number)
        return ParetoMarks(furtherValues: values, front: onFront ? [number] : [])
    }
}
