/// Every trial's learning curve, kept by the caller one point at a time and indexed the way
/// its early-stopping rule compares trials: per step (or rung) the values recorded there, in
/// order, so that a decision reads a rank, a median or a cutoff with binary searches.
///
/// The history is a value built from curves alone: after a restart, feeding it the stored
/// points again (in any order, point by point or curve by curve) gives the same indexes, so
/// rules stay pure functions of the curves. Keep one history per rule (`init(rule:goal:)`):
/// the indexes are the ones that rule asks for (`EarlyStopping.comparison`).
///
/// Cost: appending a point at a later step than the trial's latest is O(log n) per index it
/// enters (one step for median when trials report at common steps, the rungs it passes for
/// successive halving) plus the insertion's `memmove`; the first point at a step nobody has
/// reported yet builds that step's index in one pass over the trials (median only).
/// Replacing or inserting an earlier point re-indexes that one trial.
public struct CurveHistory: Sendable {
    /// Whether smaller or larger values are better; the indexes rank by it.
    public let goal: Goal
    /// The rule the indexes serve; nil indexes nothing.
    let rule: (any EarlyStopping)?
    /// What is indexed: `rule.comparison`, `.curves` without a rule.
    let comparison: EarlyStoppingComparison

    struct Key: Hashable, Sendable {
        var cohort: Int
        var step: Int
    }

    private(set) var entries: [Int: LearningCurve] = [:]
    /// Median: each trial's best value so far (NaN only when all are NaN).
    private var bests: [Int: Double] = [:]
    /// Per cohort and step, the values recorded there: losses (NaN kept, ranked last) at
    /// rungs, badness (NaN as +∞) for median.
    private(set) var indexes: [Key: RankedValues] = [:]
    /// Median: per cohort, the steps with an index, ascending.
    private var indexedSteps: [Int: [Int]] = [:]

    /// An empty history for `rule` (nil: no rule, nothing indexed).
    public init(rule: (any EarlyStopping)?, goal: Goal) {
        self.rule = rule
        self.goal = goal
        self.comparison = rule?.comparison ?? .curves
    }

    /// A history holding `curves` (a later curve with the same trial number replaces an
    /// earlier one).
    public init(rule: (any EarlyStopping)?, goal: Goal, curves: [LearningCurve]) {
        self.init(rule: rule, goal: goal)
        for curve in curves { self[curve.trial] = curve }
    }

    /// How many trials have a curve.
    public var count: Int { entries.count }

    /// Every curve, by trial number.
    public var curves: [LearningCurve] { entries.values.sorted { $0.trial < $1.trial } }

    /// Every curve but `trial`'s, by trial number: what `decide(_:others:goal:)` is given.
    public func curves(excluding trial: Int) -> [LearningCurve] {
        entries.values.filter { $0.trial != trial }.sorted { $0.trial < $1.trial }
    }

    /// Trial `trial`'s curve; setting it replaces the whole curve (nil removes the trial).
    public subscript(trial: Int) -> LearningCurve? {
        get { entries[trial] }
        set {
            let old = entries[trial]
            if let new = newValue, let old, new.trial == trial, new.points.count >= old.points.count,
               new.points.prefix(old.points.count).elementsEqual(old.points) {
                for p in new.points.dropFirst(old.points.count) { append(trial: trial, step: p.step, value: p.value) }
                return
            }
            if let old { unindex(old) }
            entries[trial] = newValue.map { LearningCurve(trial: trial, points: $0.points) }
            if let new = entries[trial] { index(new) }
        }
    }

    /// Adds a reported point to trial `trial`'s curve, replacing an earlier point at the same
    /// step (as `LearningCurve.append(step:value:)`).
    public mutating func append(trial: Int, step: Int, value: Double) {
        let old = entries[trial]
        var curve = old ?? LearningCurve(trial: trial)
        curve.append(step: step, value: value)
        guard old?.latest.map({ step > $0.step }) ?? true else {
            self[trial] = curve  // a replaced or earlier point: re-index the trial
            return
        }
        entries[trial] = curve
        indexAppended(trial: trial, previous: old?.latest?.step, first: curve.points[0].step, step: step, value: value)
    }

    /// The cohort trials are compared within (Hyperband's bracket; 0 for other rules).
    func cohort(of trial: Int) -> Int { rule?.cohort(ofTrial: trial) ?? 0 }

    // MARK: Indexing

    /// Indexes a point at a step past the trial's previous latest step.
    private mutating func indexAppended(trial: Int, previous: Int?, first: Int, step: Int, value: Double) {
        let c = cohort(of: trial)
        switch comparison {
        case .curves:
            return
        case .valueReachingRungs:
            for s in rungs(of: trial, after: previous, through: step) {
                indexes[Key(cohort: c, step: s), default: .init()].insert(goal.loss(value))
            }
        case .bestThroughStep(let from):
            let old = bests[trial]
            let new = Self.better(old, value, goal)
            bests[trial] = new
            let steps = indexedSteps[c] ?? []
            // The steps in (previous, step] at or after the trial's first point now count it.
            var i = Self.firstIndex(in: steps, notBelow: previous.map { $0 + 1 } ?? step)
            while i < steps.count, steps[i] <= step {
                let best = steps[i] < step ? old! : new
                indexes[Key(cohort: c, step: steps[i])]!.insert(goal.badness(best))
                i += 1
            }
            if step >= from, !(i > 0 && steps[i - 1] == step) { buildBestIndex(cohort: c, step: step) }
        }
    }

