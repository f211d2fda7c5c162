/// The metric a sweep optimizes.
public struct SweepMetric: Hashable, Sendable {
    /// The key trials report it under in `HPO_METRICS_FILE` lines; default `objective`.
    public var name: String
    /// Minimize (the default) or maximize.
    public var goal: Goal

    /// Creates a metric.
    public init(name: String = "objective", goal: Goal = .minimize) {
        self.name = name
        self.goal = goal
    }

    /// Reads `name`, `name:min` or `name:max` (also `:minimize`, `:maximize`), as
    /// `--metric` and a sweep file's `metrics:` list spell an objective. The suffix is taken
    /// from the last `:` only when it names a goal, so a name may hold a colon itself.
    /// Returns the metric and whether a goal was written (a bare name gets `minimize`).
    public static func parse(_ text: String) -> (metric: SweepMetric, goalWritten: Bool) {
        if let colon = text.lastIndex(of: ":"), let goal = goal(named: String(text[text.index(after: colon)...])) {
            return (SweepMetric(name: String(text[..<colon]), goal: goal), true)
        }
        return (SweepMetric(name: text), false)
    }

    /// `min`/`minimize` or `max`/`maximize`; nil for anything else.
    public static func goal(named text: String) -> Goal? {
        switch text {
        case "min", "minimize": return .minimize
        case "max", "maximize": return .maximize
        default: return nil
        }
    }

    /// The objective this metric is.
    public var objective: Objective { Objective(metric: name, goal: goal) }
}
