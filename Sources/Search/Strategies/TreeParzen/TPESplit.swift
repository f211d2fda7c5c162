import Foundation

/// The finished and pending trials of a TPE suggestion, split into the good ones, ℓ, and the
/// rest, g, as Optuna's `_split_trials` does for one objective:
///
/// - trials that finished with a finite value rank first, by objective (best first);
/// - then pruned trials with a finite last value, by that value;
/// - then trials that finished with NaN or ±∞, and pruned ones without a value;
/// - then, in a run with outcome constraints (`SuggestionContext.constraints`), the trials
///   that finished infeasible, by how far they are from the bounds (`OutcomeConstraint.violation`),
///   as Optuna's `_split_infeasible_trials` does with `constraints_func`: below every
///   feasible one, so ℓ models the feasible region first;
/// - pending trials (the constant liar) rank last.
///
/// ℓ takes the first min(⌈γ·n⌉, `maximumBelow`) trials, n counting the finished trials that
/// take part (pending ones do not count, as in Optuna); failed trials take no part. Within each group the weights follow Optuna's `default_weights`:
/// all 1 up to 25 trials; past that, the 25 most recent weigh 1 and the older ones ramp
/// linearly from 1/m up to 1 (m the group's size), in the order the trials were suggested.
///
/// Several objectives (`SuggestionContext.furtherGoals`, Optuna's MOTPE): the completed
/// feasible trials with every objective finite rank first, and ℓ takes ⌈γ·n⌉ of them without
/// the cap, by non-domination rank and hypervolume contribution (`belowIndices`), each
/// weighing 1 in ℓ; a trial missing a later objective ranks with those without a value.
struct TPESplit {
    private struct Entry {
        var point: ParzenEstimator.Point
        /// (tier, loss): lower is better.
        var rank: (Int, Double)
        var order: Int
    }

    let layout: ParzenEstimator.Layout
    let options: TPEStrategy.Options
    private var entries: [Entry] = []
    /// How many finished trials have a value (complete or pruned): what the random start counts.
    private(set) var ranked = 0
    /// True with several objectives: ℓ is chosen by Pareto rank, uncapped and unweighted.
    let multiObjective: Bool

    init(context: SuggestionContext, layout: ParzenEstimator.Layout, options: TPEStrategy.Options) {
        self.layout = layout
        self.options = options
        let space = context.space
        let sign = context.goal == .minimize ? 1.0 : -1.0
        let constraints = context.constraints
        let goals = context.goals
        multiObjective = context.isMultiObjective
        var losses: [(entry: Int, loss: [Double])] = []
        for (order, observation) in context.completed.enumerated() where space.contains(observation.configuration) {
            let rank: (Int, Double)
            switch observation.outcome {
            case .failed: continue
            // Only trials that finished are judged feasible (as `hpo status` judges succeeded ones).
            case .value where !OutcomeConstraint.allSatisfied(constraints, by: observation.constraintValues.map { $0 }):
                rank = (3, OutcomeConstraint.violation(constraints, by: observation.constraintValues))
            case .value(let v) where v.isFinite && multiObjective:
                let loss = zip(goals, [v] + observation.furtherValues).map { $0.loss($1) }
                if loss.count == goals.count && loss.allSatisfy(\.isFinite) {
                    rank = (0, 1)  // (0, 0) once chosen for ℓ, below
                    losses.append((entries.count, loss))
                } else {
                    rank = (2, 0)
                }
            case .value(let v) where v.isFinite: rank = (0, sign * v)
            case .pruned(let v?) where v.isFinite: rank = (1, sign * v)
            case .value, .pruned: rank = (2, 0)
            }
            ranked += 1
            entries.append(Entry(point: layout.point(observation.configuration, in: space), rank: rank,
                                 order: order))
        }
        let chosen = TPESplit.belowIndices(losses.map(\.loss), count: min(belowCount(ranked), losses.count))
        for i in chosen { entries[losses[i].entry].rank = (0, 0) }
        if options.constantLiar {
            for configuration in context.pending where space.contains(configuration) {
                addPending(layout.point(configuration, in: space))
            }
        }
    }

    /// Adds a pending trial: it ranks last, and counts as the most recent.
    mutating func addPending(_ point: ParzenEstimator.Point) {
        entries.append(Entry(point: point, rank: (4, 0), order: entries.count + Int(UInt32.max)))
    }

    /// How many trials ℓ holds out of `n`.
    func belowCount(_ n: Int) -> Int {
        let count = Int((options.gamma * Double(n)).rounded(.up))
        return min(multiObjective ? count : min(count, options.maximumBelow), n)
    }

    /// The trials of ℓ and of g, from one ranking of the trials (best first).
    private var groups: (below: ArraySlice<Entry>, above: ArraySlice<Entry>) {
        let sorted = entries.enumerated().sorted { a, b in
            a.element.rank != b.element.rank ? a.element.rank < b.element.rank : a.offset < b.offset
        }.map(\.element)
        let cut = belowCount(ranked)
        return (sorted[..<cut], sorted[cut...])
    }

    /// ℓ's trials' points, best first.
    var belowPoints: [ParzenEstimator.Point] { groups.below.map(\.point) }

    /// The Parzen estimators of ℓ and of g.
    func estimators(priorWeight: Double) -> (below: ParzenEstimator, above: ParzenEstimator) {
        func estimator(_ group: ArraySlice<Entry>, uniform: Bool) -> ParzenEstimator {
            let ordered = group.sorted { $0.order < $1.order }
            let weights = uniform ? Array(repeating: 1, count: ordered.count) : TPESplit.weights(ordered.count)
            return ParzenEstimator(layout: layout, observations: ordered.map(\.point), weights: weights,
                                   priorWeight: priorWeight)
        }
        let (below, above) = groups
        // Optuna weighs MOTPE's ℓ uniformly: its trials are chosen by rank, not by age.
        return (estimator(below, uniform: multiObjective), estimator(above, uniform: false))
    }

    /// Optuna's `default_weights(m)`.
    static func weights(_ m: Int) -> [Double] {
        guard m >= 25 else { return Array(repeating: 1, count: m) }
        let ramp = m - 25
        let rising: [Double] = ramp == 1 ? [1 / Double(m)]
            : (0..<ramp).map { i in 1 / Double(m) + (1 - 1 / Double(m)) * Double(i) / Double(ramp - 1) }
        return rising + Array(repeating: 1, count: 25)
    }
}
