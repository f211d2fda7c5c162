import Execution
import Foundation

/// A report kept in memory (the dashboard's) brought up to date by reading only what its
/// store gained since (`RunStore.changes(since:)`): at 10,000 trials a new metric point costs
/// that point and its trial's row, not every trial and every point again.
extension RunReport {
    /// Where (`readThrough`) the data of each kind of chart last changed: the keys its
    /// drawings are kept by (`DrawnCharts`). Two reports of one lineage (a read from scratch
    /// and the updates continuing it) with the same mark hold the same data of that kind.
    public struct ChangeMarks: Hashable, Sendable {
        /// The trials' records, feasibility, objective vectors or the search space.
        public var trials = RunChanges.Mark()
        /// Any curve of the objective.
        public var curves = RunChanges.Mark()
        /// The curve of a pruned trial (the history shows pruned trials at their last report).
        public var prunedCurves = RunChanges.Mark()
    }

    /// Reads what `store` gained since `readThrough` into the report. False, with the report
    /// left part-updated, when it cannot go on from there: it was not read from a store, the
    /// store is another run's, or rows it read were rewritten (ids went backwards, rows were
    /// deleted — a controller reattaching reads an attempt's points again — or trials went
    /// missing); the caller reads it again with `load(from:)`.
    /// `now` becomes `madeAt` (the slot timeline's running trials end there).
    public mutating func update(from store: RunStore, now: Date = Date()) throws -> Bool {
        guard let mark = readThrough else { return false }
        let changes = try store.changes(since: mark)
        let read = changes.mark, run = changes.summary.run
        guard read.transitions >= mark.transitions, read.metrics >= mark.metrics,
              read.transitionRows == mark.transitionRows + changes.transitionsSince,
              read.metricRows == mark.metricRows + changes.points.count,
              run.name == self.run.name, run.createdAt == self.run.createdAt else { return false }
        apply(changes)
        madeAt = now
        tags = try store.tags()
        return snapshot.trials.count == changes.summary.counts.values.reduce(0, +)
    }

    /// Merges `changes` into the report: the trials it re-read replace theirs (new ones join
    /// in number order), its points extend the objective's curves (each re-sorted by step,
    /// stably, as `load` sorts them) and the metrics' last values.
    mutating func apply(_ changes: RunChanges) {
        var trialsChanged = readThrough == nil
        if readThrough == nil || run.configurationYAML != changes.summary.run.configurationYAML {
            space = try? SweepSpec(yaml: changes.summary.run.configurationYAML, path: "run.db").space
            trialsChanged = true
        }
        snapshot.summary = changes.summary
        readThrough = changes.mark
        if merge(changes.trials) { trialsChanged = true }
        let numbers = Set(changes.trials.map(\.number))
        let infeasible = snapshot.infeasible.subtracting(numbers).union(changes.infeasible)
        if infeasible != snapshot.infeasible { (snapshot.infeasible, trialsChanged) = (infeasible, true) }
        if let objectives = changes.objectives, objectives.values != snapshot.objectiveValues || objectives.front != snapshot.front {
            (snapshot.objectiveValues, snapshot.front, trialsChanged) = (objectives.values, objectives.front, true)
        }
        if trialsChanged { changedAt.trials = changes.mark }
        var touched = Set<Int>()
        let metric = run.metric
        for (trial, point) in changes.points {
            if point.name == metric {
                curves[trial, default: []].append(point)
                touched.insert(trial)
            }
            if lastValues[point.name] == nil { metricNames.append(point.name) }
            lastValues[point.name, default: [:]][trial] = point.value
        }
        for trial in touched {
            // Stable: of points at one step (a retried attempt's), the one stored last stays last.
            curves[trial] = curves[trial]!.enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }
                .map(\.element)
        }
        if !touched.isEmpty { changedAt.curves = changes.mark }
        if touched.contains(where: { index(of: $0).map { snapshot.trials[$0].state == .pruned } ?? false }) {
            changedAt.prunedCurves = changes.mark
        }
        if rungs == nil || !touched.isEmpty {
            rungs = RungTally.rule(of: run).map { RungTally(rule: $0.name, ladder: $0.ladder, goal: run.goal, curves: curves) }
        }
    }

    /// Replaces the trials `changed` re-read (sorted by number) and inserts the new ones;
    /// whether any differs from the one it replaces.
    private mutating func merge(_ changed: [TrialRecord]) -> Bool {
        guard !changed.isEmpty else { return false }
        if snapshot.trials.isEmpty {
            snapshot.trials = changed
            return true
        }
        var differs = false
        for trial in changed {
            if let at = index(of: trial.number) {
                guard snapshot.trials[at] != trial else { continue }
                snapshot.trials[at] = trial
            } else {
                snapshot.trials.insert(trial, at: slot(of: trial.number))
            }
            differs = true
        }
        return differs
    }

    /// Where trial `number` is or would go in the trials (sorted by number): a binary search.
    private func slot(of number: Int) -> Int {
        var low = 0, high = snapshot.trials.count
        while low < high {
            let middle = (low + high) / 2
            if snapshot.trials[middle].number < number { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of trial `number`, if the report has it.
    private func index(of number: Int) -> Int? {
        let at = slot(of: number)
        return at < snapshot.trials.count && snapshot.trials[at].number == number ? at : nil
    }
}
