/// What a `SimulatedRun` records: the resource spent and, after each step, the best
/// full-fidelity value found so far (kept as the steps where it improved).
public struct RunTrace: Sendable, Equatable {
    /// An improvement: after `steps` steps in all, the best full-fidelity value became `best`.
    public struct Point: Sendable, Equatable {
        public let steps: Int
        public let best: Double
    }

    /// The steps the run was allowed.
    public let budget: Int
    /// The steps spent so far, over all trials.
    public internal(set) var steps = 0
    /// Trials started.
    public internal(set) var trials = 0
    /// Trials that reached step R.
    public internal(set) var fullTrials = 0
    /// Each improvement of the best full-fidelity value, in order.
    public internal(set) var improvements: [Point] = []

    /// Creates an empty trace.
    public init(budget: Int) {
        self.budget = budget
    }

    /// Counts one step; `fullValue` is its value when the step was a trial's last (step R).
    /// NaN and infinite values never count as best.
    mutating func record(step fullValue: Double?) {
        steps += 1
        guard let v = fullValue, v.isFinite, v < (improvements.last?.best ?? .infinity) else { return }
        improvements.append(Point(steps: steps, best: v))
    }

    /// The best full-fidelity value found within the first `steps` steps; nil when no trial
    /// had reached step R by then.
    public func best(atSteps steps: Int) -> Double? {
        improvements.last { $0.steps <= steps }?.best
    }
}
