import Execution
import Foundation

/// A report kept in memory (the dashboard's) brought up to date by reading only what its
/// store gained since (`RunStore.changes(since:)`): at 10,000 trials a new metric point costs
/// that point and its trial's row, not every trial and every point again.
extension RunReport {
    /// Reads what `store` gained since `readThrough` into the report. False, with the report
    /// left part-updated, when it cannot go on from there: it was not read from a store, the
    /// store is another run's, or rows it read were rewritten (ids went backwards, rows were
    /// deleted — a controller reattaching reads an attempt's points again — or trials went
    /// missing); the caller reads it again with `load(from:)`.
    public mutating func update(from store: RunStore) throws -> Bool {
        guard let mark = readThrough else { return false }
        let changes = try store.changes(since: mark)
        let now = changes.mark, run = changes.summary.run
        guard now.transitions >= mark.transitions, now.metrics >= mark.metrics,
              now.transitionRows == mark.transitionRows + changes.transitionsSince,
              now.metricRows == mark.metricRows + changes.points.count,
              run.name == self.run.name, run.createdAt == self.run.createdAt else { return false }
        apply(changes)
        tags = try store.tags()
        return snapshot.trials.count == changes.summary.counts.values.reduce(0, +)
    }

    /// Merges `changes` into the report: the trials it re-read replace theirs (new ones join
    /// in number order), its points extend the objective's curves (each re-sorted by step,
    /// stably, as `load` sorts them) and the metrics' last values.
    mutating func apply(_ changes: RunChanges) {
        if readThrough == nil || run.configurationYAML != changes.summary.run.configurationYAML {
            space = try? SweepSpec(yaml: changes.summary.run.configurationYAML, path: "run.db").space
        }
        snapshot.summary = changes.summary
        readThrough = changes.mark
        merge(changes.trials)
        let numbers = Set(changes.trials.map(\.number))
        snapshot.infeasible.subtract(numbers)
        snapshot.infeasible.formUnion(changes.infeasible)
        if let objectives = changes.objectives {
            (snapshot.objectiveValues, snapshot.front) = objectives
        }
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
        if rungs == nil || !touched.isEmpty {
            rungs = RungTally.rule(of: run).map { RungTally(rule: $0.name, ladder: $0.ladder, goal: run.goal, curves: curves) }
        }
    }

    /// Replaces the trials `changed` re-read (sorted by number) and inserts the new ones.
    private mutating func merge(_ changed: [TrialRecord]) {
        guard !changed.isEmpty else { return }
        if snapshot.trials.isEmpty {
            snapshot.trials = changed
            return
        }
        for trial in changed {
            // Binary search: the trials stay sorted by number.
            var low = 0, high = snapshot.trials.count
            while low < high {
                let middle = (low + high) / 2
                if snapshot.trials[middle].number < trial.number { low = middle + 1 } else { high = middle }
            }
            if low < snapshot.trials.count, snapshot.trials[low].number == trial.number {
                snapshot.trials[low] = trial
            } else {
                snapshot.trials.insert(trial, at: low)
            }
        }
    }
}
