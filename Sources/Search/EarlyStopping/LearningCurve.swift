/// The objective values one trial has reported so far, ordered by step.
///
/// This is all an early-stopping rule sees of a trial: its number and its points. The
/// executor builds one per trial from the streamed metrics (or, on resume, from the store).
///
/// Points are kept sorted by step with at most one point a step: when a step is reported
/// again — a retried attempt re-reporting from its checkpoint, say — the later report
/// replaces the earlier one. Values may be NaN or infinite; rules treat NaN as the worst
/// possible value and never crash on it.
public struct LearningCurve: Hashable, Sendable {
    /// One reported value.
    public struct Point: Hashable, Sendable {
        /// The training step (the resource: epochs, iterations, whatever the trial counts).
        public var step: Int
        /// The objective at that step.
        public var value: Double

        /// Creates a point.
        public init(step: Int, value: Double) {
            self.step = step
            self.value = value
        }
    }

    /// The trial number.
    public var trial: Int
    /// The points, strictly increasing in step.
    public private(set) var points: [Point]

    /// Creates a curve. Points are sorted by step (stably); of several points with the same
    /// step the last one given is kept.
    public init(trial: Int, points: [Point] = []) {
        self.trial = trial
        self.points = []
        for p in points { append(step: p.step, value: p.value) }
    }

    /// Creates a curve from `(step, value)` pairs; see `init(trial:points:)`.
    public init(trial: Int, _ pairs: [(step: Int, value: Double)]) {
        self.init(trial: trial, points: pairs.map { Point(step: $0.step, value: $0.value) })
    }

    /// Adds a reported value, replacing an earlier value at the same step.
    public mutating func append(step: Int, value: Double) {
        let point = Point(step: step, value: value)
        // Reports almost always arrive in order, so look from the end.
        var i = points.count
        while i > 0 && points[i - 1].step > step { i -= 1 }
        if i > 0 && points[i - 1].step == step {
            points[i - 1] = point
        } else {
            points.insert(point, at: i)
        }
    }

    /// The last reported point, if any.
    public var latest: Point? { points.last }

    /// The curve as it stood after its first `count` points: what a rule saw when point
    /// `count − 1` arrived. Use it to replay decisions point by point.
    public func prefix(_ count: Int) -> LearningCurve {
        var copy = self
        copy.points = Array(points.prefix(max(count, 0)))
        return copy
    }
}

extension LearningCurve {
    /// The best value among the points at or before `step`, NaN ignored; NaN when every such
    /// value is NaN, nil when there is no point at or before `step`.
    func best(through step: Int, goal: Goal) -> Double? {
        var best: Double?
        for p in points where p.step <= step {
            guard let b = best else { best = p.value; continue }
            if b.isNaN || goal.isBetter(p.value, than: b) { best = p.value }
        }
        return best
    }

    /// The value recorded at a rung: that of the first point at or after `step` (the report
    /// with which the trial reached the rung), nil when the trial has not reached it.
    func value(reaching step: Int) -> Double? {
        // Points are sorted by step: a binary search.
        var (low, high) = (0, points.count)
        while low < high {
            let mid = (low + high) / 2
            if points[mid].step < step { low = mid + 1 } else { high = mid }
        }
        return low < points.count ? points[low].value : nil
    }
}