    /// Indexes a whole curve (the trial is not in the indexes).
    private mutating func index(_ curve: LearningCurve) {
        guard let latest = curve.latest else { return }
        for (key, value) in entries(of: curve) { indexes[key, default: .init()].insert(value) }
        if case .bestThroughStep(let from) = comparison {
            bests[curve.trial] = curve.best(through: latest.step, goal: goal)
            let c = cohort(of: curve.trial)
            for p in curve.points where p.step >= from && indexes[Key(cohort: c, step: p.step)] == nil {
                buildBestIndex(cohort: c, step: p.step)
            }
        }
    }

    /// Takes a whole curve out of the indexes.
    private mutating func unindex(_ curve: LearningCurve) {
        for (key, value) in entries(of: curve) { indexes[key]?.remove(value) }
        bests[curve.trial] = nil
    }

    /// What `curve` puts in the indexes: at each rung it passed, the value it reached it with
    /// (a loss); at each indexed step it reached, its best value through the step (a badness).
    private func entries(of curve: LearningCurve) -> [(Key, Double)] {
        let c = cohort(of: curve.trial)
        guard let latest = curve.latest else { return [] }
        switch comparison {
        case .curves:
            return []
        case .valueReachingRungs:
            return rungs(of: curve.trial, after: nil, through: latest.step).map {
                (Key(cohort: c, step: $0), goal.loss(curve.value(reaching: $0)!))
            }
        case .bestThroughStep:
            return bests(of: curve, atStepsOf: c).map { (Key(cohort: c, step: $0.step), goal.badness($0.best)) }
        }
    }

    /// The steps `rule.nextDecisionStep` announces for `trial` in (`after`, `through`].
    private func rungs(of trial: Int, after: Int?, through step: Int) -> [Int] {
        var out: [Int] = []
        var next = rule?.nextDecisionStep(after: after, trial: trial)
        while let s = next, s <= step {
            out.append(s)
            guard s < step, let following = rule?.nextDecisionStep(after: s, trial: trial), following > s else { break }
            next = following
        }
        return out
    }

    /// Each indexed step of cohort `c` that `curve` has reached, from its first point on, with
    /// the curve's best value through that step.
    private func bests(of curve: LearningCurve, atStepsOf c: Int) -> [(step: Int, best: Double)] {
        var out: [(step: Int, best: Double)] = []
        guard let first = curve.points.first, let latest = curve.latest else { return out }
        let steps = indexedSteps[c] ?? []
        var (i, p, best) = (Self.firstIndex(in: steps, notBelow: first.step), 0, nil as Double?)
        while i < steps.count, steps[i] <= latest.step {
            while p < curve.points.count, curve.points[p].step <= steps[i] {
                best = Self.better(best, curve.points[p].value, goal)
                p += 1
            }
            out.append((steps[i], best!))
            i += 1
        }
        return out
    }

    /// Builds the median index of a step nobody had reached the index of: one pass over the
    /// cohort's trials.
    private mutating func buildBestIndex(cohort c: Int, step: Int) {
        indexes[Key(cohort: c, step: step)] = scanBest(cohort: c, step: step)
        var steps = indexedSteps[c] ?? []
        steps.insert(step, at: Self.firstIndex(in: steps, notBelow: step))
        indexedSteps[c] = steps
    }

    /// The badness of the best value through `step` of every trial of cohort `c` that has
    /// reached it.
    func scanBest(cohort c: Int, step: Int) -> RankedValues {
        var values = RankedValues()
        for curve in entries.values where (curve.latest?.step ?? .min) >= step && cohort(of: curve.trial) == c {
            if let b = curve.best(through: step, goal: goal) { values.insert(goal.badness(b)) }
        }
        return values
    }

    /// The loss of the value with which each trial of cohort `c` reached `step`.
    func scanReaching(cohort c: Int, step: Int) -> RankedValues {
        var values = RankedValues()
        for curve in entries.values where cohort(of: curve.trial) == c {
            if let v = curve.value(reaching: step) { values.insert(goal.loss(v)) }
        }
        return values
    }

    /// `best` updated with a later value, as `LearningCurve.best(through:goal:)` does.
    static func better(_ best: Double?, _ value: Double, _ goal: Goal) -> Double {
        guard let best else { return value }
        return best.isNaN || goal.isBetter(value, than: best) ? value : best
    }

    /// The index of the first element of ascending `steps` at or above `step`.
    static func firstIndex(in steps: [Int], notBelow step: Int) -> Int {
        var (low, high) = (0, steps.count)
        while low < high {
            let mid = (low + high) / 2
            if steps[mid] < step { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
