/// Whether a smaller or a larger objective is better.
public enum Goal: String, Hashable, Sendable, CaseIterable {
    case minimize
    case maximize

    /// True when `a` is strictly better than `b` under this goal.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .minimize ? a < b : a > b
    }

    /// The objective turned into a loss to minimize: `value` for minimize, `−value` for maximize.
    public func loss(_ value: Double) -> Double {
        self == .minimize ? value : -value
    }
}
