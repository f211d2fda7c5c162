/// What the rules read of a `CurveHistory`: the values recorded at one step or rung, with the
/// judged trial's own entry left out, as a sorted view.
extension CurveHistory {
    /// Median: the badness (NaN as +∞) of the best value through `step` of every trial of
    /// cohort `c` but `trial` whose curve has reached `step` and has a point at or before it.
    func bestValues(through step: Int, cohort c: Int, excluding trial: Int) -> RankedValues.Ranking {
        var own: Double?
        if let curve = entries[trial], (curve.latest?.step ?? .min) >= step, cohort(of: trial) == c {
            own = curve.best(through: step, goal: goal).map(goal.badness)
        }
        // An index exists for every reported step when the history serves this comparison;
        // otherwise (a history kept for another rule) the values are gathered from the curves.
        if case .bestThroughStep = comparison, let index = indexes[Key(cohort: c, step: step)] {
            return index.adjusted(removing: own, adding: nil)
        }
        return scanBest(cohort: c, step: step).adjusted(removing: own, adding: nil)
    }

    /// Successive halving: the loss (NaN last) of the value with which every trial of cohort
    /// `c` but `trial` reached `step`, plus `adding` (the judged trial's value).
    func valuesReaching(_ step: Int, cohort c: Int, excluding trial: Int, adding: Double) -> RankedValues.Ranking {
        let own = cohort(of: trial) == c ? entries[trial]?.value(reaching: step).map(goal.loss) : nil
        guard case .valueReachingRungs = comparison else {
            return scanReaching(cohort: c, step: step).adjusted(removing: own, adding: adding)
        }
        // No index: nobody has reached the rung (every trial enters each rung it passes).
        let index = indexes[Key(cohort: c, step: step)] ?? RankedValues()
        return index.adjusted(removing: own, adding: adding)
    }
}
